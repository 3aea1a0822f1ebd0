import { CAUSE_CU, CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID, defaultParams, dieGrid } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { causeColour, drawDieCauseMap, placedDies } from './die-cause-map.js';
import { causeColours } from './wafer-map.js';

const geom = { R: 150000, e: 0, W: 10000, L: 10000, s: 1000 };
// The map square is 600 px wide at (20, 40): centre (320, 340), 596 px per 300 mm.
const px = (x: number) => Math.floor(320 + (x * 596) / 300000);
const py = (y: number) => Math.floor(340 - (y * 596) / 300000);
const OFF = 255;

/** A 3x3 tile map: the corners off the wafer, the rest coded as given (row 0 at the smallest y). */
function map(codes: number[]) {
  return { cols: 3, rows: 3, causes: Uint8Array.from(codes) };
}

describe('placedDies', () => {
  it('puts the dies where physics puts them (docs/physics.md §1.1): the same centres as dieGrid', () => {
    const params = { ...defaultParams, wafer: { R: 150000, e: 0 }, die: { W: 10000, L: 10000, s: 1000 } };
    const grid = dieGrid(params);
    const n = Math.floor((2 * 150000) / 11000) + 1;
    const causes = new Uint8Array(n * n).fill(OFF);
    for (const d of grid) causes[d.row * n + d.col] = CAUSE_GOOD;
    const placed = placedDies(geom, { cols: n, rows: n, causes });
    expect(placed.length).toBe(grid.length);
    expect(placed.map((d) => [d.cx, d.cy])).toEqual(grid.map((d) => [d.cx, d.cy]));
  });

  it('leaves off-wafer tiles out and keeps each die index and cause', () => {
    const placed = placedDies(
      geom,
      map([OFF, CAUSE_GOOD, OFF, CAUSE_VOID, CAUSE_CU, CAUSE_OVERLAY, OFF, 0, OFF]),
    );
    expect(placed).toEqual([
      { index: 1, cx: 0, cy: -11000, cause: CAUSE_GOOD },
      { index: 3, cx: -11000, cy: 0, cause: CAUSE_VOID },
      { index: 4, cx: 0, cy: 0, cause: CAUSE_CU },
      { index: 5, cx: 11000, cy: 0, cause: CAUSE_OVERLAY },
      { index: 7, cx: 0, cy: 11000, cause: CAUSE_GOOD },
    ]);
  });
});

describe('drawDieCauseMap', () => {
  it('fills each die with the colour of its cause, at its place (row 0 at the bottom)', () => {
    const c = drawDieCauseMap(
      geom,
      map([OFF, CAUSE_VOID, OFF, CAUSE_OVERLAY, CAUSE_GOOD, CAUSE_CU, OFF, CAUSE_GOOD, OFF]),
      't',
      's',
    );
    expect(c.get(px(0), py(-11000))).toEqual(causeColours.void);
    expect(c.get(px(-11000), py(0))).toEqual(causeColours.overlay);
    expect(c.get(px(11000), py(0))).toEqual(causeColours.cu);
    expect(c.get(px(0), py(0))).toEqual(causeColour(CAUSE_GOOD));
    // An off-wafer tile stays wafer background.
    expect(c.get(px(-11000), py(-11000))).toEqual([245, 245, 245, 255]);
  });
});
