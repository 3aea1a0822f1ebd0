// FDC on the simulated bonder's physics (fdc-sim.test-util.ts): records as the store holds them → step
// windows → runs → a model from 200 golden pairs; a silent fault point of the plasma chamber is found
// and named; 1,000 further golden pairs measure the false-alarm rate against what alpha predicts.
import { loadCatalogue } from '@bondline/tool';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRun, type RunCheck } from './check-run.js';
import { type FdcModel, learnFdcModel } from './fdc-model.js';
import { emptyRecords, RECIPE, SimLine, type SimRecords } from './fdc-sim.test-util.js';
import type { FdcRun } from './fdc-types.js';
import { assembleRuns } from './step-runs.js';
import { deriveStepWindows } from './step-windows.js';

const GOLDEN = 200;
const TRIALS = 1000;

function runsOf(records: SimRecords): FdcRun[] {
  const w = deriveStepWindows(records.events, records.pairs);
  expect(w.skipped).toEqual([]);
  return assembleRuns(w.windows, records.samples);
}

function learn(golden: readonly FdcRun[], options: { alpha?: number } = {}): FdcModel {
  const r = learnFdcModel(golden, { version: 1, createdMs: 0, ...options });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

function check(model: FdcModel, run: FdcRun): RunCheck {
  const r = checkRun(model, run);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

/** P(X <= k) for X ~ Binomial(n, p), summed exactly from the pmf. */
function binomialCdf(k: number, n: number, p: number): number {
  let pmf = (1 - p) ** n;
  let cdf = pmf;
  for (let i = 0; i < k; i++) {
    pmf *= ((n - i) / (i + 1)) * (p / (1 - p));
    cdf += pmf;
  }
  return cdf;
}

/** Smallest k with P(X <= k) >= q. */
function binomialQuantile(q: number, n: number, p: number): number {
  let k = 0;
  while (binomialCdf(k, n, p) < q) k++;
  return k;
}

let golden: FdcRun[];
let trials: FdcRun[];
let line: SimLine;

beforeAll(async () => {
  line = await SimLine.open(12);
  const g = emptyRecords();
  line.pairs(GOLDEN, 'G', g);
  golden = runsOf(g);
  const t = emptyRecords();
  line.pairs(TRIALS, 'T', t);
  trials = runsOf(t);
});

describe('FDC on the simulated bonder', () => {
  it('derives the four traced steps of every pair from the step events, with 10 samples per trace', () => {
    expect(golden).toHaveLength(GOLDEN);
    const first = golden[0];
    expect(first?.recipe).toBe(RECIPE);
    expect(first?.steps.map((s) => s.step)).toEqual([
      'plasma.top',
      'clean.top',
      'plasma.bottom',
      'clean.bottom',
    ]);
    expect(Object.keys(first?.steps[0]?.traces ?? {}).sort()).toEqual([
      'ChamberPressure',
      'RfForwardPower',
      'RfReflectedPower',
    ]);
    expect(first?.steps[0]?.traces.ChamberPressure?.values).toHaveLength(10);
  });

  it('finds the silent plasma air leak (PL-VAC-037) and names the plasma steps and the traces it moves', async () => {
    const catalogue = await loadCatalogue();
    if (!catalogue.ok) throw new Error(catalogue.issues[0]?.message);
    const point = catalogue.value.byId.get('PL-VAC-037');
    if (point === undefined) throw new Error('PL-VAC-037 is not in the catalogue');
    // The catalogue's effect as the fault engine hands it to the twin (docs/tool.md §5.5): its level,
    // 10 x 0.12 = 1.2, raises the chamber pressure 2.4 % and the reflected power x 2.2 (§4.6).
    const degradation = { edgeVoidProbability: point.effect.edgeVoidProbability ?? 0, faultIds: [point.id] };
    const model = learn(golden);
    const f = emptyRecords();
    line.pairs(20, 'F', f, { PL1: degradation });
    const t2s: number[] = [];
    for (const run of runsOf(f)) {
      const c = check(model, run);
      t2s.push(...c.faults.filter((x) => x.step.startsWith('plasma.')).map((x) => x.t2));
      expect(c.flagged).toBe(true);
      const plasma = c.faults.filter((x) => x.step.startsWith('plasma.'));
      expect(plasma.map((x) => x.step).sort()).toEqual(['plasma.bottom', 'plasma.top']);
      for (const fault of plasma) {
        expect(fault.pairId).toBe(run.pairId);
        expect(fault.moduleId).toBe('PL1');
        expect(fault.reasons).toContain('t2');
        expect(fault.t2).toBeGreaterThan(fault.t2Ucl);
        // The two traces the leak moves come first; RF forward power does not move with it.
        expect(
          fault.traces
            .slice(0, 2)
            .map((t) => t.trace)
            .sort(),
        ).toEqual(['ChamberPressure', 'RfReflectedPower']);
      }
    }
    const ucl = model.steps.find((s) => s.step === 'plasma.top')?.t2Ucl ?? 0;
    console.log(
      `FDC PL-VAC-037: plasma T² ${Math.min(...t2s).toFixed(0)} to ${Math.max(...t2s).toFixed(0)}, limit ${ucl.toFixed(2)}`,
    );
  });

  it('flags golden runs no more often than alpha and k predict (1,000 simulated golden pairs)', () => {
    const model = learn(golden);
    let flagged = 0;
    let t2Alarms = 0;
    for (const run of trials) {
      const c = check(model, run);
      if (c.flagged) flagged++;
      t2Alarms += c.steps.filter((s) => s.t2Exceeded).length;
    }
    // Prediction, a union bound over the checks of a run (they are positively correlated, so the bound
    // is conservative):
    // - T² per step at alpha = 0.0027, 4 steps: 4 x 0.0027 = 0.0108.
    // - 30 near-normal features (mean, slope, timeAbove of 10 traces) at k = 4: a new value against the
    //   mean and sd of m = 200 golden ones is outside with P(|t(199)| > 4 / sqrt(1 + 1/200)) = 9.28e-5
    //   (Student t tail, by numerical integration of its density).
    // - 20 extremes (max and min of 10 traces), each the largest (smallest) of n = 10 normal samples:
    //   mean 1.53875 and sd 0.58681 in sample sd (Harter 1961, Biometrika 48:151, expected values and
    //   variances of normal order statistics, n = 10), so outside mean + 4 sd means a sample above
    //   1.53875 + 4 x 0.58681 = 3.8860 sd: 1 - Phi(3.8860)^10 = 5.09e-4 (the other side, Phi(-0.8085)^10
    //   = 1.6e-7, is negligible); times 1.47, the same inflation the estimated mean and sd give the
    //   normal case above (9.28e-5 / 6.33e-5), an approximation.
    // P(run flagged) <= 0.0108 + 30 x 9.28e-5 + 20 x 5.09e-4 x 1.47 = 0.0286; the count in 1,000 golden
    // pairs is then at most Binomial(1000, 0.0286)'s 0.999 quantile.
    const predicted = 4 * model.alpha + 30 * 9.28e-5 + 20 * 5.09e-4 * 1.47;
    const bound = binomialQuantile(0.999, TRIALS, predicted);
    console.log(
      `FDC false alarms: ${flagged} of ${TRIALS} golden pairs flagged (T² alarms ${t2Alarms} of ${4 * TRIALS} steps); bound ${bound}`,
    );
    expect(t2Alarms).toBeLessThanOrEqual(binomialQuantile(0.999, 4 * TRIALS, model.alpha));
    expect(flagged).toBeLessThanOrEqual(bound);
  });

  it("T²'s phase II limit gives alpha per step: at alpha 0.05, the 4,000 golden steps alarm within the binomial interval", () => {
    const model = learn(golden, { alpha: 0.05 });
    let alarms = 0;
    for (const run of trials) alarms += check(model, run).steps.filter((s) => s.t2Exceeded).length;
    // Binomial(4000, 0.05): mean 200; its 0.0005 and 0.9995 quantiles bound the count. The steps of one
    // pair are independent in the twin; the limits are conditional on one golden set, which widens the
    // spread a little beyond the binomial (Montgomery §11.3: the F limit is exact over golden sets).
    const lo = binomialQuantile(0.0005, 4 * TRIALS, 0.05);
    const hi = binomialQuantile(0.9995, 4 * TRIALS, 0.05);
    console.log(`FDC T² at alpha 0.05: ${alarms} of ${4 * TRIALS} golden steps; interval [${lo}, ${hi}]`);
    expect(alarms).toBeGreaterThanOrEqual(lo);
    expect(alarms).toBeLessThanOrEqual(hi);
  });
});
