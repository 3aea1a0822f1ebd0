import { describe, expect, it } from 'vitest';
import { FakePhysics } from '../drivers/sim/fake-physics.test-util.js';
import { ScriptedFaults } from '../drivers/sim/scripted-faults.test-util.js';
import { INSPECT_BOUND, testBound } from '../schedule/test-recipes.test-util.js';
import { testConfig } from './controller-harness.test-util.js';
import { runLot } from './run-lot.js';

describe('runLot', () => {
  it('runs one lot offline with progress per pair, the simulated operator answering alarms', async () => {
    const progress: string[] = [];
    const faults = new ScriptedFaults([
      {
        moduleId: 'IN1',
        fromCall: 2,
        alarm: { faultId: 'IN-TEST', recovery: 'operator-clear', recoveryS: 200 },
      },
    ]);
    const r = await runLot({
      config: testConfig(),
      recipe: INSPECT_BOUND,
      physics: new FakePhysics(),
      faults,
      bound: testBound,
      pairs: 5,
      seed: 3,
      r2rOffsets: { Tx: 1, Ty: 1, Rot: 0, Mag: 0 },
      onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.pair.stackId}`),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(progress).toEqual([
      '1/5 LOT-3-S01',
      '2/5 LOT-3-S02',
      '3/5 LOT-3-S03',
      '4/5 LOT-3-S04',
      '5/5 LOT-3-S05',
    ]);
    expect(r.value.summary).toMatchObject({
      lotId: 'LOT-3',
      recipe: 'T-INSPECT',
      pairs: 5,
      outcome: 'completed',
      bottleneck: 'inspection',
    });
    expect(r.value.pairs.map((p) => p.faults)).toEqual([[], ['IN-TEST'], [], [], []]);
    expect(r.value.pairs[0]?.overlay.Tx).toBeCloseTo(11, 6);
    expect(faults.clearedLog.map((c) => c.faultId)).toEqual(['IN-TEST']);
  });

  it('refuses an invalid lot or R2R offsets before anything runs', async () => {
    const base = {
      config: testConfig(),
      recipe: INSPECT_BOUND,
      physics: new FakePhysics(),
      faults: new ScriptedFaults(),
      bound: testBound,
      seed: 1,
    };
    const tooMany = await runLot({ ...base, pairs: 26 });
    expect(tooMany.ok ? [] : tooMany.issues.map((i) => i.code)).toEqual(['invalid-lot']);
    const offsets = await runLot({ ...base, pairs: 1, r2rOffsets: { Tx: 1e6, Ty: 0, Rot: 0, Mag: 0 } });
    expect(offsets.ok ? [] : offsets.issues.map((i) => i.code)).toEqual(['out-of-range']);
    expect(base.physics.calls).toEqual([]);
  });
});
