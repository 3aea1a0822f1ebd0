import { describe, expect, it } from 'vitest';
import { drawRunChart, type RunPanel } from './run-chart.js';

const SERIES = [30, 90, 200, 255];
const FLAG = [210, 40, 40, 255];
const CENTER = [0, 150, 0, 255];
const WHITE = [255, 255, 255, 255];

function chart(panels: RunPanel[], notes: string[] = []) {
  return drawRunChart({ title: 't', subtitle: 's', xLabels: ['1', '2', '3'], xTitle: 'slot', panels, notes });
}

// Layout of run-chart.ts: panels 200 px high from y = 64, 34 px apart; x from 90 to 900 - 30, so
// with three points they sit at x = 90, 480 and 870. The vertical range is the points' and limits'
// extremes widened by 8 % of the span on each side.
const py = (v: number, lo: number, hi: number, top = 64) => {
  const pad = 0.08 * (hi - lo);
  return Math.round(top + 200 - ((v - (lo - pad)) / (hi - lo + 2 * pad)) * 200);
};

describe('drawRunChart', () => {
  it('is 900 px wide and as high as its panels and notes', () => {
    // 64 + 2 × (200 + 34) + 24 + 10, then 12 px per note.
    expect([
      chart([{ label: 'a', values: [1, 2, 3] }]).width,
      chart([{ label: 'a', values: [1] }]).height,
    ]).toEqual([900, 332]);
    const two = { label: 'a', values: [1, 2, 3] };
    expect(chart([two, two]).height).toBe(566);
    expect(chart([two, two], ['we1 at P1', 'we4 at P3']).height).toBe(566 + 24);
  });

  it('draws the points in blue, flagged points in red, and the centre line in green', () => {
    const c = chart([
      { label: 'x', values: [1, 2, 3], band: { center: 2, lcl: 0, ucl: 4 }, flagged: new Set([2]) },
    ]);
    expect(c.get(480, py(2, 0, 4))).toEqual(SERIES);
    expect(c.get(870 - 1, py(3, 0, 4))).toEqual(FLAG);
    // Between two points on the centre line, away from the series: the centre line.
    expect(c.get(700, py(2, 0, 4))).toEqual(CENTER);
  });

  it('breaks the line where a value is missing', () => {
    const joined = chart([{ label: 'x', values: [1, 2, 3] }]);
    const broken = chart([{ label: 'x', values: [1, null, 3] }]);
    // The middle point (2 at x = 480) is drawn, or nothing is there.
    expect(joined.get(480, py(2, 1, 3))).toEqual(SERIES);
    expect(broken.get(480, py(2, 1, 3))).toEqual(WHITE);
  });
});
