// X-bar R and X-bar S limits against a hand computation with subgroups of 7, the smallest size whose
// lower R and S limits are not 0 (so D3 and B3 are tested, not floored away).
//
// Subgroups: G0 = 0 1 2 3 4 5 6 (mean 3, R 6, s √(28/6) = 2.160247), G1 = 1 2 3 4 5 6 7 (mean 4, R 6,
// s 2.160247), G2 = 0 2 4 6 8 10 12 (mean 6, R 12, s √(112/6) = 4.320494). x̄̄ = 13/3, R̄ = 8,
// s̄ = 8.640988/3 = 2.880329.
// Constants for n = 7, Montgomery, Introduction to Statistical Quality Control, 7th ed., Appendix VI:
// A2 0.419, D3 0.076, D4 1.924, d2 2.704; A3 1.182, B3 0.118, B4 1.882, c4 0.9594.
import { describe, expect, it } from 'vitest';
import { parseChartSettings } from './chart-settings.js';
import { judge } from './judge-chart.js';
import { type SpcChart, startPhase } from './spc-phases.js';

const GROUPS = [
  [0, 1, 2, 3, 4, 5, 6],
  [1, 2, 3, 4, 5, 6, 7],
  [0, 2, 4, 6, 8, 10, 12],
];
const MEAN = 13 / 3;
const R_BAR = 8;
const S_BAR = 2.880329;

function started(kind: 'xbar-r' | 'xbar-s'): SpcChart {
  const s = parseChartSettings({ kind, subgroupSize: 7 });
  if (!s.ok) throw new Error('settings');
  const c = startPhase({ settings: s.value, phases: [] }, GROUPS, {
    baseline: { first: 0, last: 2 },
    atMs: 0,
    reason: 'hand computation',
  });
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('; '));
  return c.value;
}

/** Within the table's rounding: half a unit of its last digit, times the statistic it multiplies. */
function near(actual: number | undefined, expected: number, factorUnit: number, times: number): void {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(factorUnit * times);
}

describe('X-bar R and X-bar S limits (n = 7)', () => {
  it('X-bar R: x̄̄ ± A2·R̄, D3·R̄ .. D4·R̄, σ = R̄/d2', () => {
    const L = started('xbar-r').phases[0]?.limits;
    expect(L?.mean).toBeCloseTo(MEAN, 12);
    expect(L?.dispersion.center).toBeCloseTo(R_BAR, 12);
    near(L?.location.ucl, MEAN + 0.419 * R_BAR, 0.0005, R_BAR);
    near(L?.location.lcl, MEAN - 0.419 * R_BAR, 0.0005, R_BAR);
    near(L?.dispersion.lcl, 0.076 * R_BAR, 0.0005, R_BAR);
    near(L?.dispersion.ucl, 1.924 * R_BAR, 0.0005, R_BAR);
    near(L?.sigma, R_BAR / 2.704, 0.0005 / 2.704, R_BAR / 2.704);
  });

  it('X-bar S: x̄̄ ± A3·s̄, B3·s̄ .. B4·s̄, σ = s̄/c4', () => {
    const L = started('xbar-s').phases[0]?.limits;
    expect(L?.dispersion.center).toBeCloseTo(S_BAR, 6);
    near(L?.location.ucl, MEAN + 1.182 * S_BAR, 0.0005, S_BAR);
    near(L?.dispersion.lcl, 0.118 * S_BAR, 0.0005, S_BAR);
    near(L?.dispersion.ucl, 1.882 * S_BAR, 0.0005, S_BAR);
    near(L?.sigma, S_BAR / 0.9594, 0.00005 / 0.9594, S_BAR / 0.9594);
  });

  it('a subgroup whose range is below D3·R̄ is a dispersion violation on the low side', () => {
    // R 0.5 < 0.076 · 8 = 0.608; its mean 4 is inside the X-bar limits.
    const low = [3.75, 4, 4, 4, 4, 4, 4.25];
    const j = judge(started('xbar-r'), [...GROUPS, low], { from: 3 });
    if (!j.ok) throw new Error('judge');
    expect(j.value.violations.map((v) => [v.rule, v.chart, v.index, v.side])).toEqual([
      ['dispersion-limit', 'dispersion', 3, 'below'],
    ]);
  });
});
