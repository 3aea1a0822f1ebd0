// The pairs' analyses (migration 3): stored once per version, a newer version replaces, refused by
// field, read back; and the yield figures against a hand-computed case (pair-analysis-fixtures).
import { expect, it } from 'vitest';
import {
  analysisRecord,
  L2_LATER_MS,
  yieldAnalyses,
  yieldLine,
} from '../pair-analysis-fixtures.test-util.js';
import { T0 } from '../store-fixtures.test-util.js';
import { type HarnessFactory, withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

export function analysesContract(factory: HarnessFactory): void {
  it('stores an analysis once per version; a newer version replaces it, an older one changes nothing', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(yieldLine()));
      expect(okValue(await store.pairsToAnalyse({ version: 1 }))).toEqual([
        'L1-P1',
        'L1-P2',
        'L2-P1',
        'L2-P2',
      ]);
      const v1 = analysisRecord('L1-P1', { dies: 10, overlay: 1, void: 1, cu: 0 }, ['FP-A']);
      expect(okValue(await store.writePairAnalyses([v1]))).toEqual({ new: 1, duplicate: 0 });
      expect(okValue(await store.writePairAnalyses([v1]))).toEqual({ new: 0, duplicate: 1 });
      const got = okValue(await store.getPairAnalysis('L1-P1'));
      expect(got).toMatchObject({
        pairId: 'L1-P1',
        version: 1,
        computedMs: v1.computedMs,
        faultPoints: ['FP-A'],
      });
      expect(got.analysis).toEqual(v1.analysis);
      // Figures as columns: 8 of 10 good; 1 overlay, 1 void lost; no overlay fit.
      expect(got.figures).toEqual({
        dies: 10,
        goodDies: 8,
        yield: 0.8,
        expectedYield: 0.8,
        lostDies: { overlay: 1, void: 1, cu: 0 },
        expectedLoss: { overlay: 0.1, void: 0.1, cu: 0 },
        txNm: null,
        tyNm: null,
        rotUrad: null,
        magPpm: null,
        residualXM3sNm: null,
        residualYM3sNm: null,
        voidCount: 1,
        voidAreaUm2: 100,
        issueCount: 0,
      });
      expect(okValue(await store.pairsToAnalyse({ version: 1 }))).toEqual(['L1-P2', 'L2-P1', 'L2-P2']);
      expect(okValue(await store.pairsToAnalyse({ version: 2, limit: 2 }))).toEqual(['L1-P1', 'L1-P2']);

      const v2 = analysisRecord('L1-P1', { dies: 10, overlay: 0, void: 1, cu: 0 }, ['FP-A'], 2);
      expect(okValue(await store.writePairAnalyses([v2]))).toEqual({ new: 1, duplicate: 0 });
      expect(okValue(await store.getPairAnalysis('L1-P1'))).toMatchObject({
        version: 2,
        figures: { goodDies: 9 },
      });
      expect(okValue(await store.writePairAnalyses([v1]))).toEqual({ new: 0, duplicate: 1 });
      expect(okValue(await store.getPairAnalysis('L1-P1')).version).toBe(2);
    });
  });

  it('refuses a bad analysis by field and an unknown pair, writing nothing; answers not-found', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(yieldLine()));
      const good = analysisRecord('L1-P2', { dies: 10, overlay: 0, void: 0, cu: 0 });
      const bad = { ...analysisRecord('L1-P1', { dies: 10, overlay: 1, void: 0, cu: 0 }), version: 0 };
      const refused = issuesOf(await store.writePairAnalyses([good, bad]));
      expect(refused.map((i) => [i.code, i.path])).toEqual([['invalid-record', 'analyses[1].version']]);
      const mismatch = { ...good, pairId: 'L1-P1' };
      expect(issuesOf(await store.writePairAnalyses([mismatch]))[0]).toMatchObject({
        code: 'invalid-record',
        path: 'analyses[0].analysis.pairId',
      });
      const unknown = analysisRecord('NO-SUCH-PAIR', { dies: 1, overlay: 0, void: 0, cu: 0 });
      expect(issuesOf(await store.writePairAnalyses([good, unknown]))[0]?.code).toBe('unknown-reference');
      expect(issuesOf(await store.getPairAnalysis('L1-P2'))[0]).toMatchObject({
        code: 'not-found',
        path: 'id',
      });
      expect(issuesOf(await store.pairsToAnalyse({ version: 0 }))[0]?.code).toBe('bad-filter');
      expect(issuesOf(await store.pairsToAnalyse({ version: 1, limit: 1001 }))[0]?.code).toBe('bad-limit');
    });
  });

  it('gives yield per tool, recipe and lot, the loss Pareto and the learning curve of a hand-computed case', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(yieldLine()));
      okValue(await store.writePairAnalyses(yieldAnalyses()));
      // In all: 40 dies, 32 good (0.8); lost 1 overlay, 5 void, 2 cu. The tools reported 0.901 and 0.902
      // for slots 1 and 2 of each lot: mean 0.9015.
      const all = okValue(await store.yieldSummary({ by: 'tool' }));
      expect(all.total).toMatchObject({ pairs: 4, pairsWithDies: 4, dies: 40, goodDies: 32 });
      expect(all.total.yield).toBeCloseTo(0.8, 12);
      expect(all.total.expectedYield).toBeCloseTo((0.8 + 1 + 0.5 + 0.9) / 4, 12);
      expect(all.total.lostDies).toEqual({ overlay: 1, void: 5, cu: 2 });
      expect(all.total.toolYield).toBeCloseTo(0.9015, 12);
      // B1: 18 of 20 (0.9); B2: 14 of 20 (0.7).
      expect(all.groups.map((g) => [g.key, g.figures.goodDies, g.figures.dies])).toEqual([
        ['B1', 18, 20],
        ['B2', 14, 20],
      ]);
      expect(all.truncated).toBe(false);
      const byRecipe = okValue(await store.yieldSummary({ by: 'recipe' }));
      expect(byRecipe.groups.map((g) => [g.key, g.figures.goodDies])).toEqual([['BOND-STD', 32]]);
      const byLot = okValue(await store.yieldSummary({ toolId: 'B2' }));
      expect(byLot.by).toBe('lot');
      expect(byLot.groups).toEqual([
        expect.objectContaining({
          key: 'L2',
          toolId: 'B2',
          recipe: 'BOND-STD',
          firstMs: T0 + 60_000 + L2_LATER_MS,
        }),
      ]);
      expect(byLot.total.yield).toBeCloseTo(0.7, 12);
      // The time filter is on the pair's start: L1's pairs start at T0 + 1 and 2 minutes.
      const early = okValue(await store.yieldSummary({ fromMs: T0, toMs: T0 + 120_000 }));
      expect(early.groups.map((g) => [g.key, g.figures.pairs])).toEqual([['L1', 1]]);

      // Pareto by cause: void 5 of 40 dies (0.125, 5/8 of the loss), cu 2 (0.05, 2/8), overlay 1 (0.025, 1/8).
      const p = okValue(await store.yieldPareto());
      expect(p.byCause).toEqual([
        { cause: 'void', lostDies: 5, fractionOfDies: 0.125, shareOfLoss: 0.625 },
        { cause: 'cu', lostDies: 2, fractionOfDies: 0.05, shareOfLoss: 0.25 },
        { cause: 'overlay', lostDies: 1, fractionOfDies: 0.025, shareOfLoss: 0.125 },
      ]);
      // Baseline, the pairs naming no fault point (L1-P2, L2-P2): 19 of 20 good, 0.95.
      expect(p.baseline).toMatchObject({ pairs: 2, dies: 20, goodDies: 19 });
      // FP-A (L1-P1, L2-P1): 13 of 20 good, 7 lost, 7 − 20 × 0.05 = 6 beyond the baseline.
      // FP-B (L2-P1): 5 of 10 good, 5 lost, 5 − 10 × 0.05 = 4.5.
      expect(p.byFaultPoint.map((b) => [b.faultPoint, b.pairs, b.dies, b.lostDies])).toEqual([
        ['FP-A', 2, 20, 7],
        ['FP-B', 1, 10, 5],
      ]);
      expect(p.byFaultPoint[0]?.excessLostDies).toBeCloseTo(6, 12);
      expect(p.byFaultPoint[1]?.excessLostDies).toBeCloseTo(4.5, 12);
      expect(p.byFaultPoint[0]?.yield).toBeCloseTo(0.65, 12);
      expect(
        okValue(await store.yieldPareto({ toolId: 'B1' })).byFaultPoint.map((b) => b.faultPoint),
      ).toEqual(['FP-A']);

      // The learning curve: L1 (0.9) then L2 (0.7), oldest first; limit 1 keeps the newest.
      const curve = okValue(await store.yieldCurve());
      expect(curve.points.map((c) => [c.lotId, c.toolId, c.figures.goodDies])).toEqual([
        ['L1', 'B1', 18],
        ['L2', 'B2', 14],
      ]);
      const newest = okValue(await store.yieldCurve({ limit: 1 }));
      expect([newest.points.map((c) => c.lotId), newest.truncated]).toEqual([['L2'], true]);

      // Bad queries are issues.
      expect(issuesOf(await store.yieldCurve({ limit: 0 }))[0]?.code).toBe('bad-limit');
      expect(issuesOf(await store.yieldSummary({ fromMs: T0 + 1, toMs: T0 }))[0]?.code).toBe('bad-range');
      // @ts-expect-error a grouping that does not exist
      expect(issuesOf(await store.yieldSummary({ by: 'module' }))[0]?.code).toBe('bad-filter');
      // Nothing analysed in the range: zero pairs, no yield.
      const none = okValue(await store.yieldSummary({ fromMs: T0 + 10 * L2_LATER_MS }));
      expect(none.total).toMatchObject({
        pairs: 0,
        dies: 0,
        yield: null,
        expectedYield: null,
        toolYield: null,
      });
      expect(none.groups).toEqual([]);
    });
  });
}
