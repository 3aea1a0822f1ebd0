// FDC end to end over GEM (issue 12, "FDC"): the simulated bonders' sensor readings traced by the
// collector (S2F23 every 10 ms) with the step events; a model learned through the API from a golden
// lot and stored; then a golden lot, and a lot on a tool with the silent plasma air leak PL-VAC-037
// (chamber pressure +2.4 %, reflected RF power x 2.2, docs/tool.md §4.6), checked by the FDC service as
// their pairs are committed: the leak's pairs are faults naming the pair, both plasma steps and the
// traces; the golden pairs are not flagged beyond the false-alarm bound.
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FdcFaultRecord } from '../../store/records.js';
import { type FdcRig, startFdcRig } from './fdc-gem-rig.test-util.js';

let rig: FdcRig;

beforeAll(async () => {
  rig = await startFdcRig(21);
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

async function pairIds(lotId: string): Promise<string[]> {
  const r = await rig.store.listPairs({ lotId, limit: 100 });
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value.items.map((i) => i.pair.id);
}

async function faultsOf(query: string): Promise<FdcFaultRecord[]> {
  const r = await rig.api.inject({ method: 'GET', url: `/api/fdc/faults?${query}&limit=1000` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { items: FdcFaultRecord[] }).items;
}

interface Learned {
  recipe: string;
  version: number;
  runs: number;
  steps: { step: string; runs: number; rank: number; t2Ucl: number }[];
}

describe('FDC over GEM, end to end', () => {
  it('learns a model from a golden lot, finds the air leak in the plasma steps, leaves golden pairs alone', async () => {
    await rig.lot('B1', 'LOT-GOLD-1', 25);
    const learned = await rig.api.inject({
      method: 'POST',
      url: '/api/fdc/models',
      payload: { lotIds: ['LOT-GOLD-1'] },
    });
    expect(learned.statusCode, learned.body).toBe(201);
    const model = learned.json() as Learned;
    expect(model).toMatchObject({ recipe: 'BOND-STD', version: 1, runs: 25 });
    // The plan traces the plasma and clean modules only (examples/fab/fab.yaml): four steps a pair.
    // A step is learnt from the pairs with samples in it: on a loaded machine the event loop can stall
    // past a 300 ms step (equipment time is wall time, §9.1), leaving it none; most have about 30.
    expect(model.steps.map((s) => s.step)).toEqual([
      'clean.bottom',
      'clean.top',
      'plasma.bottom',
      'plasma.top',
    ]);
    for (const s of model.steps) expect(s.runs).toBeGreaterThanOrEqual(20);
    const stored = await rig.api.inject({ method: 'GET', url: '/api/fdc/models/BOND-STD' });
    expect(stored.json()).toMatchObject({ recipe: 'BOND-STD', version: 1 });

    // One lot at a time: the machine's load during the checks stays like the golden lot's.
    await rig.lot('B1', 'LOT-GOLD-2', 8);
    await rig.lot('B2', 'LOT-LEAK-1', 4);
    const leak = await pairIds('LOT-LEAK-1');
    const golden = await pairIds('LOT-GOLD-2');
    expect([leak.length, golden.length]).toEqual([4, 8]);
    await until(
      async () => {
        for (const id of [...leak, ...golden]) if (!(await rig.store.getFdcCheck(id)).ok) return false;
        return true;
      },
      'every pair checked',
      {
        timeoutMs: TEST_DEADLINE_MS,
        detail: () => `${JSON.stringify(rig.fdc.counters())}\n${rig.logged.join('\n')}`,
      },
    );

    const leakFaults = await faultsOf('tool=B2');
    for (const pairId of leak) {
      const check = await rig.api.inject({ method: 'GET', url: `/api/pairs/${pairId}/fdc` });
      expect(check.json()).toMatchObject({
        pairId,
        toolId: 'B2',
        recipe: 'BOND-STD',
        modelVersion: 1,
        flagged: true,
      });
      // Every plasma step with samples is a fault (both, unless the loaded machine left one without).
      const sampled = (
        check.json() as { result: { steps: { step: string; summaries: object }[] } }
      ).result.steps
        .filter((st) => st.step.startsWith('plasma.') && Object.keys(st.summaries).length > 0)
        .map((st) => st.step);
      expect(sampled.length).toBeGreaterThan(0);
      const plasma = leakFaults.filter((f) => f.pairId === pairId && f.step.startsWith('plasma.'));
      expect(plasma.map((f) => f.step).sort()).toEqual(sampled.sort());
      for (const f of plasma) {
        expect(f).toMatchObject({ moduleId: 'PL1', modelVersion: 1 });
        expect(f.reasons).toContain('t2');
        expect(f.t2).toBeGreaterThan(f.t2Ucl);
        // Reflected power doubles: its mean far outside its limits, it is among the two traces ranked
        // first (forward power, which it is a fraction of, may share its part of T²).
        const reflected = f.traces.findIndex((t) => t.trace === 'RfReflectedPower');
        expect(reflected, JSON.stringify(f.traces)).toBeGreaterThanOrEqual(0);
        expect(reflected, JSON.stringify(f.traces)).toBeLessThan(2);
        expect(f.traces[reflected]?.outOfLimits).toContain('RfReflectedPower.mean');
      }
      // The pressure's 2.4 % is named in the pair's plasma faults too.
      expect(plasma.some((f) => f.traces.some((t) => t.trace === 'ChamberPressure'))).toBe(true);
    }

    // False alarms: a golden pair is flagged when one of its 4 steps has T² above its limit (alpha
    // 0.0027 each) or one of its 50 features is outside mean ± 4 sd of 25 golden runs. The union bound
    // of a pair is about 0.07 (4 × 0.0027; 30 near-normal features at 4 sd against 25 golden values,
    // Student t with 24 df: 6.6e-4 each; 20 maxima and minima, a heavier tail: 2e-3 each). Binomial(8,
    // 0.07)'s 0.999 quantile is 4 (P(X ≥ 5) = 1e-4).
    const goldenFlagged = new Set((await faultsOf('tool=B1')).map((f) => f.pairId));
    expect(goldenFlagged.size).toBeLessThanOrEqual(4);
    for (const id of golden) {
      expect((await rig.store.getFdcCheck(id)).ok).toBe(true);
    }

    // Every fault stored went out on the live feed (what GET /api/stream sends).
    const all = await faultsOf('recipe=BOND-STD');
    await until(async () => rig.streamed.length === all.length, 'the faults streamed', {
      timeoutMs: TEST_DEADLINE_MS,
    });
    expect(
      rig.streamed.map((r) => (r.type === 'fdc-fault' ? `${r.pairId}/${r.step}` : r.type)).sort(),
    ).toEqual(all.map((f) => `${f.pairId}/${f.step}`).sort());
  }, 240_000);

  it('refuses to learn from too few pairs or unknown lots, naming why', async () => {
    const one = await pairIds('LOT-GOLD-1');
    const few = await rig.api.inject({
      method: 'POST',
      url: '/api/fdc/models',
      payload: { pairIds: one.slice(0, 1) },
    });
    expect(few.statusCode).toBe(422);
    expect(few.json()).toMatchObject({ code: 'too-few-golden-runs' });
    expect((few.json() as { message: string }).message).toContain('BOND-STD/plasma.top');
    const unknown = await rig.api.inject({
      method: 'POST',
      url: '/api/fdc/models',
      payload: { lotIds: ['NOPE'] },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      code: 'unknown-lot',
      message: "no lot 'NOPE' is stored",
      path: 'lotIds[0]',
    });
    const none = await rig.api.inject({ method: 'POST', url: '/api/fdc/models', payload: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ path: 'lotIds' });
  });
});
