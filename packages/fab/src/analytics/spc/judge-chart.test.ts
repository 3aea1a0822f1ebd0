import { describe, expect, it } from 'vitest';
import { type ChartSettingsInput, parseChartSettings } from './chart-settings.js';
import { judge } from './judge-chart.js';
import { type PhaseRequest, type SpcChart, startPhase } from './spc-phases.js';

// Montgomery, Introduction to Statistical Quality Control, 7th ed., Table 9.1: 30 observations, the
// first 20 from N(10, 1), the last 10 from N(11, 1); used for the CUSUM (Example 9.1) and EWMA
// (Example 9.2) charts with μ0 = 10, σ = 1.
const TABLE_9_1 = [
  9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.2, 10.34, 9.03, 11.47, 10.51, 9.4, 10.08, 9.37, 10.62,
  10.31, 8.52, 10.84, 10.9, 9.33, 12.29, 11.5, 10.6, 11.08, 10.38, 11.62, 11.31, 10.52,
];

function chart(settings: ChartSettingsInput): SpcChart {
  const s = parseChartSettings(settings);
  if (!s.ok) throw new Error(s.issues[0]?.message);
  return { settings: s.value, phases: [] };
}

function started(
  c: SpcChart,
  series: Parameters<typeof startPhase>[1],
  request: Partial<PhaseRequest> = {},
): SpcChart {
  const r = startPhase(c, series, {
    baseline: { first: 0, last: series.length - 1 },
    atMs: 0,
    reason: 'baseline',
    ...request,
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

describe('individuals and moving range (I-MR)', () => {
  it('limits from x̄ and MR̄/d2 (hand computation)', () => {
    // x = 10, 12, 11, 13, 12: x̄ = 58/5 = 11.6; MR = 2, 1, 2, 1, MR̄ = 1.5.
    // σ = MR̄/d2(2) = 1.5/(2/√π) = 1.329340; I: 11.6 ± 3σ = 11.6 ± 3.988021 = 7.611979 .. 15.588021
    // (Montgomery eq. 6.33 with 3/d2 = 2.659: 11.6 ± 3.99). MR: UCL = D4(2)·MR̄ = 3.267·1.5 = 4.90.
    const c = started(chart({ kind: 'imr' }), [10, 12, 11, 13, 12]);
    const L = c.phases[0]?.limits;
    expect(L?.mean).toBeCloseTo(11.6, 12);
    expect(L?.sigma).toBeCloseTo(1.32934, 5);
    expect(L?.location.lcl).toBeCloseTo(7.611979, 5);
    expect(L?.location.ucl).toBeCloseTo(15.588021, 5);
    expect(L?.dispersion.center).toBeCloseTo(1.5, 9);
    expect(L?.dispersion.ucl).toBeCloseTo(4.9, 2);
    expect(L?.dispersion.lcl).toBe(0);
    expect(L?.sigmaFrom).toBe('moving-range');

    // New points judged against the frozen limits: 16 is above 15.588 (we1); its moving range
    // |16 − 12| = 4 is within 4.90, |9 − 16| = 7 is not.
    const j = judge(c, [10, 12, 11, 13, 12, 16, 9]);
    expect(j.ok).toBe(true);
    if (!j.ok) return;
    expect(j.value.location.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(j.value.dispersion.map((p) => [p.index, p.value])).toEqual([
      [1, 2],
      [2, 1],
      [3, 2],
      [4, 1],
      [5, 4],
      [6, 7],
    ]);
    expect(j.value.violations.map((v) => [v.rule, v.chart, v.index, v.indexes])).toEqual([
      ['we1', 'location', 5, [5]],
      ['dispersion-limit', 'dispersion', 6, [5, 6]],
    ]);
    expect(JSON.parse(JSON.stringify(j.value))).toEqual(j.value);
  });
});

// Three subgroups of 3, hand computed:
//   [1, 2, 3]: x̄ 2, R 2, s 1;  [2, 4, 3]: x̄ 3, R 2, s 1;  [3, 3, 6]: x̄ 4, R 3, s √3 = 1.732051.
//   x̄̄ = 3, R̄ = 7/3 = 2.333333, S̄ = (2 + √3)/3 = 1.244017.
const SUBGROUPS = [
  [1, 2, 3],
  [2, 4, 3],
  [3, 3, 6],
];

describe('X-bar R', () => {
  it('limits x̄̄ ± A2 R̄ and D3 R̄ .. D4 R̄ (Montgomery eqs. 6.4, 6.5; Appendix VI n = 3)', () => {
    // A2(3) = 1.023: 3 ± 1.023·2.333333 = 0.613 .. 5.387; D4(3) = 2.574: UCL_R = 6.006; D3(3) = 0.
    // Exact: d2(3) = 3/√π = 1.692569, σ = R̄/d2 = 1.378574, σ/√3 = 0.795921, 3 ± 2.387762.
    const c = started(chart({ kind: 'xbar-r', subgroupSize: 3 }), SUBGROUPS);
    const L = c.phases[0]?.limits;
    expect(L?.location.center).toBeCloseTo(3, 12);
    expect(L?.location.ucl).toBeCloseTo(5.387, 2);
    expect(L?.location.ucl).toBeCloseTo(5.387762, 5);
    expect(L?.location.lcl).toBeCloseTo(0.612238, 5);
    expect(L?.dispersion.center).toBeCloseTo(7 / 3, 9);
    expect(L?.dispersion.ucl).toBeCloseTo(6.006, 2);
    expect(L?.dispersion.lcl).toBe(0);
    expect(L?.locationSigma).toBeCloseTo(0.795921, 5);
    // A new subgroup [2, 3, 9.5]: mean 4.833 is inside 0.612 .. 5.388, range 7.5 is above 6.006.
    const j = judge(c, [...SUBGROUPS, [2, 3, 9.5]], { from: 3 });
    if (!j.ok) throw new Error('judge failed');
    expect(j.value.location.map((p) => p.index)).toEqual([3]);
    expect(j.value.violations.map((v) => [v.rule, v.chart, v.index, v.indexes, v.side])).toEqual([
      ['dispersion-limit', 'dispersion', 3, [3], 'above'],
    ]);
  });
});

describe('X-bar S', () => {
  it('limits x̄̄ ± A3 S̄ and B3 S̄ .. B4 S̄ (Montgomery eqs. 6.27, 6.28; Appendix VI n = 3)', () => {
    // A3(3) = 1.954: 3 ± 1.954·1.244017 = 0.569 .. 5.431; B4(3) = 2.568: UCL_S = 3.195; B3(3) = 0.
    const c = started(chart({ kind: 'xbar-s', subgroupSize: 3 }), SUBGROUPS);
    const L = c.phases[0]?.limits;
    expect(L?.location.ucl).toBeCloseTo(5.431, 2);
    expect(L?.location.lcl).toBeCloseTo(0.569, 2);
    expect(L?.dispersion.center).toBeCloseTo((2 + Math.sqrt(3)) / 3, 9);
    expect(L?.dispersion.ucl).toBeCloseTo(3.195, 2);
    expect(L?.dispersion.lcl).toBe(0);
    expect(L?.sigma).toBeCloseTo((2 + Math.sqrt(3)) / 3 / 0.886227, 5);
    const j = judge(c, [...SUBGROUPS, [9, 9, 9.5]]);
    if (!j.ok) throw new Error('judge failed');
    expect(j.value.location.map((p) => p.value)).toEqual([2, 3, 4, 9.166666666666666]);
    expect(j.value.dispersion[2]?.value).toBeCloseTo(Math.sqrt(3), 12);
    expect(j.value.violations.map((v) => [v.rule, v.index])).toEqual([['we1', 3]]);
  });
});

describe('EWMA', () => {
  it('Montgomery Example 9.2: λ = 0.1, L = 2.7, μ0 = 10, σ = 1 on Table 9.1', () => {
    // Example 9.2: z1 = 0.1·9.45 + 0.9·10 = 9.945, z2 = 0.1·7.99 + 0.9·9.945 = 9.7495; limits at
    // period 1: 10 ± 2.7·√(0.1/1.9·(1 − 0.9²)) = 10 ± 0.27 → 9.73 .. 10.27; period 2:
    // 10 ± 2.7·√(0.1/1.9·(1 − 0.9⁴)) = 10 ± 0.3632 → 9.6368 .. 10.3632.
    // Asymptotic: 10 ± 2.7·√(0.1/1.9) = 10 ± 0.6194.
    // Hand computation of the recursion on Table 9.1: z28 = 10.5731 < UCL28 = 10.6186, z29 = 10.6468 >
    // UCL29 = 10.6187, so the first signal is at period 29 (index 28).
    const c = started(chart({ kind: 'ewma', lambda: 0.1, L: 2.7 }), TABLE_9_1, {
      baseline: { first: 0, last: 19 },
      known: { mean: 10, sigma: 1 },
    });
    const j = judge(c, TABLE_9_1);
    if (!j.ok) throw new Error('judge failed');
    const p = j.value.ewma;
    expect(p[0]?.statistic).toBeCloseTo(9.945, 10);
    expect(p[1]?.statistic).toBeCloseTo(9.7495, 10);
    expect(p[0]?.ucl).toBeCloseTo(10.27, 10);
    expect(p[0]?.lcl).toBeCloseTo(9.73, 10);
    expect(p[1]?.ucl).toBeCloseTo(10.3632, 4);
    expect(p[27]?.statistic).toBeCloseTo(10.5731, 4);
    expect(p[28]?.statistic).toBeCloseTo(10.6468, 4);
    expect(p[29]?.ucl).toBeLessThan(10 + 2.7 * Math.sqrt(0.1 / 1.9));
    expect(j.value.violations.map((v) => [v.rule, v.index, v.side])).toEqual([
      ['ewma-limit', 28, 'above'],
      ['ewma-limit', 29, 'above'],
    ]);
    // `from` trims the output, not the recursion: z29 is the same when only 28.. is asked for.
    const tail = judge(c, TABLE_9_1, { from: 28 });
    expect(tail.ok && tail.value.ewma.map((q) => q.index)).toEqual([28, 29]);
    expect(tail.ok && tail.value.ewma[0]?.statistic).toBe(p[28]?.statistic);
  });
});

describe('CUSUM', () => {
  it('Montgomery Example 9.1: k = 0.5, h = 5, μ0 = 10, σ = 1 on Table 9.1', () => {
    // Example 9.1 (Table 9.2): C⁺ first exceeds H = 5 at period 29 with C⁺29 = 5.28 and N⁺ = 7,
    // so the shift began after period 22; the new mean is about 10 + 0.5 + 5.28/7 = 11.25.
    // Hand check of the first periods: C⁻1 = max(0, 9.5 − 9.45) = 0.05, C⁻2 = 0.05 + 9.5 − 7.99 = 1.56,
    // C⁺4 = 11.66 − 10.5 = 1.16, C⁺5 = 1.16 + 12.16 − 10.5 = 2.82.
    const c = started(chart({ kind: 'cusum', k: 0.5, h: 5 }), TABLE_9_1, {
      baseline: { first: 0, last: 19 },
      known: { mean: 10, sigma: 1 },
    });
    const j = judge(c, TABLE_9_1);
    if (!j.ok) throw new Error('judge failed');
    const p = j.value.cusum;
    expect(p[0]?.lower).toBeCloseTo(0.05, 10);
    expect(p[1]?.lower).toBeCloseTo(1.56, 10);
    expect(p[3]?.upper).toBeCloseTo(1.16, 10);
    expect(p[4]?.upper).toBeCloseTo(2.82, 10);
    expect(p[28]?.upper).toBeCloseTo(5.28, 10);
    expect(p[28]?.upperRun).toBe(7);
    expect(10 + 0.5 + (p[28]?.upper ?? 0) / (p[28]?.upperRun ?? 1)).toBeCloseTo(11.25, 2);
    // One signal at the crossing (period 30 stays above H without a new one), its window the 7
    // periods 23..29 (indexes 22..28).
    expect(j.value.violations.map((v) => [v.rule, v.index, v.indexes])).toEqual([
      ['cusum-upper', 28, [22, 23, 24, 25, 26, 27, 28]],
    ]);
  });
});

describe('chart settings', () => {
  it('fills defaults and names bad fields by path', () => {
    const e = parseChartSettings({ kind: 'ewma' });
    expect(e.ok && e.value).toEqual({ kind: 'ewma', lambda: 0.2, L: 3 });
    const bad = parseChartSettings({
      kind: 'imr',
      rules: { we4: { run: 0 }, nelson8: { bothSides: 'yes' } },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['out-of-range', 'rules.we4.run'],
      ['wrong-type', 'rules.nelson8.bothSides'],
    ]);
    const sub = parseChartSettings({ kind: 'xbar-r', subgroupSize: 1 });
    expect(!sub.ok && sub.issues.map((i) => i.path)).toEqual(['subgroupSize']);
    const lam = parseChartSettings({ kind: 'ewma', lambda: 0 });
    expect(!lam.ok && lam.issues.map((i) => i.path)).toEqual(['lambda']);
  });
});
