import { describe, expect, it } from 'vitest';
import { TEST_MODULES } from '../config/tool-config.test-util.js';
import { harness, runToEnd, testConfig } from '../controller/controller-harness.test-util.js';
import { resourceBusy } from './lot-metrics.js';
import {
  BOND_BOUND,
  CLEAN_BOUND,
  expectedBusyPerPair,
  INSPECT_BOUND,
  testBound,
} from './test-recipes.test-util.js';

describe('scheduler: steady state at the bottleneck (docs/tool.md §2)', () => {
  for (const [recipe, bottleneck] of [
    [BOND_BOUND, 'bonder'],
    [CLEAN_BOUND, 'clean'],
    [INSPECT_BOUND, 'inspection'],
  ] as const) {
    it(`${recipe.name}: the ${bottleneck} is at least 98% busy between fill and drain, for several seeds`, async () => {
      const config = testConfig();
      expect(testBound(recipe, config).bottleneck).toBe(bottleneck);
      for (const seed of [1, 2, 3]) {
        const h = harness({ seed });
        const s = await runToEnd(h, `SS${seed}`, 25, recipe.name);
        expect(s.bottleneck).toBe(bottleneck);
        expect(resourceBusy(s.bottleneck, s.modules)).toBeGreaterThanOrEqual(0.98);
        // Throughput follows: within the step-time variation (2% per step) of the bound.
        expect(s.pairsPerHour / s.boundPairsPerHour).toBeGreaterThan(0.97);
        // The other process modules wait on the bottleneck, so none is as busy.
        for (const m of s.modules) if (m.kind !== bottleneck) expect(m.busyFraction).toBeLessThan(0.98);
      }
    });
  }

  it('reports fill (start to first pair done) and drain (last bond start to end) apart', async () => {
    const h = harness();
    const s = await runToEnd(h, 'FD', 25, BOND_BOUND.name);
    const first = h.of('pair-result')[0]?.doneS ?? 0;
    const lastBond =
      h
        .of('step-started')
        .filter((e) => e.moduleId === 'BD1')
        .at(-1)?.atS ?? 0;
    expect(s.fillS).toBe(first - s.startedS);
    expect(s.drainS).toBe(s.endedS - lastBond);
    // Fill holds at least one pass of a pair through every module; it is not part of the steady rate.
    const busy = expectedBusyPerPair(BOND_BOUND.params, TEST_MODULES);
    expect(s.fillS).toBeGreaterThan(busy.get('bonder') ?? 0);
    expect(s.drainS).toBeGreaterThan(0);
    expect(s.endedS - s.startedS).toBeGreaterThan(s.fillS + s.drainS);
  });

  it('uses parallel clean chambers: a second one moves the bottleneck of the clean-bound recipe to the bonder', async () => {
    const config = testConfig({ modules: [...TEST_MODULES, { id: 'CL2', kind: 'clean' }] });
    expect(testBound(CLEAN_BOUND, config).bottleneck).toBe('bonder');
    const one = await runToEnd(harness(), 'PC1', 25, CLEAN_BOUND.name);
    const h = harness({ config });
    const two = await runToEnd(h, 'PC2', 25, CLEAN_BOUND.name);
    expect(two.pairs).toBe(25);
    expect(
      new Set(
        h
          .of('step-started')
          .filter((e) => e.kind === 'clean')
          .map((e) => e.moduleId),
      ),
    ).toEqual(new Set(['CL1', 'CL2']));
    expect(two.pairsPerHour).toBeGreaterThan(1.3 * one.pairsPerHour);
    expect(resourceBusy('bonder', two.modules)).toBeGreaterThanOrEqual(0.98);
  });
});
