import { CAUSE_GOOD, CAUSE_VOID } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { drawVoidMap } from './void-map.js';

const geom = { R: 150000, e: 0, W: 10000, L: 10000, s: 1000 };
// The map square is 600 px wide at (20, 40): centre (320, 340), 596 px per 300 mm.
const px = (x: number) => Math.floor(320 + (x * 596) / 300000);
const py = (y: number) => Math.floor(340 - (y * 596) / 300000);
const OFF = 255;

/** A 3x3 tile map: the corners off the wafer, the rest coded as given (row 0 at the smallest y). */
function map(codes: number[]) {
  return { cols: 3, rows: 3, causes: Uint8Array.from(codes) };
}

describe('drawVoidMap', () => {
  it('draws a found void filled and one below the threshold as a ring, and pales the dies a void killed', () => {
    const dies = map([OFF, CAUSE_VOID, OFF, CAUSE_GOOD, CAUSE_GOOD, CAUSE_GOOD, OFF, CAUSE_GOOD, OFF]);
    const c = drawVoidMap(
      geom,
      dies,
      [
        { xMm: 60, yMm: 60, diameterUm: 20000, cause: 'particle', detected: true },
        { xMm: -60, yMm: 60, diameterUm: 20000, cause: 'edge', detected: false },
      ],
      't',
      's',
    );
    const found = c.get(px(60000), py(60000));
    const ringCentre = c.get(px(-60000), py(60000));
    // 20 mm across is about 40 px: the found one is solid, the other one's centre is not its colour.
    expect(found).toEqual([150, 20, 30, 255]);
    expect(ringCentre).not.toEqual([110, 40, 150, 255]);
    expect(c.get(px(-60000) + 20, py(60000))).toEqual([110, 40, 150, 255]);
    expect(c.get(px(0), py(-11000))).toEqual([244, 190, 180, 255]);
    expect(c.get(px(0), py(0))).toEqual([225, 225, 225, 255]);
  });
});
