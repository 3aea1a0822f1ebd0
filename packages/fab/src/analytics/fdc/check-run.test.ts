import { describe, expect, it } from 'vitest';
import { checkRun, type RunCheck } from './check-run.js';
import { type FdcModel, type LearnFdcOptions, learnFdcModel } from './fdc-model.js';
import type { FdcRun } from './fdc-types.js';

/** A run whose bonder step has traces X and Y, each given as (seconds, value) samples. */
function run(id: string, x: [number, number][], y: [number, number][], recipe = 'R'): FdcRun {
  const series = (s: [number, number][]) => ({
    timesMs: s.map(([t]) => t * 1000),
    values: s.map(([, v]) => v),
  });
  return {
    pairId: id,
    toolId: 'B1',
    recipe,
    steps: [
      { step: 'bonder', moduleId: 'BD1', startMs: 0, endMs: 60_000, traces: { X: series(x), Y: series(y) } },
    ],
  };
}

// Golden set of the hand computation: one sample a step, X = 1, 2, 3, 4 and Y = 2, 1, 4, 3.
const golden = [
  run('g1', [[0, 1]], [[0, 2]]),
  run('g2', [[0, 2]], [[0, 1]]),
  run('g3', [[0, 3]], [[0, 4]]),
  run('g4', [[0, 4]], [[0, 3]]),
];

