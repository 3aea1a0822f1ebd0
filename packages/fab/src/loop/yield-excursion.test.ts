// Yield excursions (docs/fab.md §11.5): a window's mean under the floor, or dropped from the window
// before it by more than the set amount, is one excursion with its pairs, losses and fault points;
// windows are per (tool, recipe). Die counts are the fixtures' (one row of 10 dies a pair), so each
// expected figure is counted by hand below.
import { describe, expect, it } from 'vitest';
import type { AnalysedPair } from '../analytics/pair/pair-analyser.js';
import { analysisRecord } from '../store/pair-analysis-fixtures.test-util.js';
import { pair } from '../store/store-fixtures.test-util.js';
import { YieldExcursions } from './yield-excursion.js';

let slot = 0;
function analysed(
  toolId: string,
  good: number,
  faults: readonly string[] = [],
  recipe = 'BOND-STD',
): AnalysedPair {
  slot++;
  const p = { ...pair(`L-${toolId}-P${slot}`, toolId, `L-${toolId}`, slot), recipe };
  // 10 dies: `good` good, the rest lost to overlay but one to a void when any are lost.
  const lost = 10 - good;
  const counts = { dies: 10, overlay: Math.max(0, lost - 1), void: lost > 0 ? 1 : 0, cu: 0 };
  return { toolId, lotId: p.lotId, recipe, pair: p, record: analysisRecord(p.id, counts, faults) };
}

const SETTINGS = { enabled: true, window: 4, below: 0.5, drop: 0.25 };

describe('yield excursions', () => {
  it('flags a window under the floor with its pairs, losses and fault points, then starts afresh', () => {
    const x = new YieldExcursions(SETTINGS);
    for (let i = 0; i < 4; i++) expect(x.observe(analysed('B1', 9))).toBeUndefined();
    const low = [3, 2, 4, 3].map((g, i) =>
      x.observe(analysed('B1', g, i < 2 ? ['BD-ALIGN-061'] : ['PL-VAC-037'])),
    );
    expect(low.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    const v = low[3];
    // Mean (3 + 2 + 4 + 3) / 40 = 0.3; lost 7 + 8 + 6 + 7 = 28 dies, one to a void per pair.
    expect(v).toMatchObject({
      toolId: 'B1',
      faultKey: 'yield:BOND-STD',
      title: 'Yield excursion on B1 BOND-STD: 30.0% over the last 4 pairs, under 50.0%',
      data: {
        meanYield: 0.3,
        previousMeanYield: 0.9,
        lostDies: { overlay: 24, void: 4, cu: 0 },
        faultPoints: [
          { id: 'BD-ALIGN-061', pairs: 2 },
          { id: 'PL-VAC-037', pairs: 2 },
        ],
      },
    });
    expect(v?.data.pairs).toHaveLength(4);
    // The next window starts empty: three more low pairs are not yet an excursion.
    for (let i = 0; i < 3; i++) expect(x.observe(analysed('B1', 1))).toBeUndefined();
    expect(x.observe(analysed('B1', 1))?.data.meanYield).toBe(0.1);
  });

  it('flags a drop from the window before it, and keeps tools and recipes apart', () => {
    const x = new YieldExcursions(SETTINGS);
    for (let i = 0; i < 4; i++) x.observe(analysed('B2', 10));
    for (let i = 0; i < 3; i++) x.observe(analysed('B2', 7));
    // Other tools and recipes do not fill B2's window.
    expect(x.observe(analysed('B3', 0))).toBeUndefined();
    expect(x.observe(analysed('B2', 0, [], 'BOND-FAST'))).toBeUndefined();
    // 1.0 → 0.7: a drop of 0.3 > 0.25, though above the floor.
    expect(x.observe(analysed('B2', 7))?.title).toBe(
      'Yield excursion on B2 BOND-STD: 70.0% over the last 4 pairs, down from 100.0%',
    );
  });

  it('does nothing when switched off, and refuses a window under 1', () => {
    const x = new YieldExcursions({ ...SETTINGS, enabled: false });
    for (let i = 0; i < 8; i++) expect(x.observe(analysed('B4', 0))).toBeUndefined();
    expect(() => new YieldExcursions({ ...SETTINGS, window: 0 })).toThrow(/window/);
  });
});
