import { describe, expect, it } from 'vitest';
import { yieldColour } from './colormap.js';
import { causeColours, drawCauseMap, drawYieldMap } from './wafer-map.js';

const geom = { R: 150000, e: 0, W: 10000, L: 10000 };
// Two dies either side of the centre line, and one far up.
const dies = [
  { cx: -5500, cy: 5500 },
  { cx: 5500, cy: 5500 },
  { cx: 5500, cy: 115500 },
];
// The map square is 600 px wide at (20, 40): centre (320, 340), 596 px per 300 mm.
const px = (x: number) => Math.floor(320 + (x * 596) / 300000);
const py = (y: number) => Math.floor(340 - (y * 596) / 300000);

describe('drawYieldMap', () => {
  it('fills each die at its position with its yield colour', () => {
    const c = drawYieldMap(geom, dies, [0.2, 0.9, 1], 'title', 'sub');
    expect(c.get(px(-5500), py(5500))).toEqual(yieldColour(0.2));
    expect(c.get(px(5500), py(5500))).toEqual(yieldColour(0.9));
    expect(c.get(px(5500), py(115500))).toEqual(yieldColour(1));
    // A street between dies stays wafer background.
    expect(c.get(px(0), py(5500))).toEqual([245, 245, 245, 255]);
  });

  it('refuses a yield list of the wrong length', () => {
    expect(() => drawYieldMap(geom, dies, [1], 't', 's')).toThrow(RangeError);
  });
});

describe('drawCauseMap', () => {
  it('colours a die by its dominant cause, full colour when lost on every wafer', () => {
    const c = drawCauseMap(
      geom,
      dies,
      { wafers: 4, overlay: [4, 0, 0], void: [0, 0, 1], cu: [0, 0, 0] },
      't',
      's',
    );
    expect(c.get(px(-5500), py(5500))).toEqual(causeColours.overlay);
    expect(c.get(px(5500), py(5500))).toEqual([26, 152, 80, 255]);
    const pale = c.get(px(5500), py(115500));
    // Lost on 1 of 4 wafers: between white and the void colour.
    expect(pale[0]).toBeGreaterThan(causeColours.void[0]);
    expect(pale[1]).toBeGreaterThan(causeColours.void[1]);
  });
});