function model(options: Partial<LearnFdcOptions> = {}): FdcModel {
  const r = learnFdcModel(golden, { version: 3, createdMs: 1_700_000_000_000, ...options });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

function check(m: FdcModel, r: FdcRun): RunCheck {
  const c = checkRun(m, r);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  return c.value;
}

describe('learnFdcModel and checkRun: Hotelling T² against a hand computation', () => {
  // By hand: mean (2.5, 2.5); deviations X -1.5 -0.5 0.5 1.5, Y -0.5 -1.5 1.5 0.5;
  // S = [[5/3, 1], [1, 5/3]] (divisor m - 1 = 3), det 16/9, S⁻¹ = [[15/16, -9/16], [-9/16, 15/16]].
  // New run X = 4.5, Y = 1.5: d = (2, -1), S⁻¹d = (39/16, -33/16), T² = d'S⁻¹d = 78/16 + 33/16 = 111/16
  // = 6.9375, contributions d_j (S⁻¹d)_j: X 78/16 = 4.875, Y 33/16 = 2.0625.
  // Limit: p = 2, m = 4: 2 x 5 x 3 / (4 x 2) = 3.75 times F(alpha; 2, 2), and F(2, 2) has P(F > x) =
  // 1 / (1 + x), so F(0.0027; 2, 2) = 1 / 0.0027 - 1 and the limit is 3.75 x 369.370 = 1385.14.
  const newRun = run('n1', [[0, 4.5]], [[0, 1.5]]);

  it('learns mean, sd, limits, covariance and the limit; the constant features stay out of T²', () => {
    const m = model();
    expect(m).toMatchObject({
      format: 'bondline-fdc-model',
      version: 3,
      createdMs: 1_700_000_000_000,
      kSigma: 4,
      alpha: 0.0027,
    });
    expect(m.goldenRunIds).toEqual(['g1', 'g2', 'g3', 'g4']);
    const s = m.steps[0];
    expect(s?.features).toEqual([
      'X.max',
      'X.mean',
      'X.min',
      'X.slope',
      'X.timeAbove',
      'Y.max',
      'Y.mean',
      'Y.min',
      'Y.slope',
      'Y.timeAbove',
    ]);
    expect(m.features[1]).toBe('R/bonder/X.mean');
    expect(s?.mean[1]).toBeCloseTo(2.5, 12);
    expect(s?.sd[1]).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s?.lower[1]).toBeCloseTo(2.5 - 4 * Math.sqrt(5 / 3), 12);
    expect(s?.covariance[1]?.[6]).toBeCloseTo(1, 12);
    // X.mean and Y.mean: slope and time above (threshold the golden mean 2.5, one sample) are always 0.
    expect(s?.t2Features).toEqual([1, 6]);
    expect(s?.rank).toBe(2);
    expect(s?.thresholds).toEqual({ X: 2.5, Y: 2.5 });
    expect(s?.t2Ucl).toBeCloseTo(3.75 * (1 / 0.0027 - 1), 6);
  });

  it('gives T² = 111/16 with contributions 78/16 (X) and 33/16 (Y); inside the limit, not flagged', () => {
    const c = check(model(), newRun);
    const s = c.steps[0];
    expect(s?.t2).toBeCloseTo(111 / 16, 10);
    expect(s?.contributions['X.mean']).toBeCloseTo(78 / 16, 10);
    expect(s?.contributions['Y.mean']).toBeCloseTo(33 / 16, 10);
    expect(s?.traces.map((t) => t.trace)).toEqual(['X', 'Y']);
    expect(s?.traces[0]?.share).toBeCloseTo(78 / 111, 10);
    expect(c.flagged).toBe(false);
    expect(c.faults).toEqual([]);
  });

  it('gives the same T² through the pseudo-inverse when max = min = mean all enter it (collinear)', () => {
    const m = model({ t2Statistics: ['mean', 'max', 'min', 'slope', 'timeAbove'] });
    expect(m.steps[0]?.rank).toBe(2);
    const s = check(m, newRun).steps[0];
    expect(s?.t2).toBeCloseTo(111 / 16, 8);
    // Each trace's contribution splits evenly over its three equal features; per trace it is unchanged.
    expect(s?.contributions['X.max']).toBeCloseTo(78 / 48, 8);
    expect(s?.traces.find((t) => t.trace === 'X')?.contribution).toBeCloseTo(78 / 16, 8);
    expect(s?.traces.find((t) => t.trace === 'Y')?.contribution).toBeCloseTo(33 / 16, 8);
  });

  it('flags a run past T² and the limits, and names the step and the trace that drove it first', () => {
    const c = check(model({ alpha: 0.2 }), run('n2', [[0, 20]], [[0, 2.5]]));
    expect(c.flagged).toBe(true);
    const f = c.faults[0];
    expect(f).toMatchObject({
      pairId: 'n2',
      toolId: 'B1',
      recipe: 'R',
      step: 'bonder',
      moduleId: 'BD1',
      reasons: ['t2', 'limits'],
    });
    expect(f?.traces[0]?.trace).toBe('X');
    expect(f?.traces[0]?.outOfLimits).toEqual(['X.max', 'X.mean', 'X.min']);
    const mean = c.steps[0]?.outOfLimits.find((o) => o.feature === 'X.mean');
    expect(mean?.z).toBeCloseTo(17.5 / Math.sqrt(5 / 3), 10);
  });

  it('flags a change in a feature constant over the golden runs (no z), T² unaffected', () => {
    // X rises from 2 to 3 over the step: mean 2.5 as golden, slope 1 and 0.5 s above 2.5 never seen.
    const c = check(
      model(),
      run(
        'n3',
        [
          [0, 2],
          [1, 3],
        ],
        [[0, 2.5]],
      ),
    );
    expect(c.steps[0]?.t2).toBeCloseTo(0, 10);
    expect(c.faults[0]?.reasons).toEqual(['limits']);
    expect(c.steps[0]?.outOfLimits.map((o) => o.feature)).toEqual(['X.slope', 'X.timeAbove']);
    expect(c.steps[0]?.outOfLimits[0]).toEqual({ feature: 'X.slope', value: 1, lower: 0, upper: 0 });
  });

  it('reports missing steps, refuses an unknown recipe, and refuses too few golden runs', () => {
    const m = model();
    const none = checkRun(m, { pairId: 'n4', toolId: 'B1', recipe: 'R', steps: [] });
    expect(none.ok && none.value.missingSteps).toEqual(['bonder']);
    const other = checkRun(m, run('n5', [[0, 1]], [[0, 1]], 'OTHER'));
    expect(!other.ok && other.issues[0]?.code).toBe('unknown-recipe');
    const few = learnFdcModel(golden.slice(0, 1), { version: 1, createdMs: 0 });
    expect(!few.ok && few.issues.map((i) => [i.code, i.path])).toEqual([['too-few-golden-runs', 'R/bonder']]);
    const bad = learnFdcModel(golden, { version: 0, createdMs: 0, alpha: 2 });
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(['alpha', 'version']);
  });
});
