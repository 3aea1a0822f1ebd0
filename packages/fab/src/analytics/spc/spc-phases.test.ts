import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChartSettings } from './chart-settings.js';
import { judge } from './judge-chart.js';
import { createChart, recompute, type SpcChart, startPhase } from './spc-phases.js';

function imr(): SpcChart {
  const c = createChart({ kind: 'imr' });
  if (!c.ok) throw new Error('settings');
  return c.value;
}

function must<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

// 19 points alternating 10, 11 (index 0..18) and a wild 30 at index 19.
const BASE = [...Array.from({ length: 19 }, (_, i) => (i % 2 === 0 ? 10 : 11)), 30];

describe('phases', () => {
  it('phase I drops out-of-control baseline points and estimates again (hand computation)', () => {
    // Pass 1: x̄ = (10·10 + 9·11 + 30)/20 = 11.45; MR = 18 × 1 and |30 − 10| = 20, MR̄ = 38/19 = 2;
    // σ = 2/d2(2) = 1.772454, UCL = 11.45 + 5.317362 = 16.767 → index 19 (30) is out.
    // Pass 2 without it: x̄ = 199/19 = 10.473684; MR̄ = 18/18 = 1, σ = 1/d2(2) = √π/2 = 0.886227;
    // limits 10.473684 ± 2.658681 = 7.815003 .. 13.132365: every kept point is inside, done.
    const without = must(startPhase(imr(), BASE, { baseline: { first: 0, last: 19 }, atMs: 1, reason: 'r' }));
    expect(without.phases[0]?.limits.mean).toBeCloseTo(11.45, 12);
    expect(without.phases[0]?.excluded).toEqual([]);
    const c = must(
      startPhase(imr(), BASE, {
        baseline: { first: 0, last: 19 },
        removeOutOfControl: true,
        atMs: 1_767_600_000_000,
        reason: 'qualification lot',
      }),
    );
    const p = c.phases[0];
    expect(p?.excluded).toEqual([19]);
    expect(p?.limits.mean).toBeCloseTo(199 / 19, 12);
    expect(p?.limits.sigma).toBeCloseTo(Math.sqrt(Math.PI) / 2, 6);
    expect(p?.limits.location.ucl).toBeCloseTo(13.132365, 5);
    expect(p?.limits.used).toBe(19);
    expect(p).toMatchObject({
      number: 1,
      startedAtMs: 1_767_600_000_000,
      reason: 'qualification lot',
      appliesFrom: 0,
      baseline: { first: 0, last: 19 },
    });
  });

  it('freezes limits, judges new points against them, recomputes only on request and keeps history', () => {
    const c1 = must(
      startPhase(imr(), BASE, {
        baseline: { first: 0, last: 19 },
        removeOutOfControl: true,
        atMs: 1,
        reason: 'I',
      }),
    );
    const later = [...BASE, 10.5, 10.4, 14, 10.2];
    // 14 > UCL 13.132 (frozen: the new points do not move the limits).
    const j = must(judge(c1, later, { from: 20 }));
    expect(j.location.map((p) => p.index)).toEqual([20, 21, 22, 23]);
    expect(j.location.every((p) => p.phase === 1 && p.ucl === c1.phases[0]?.limits.location.ucl)).toBe(true);
    expect(j.violations.filter((v) => v.rule === 'we1').map((v) => v.index)).toEqual([22]);
    // The baseline's own wild point is judged in phase 1 too (it was part of the baseline).
    expect(must(judge(c1, later)).violations.some((v) => v.rule === 'we1' && v.index === 19)).toBe(true);

    const shifted = [...later, ...Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 20 : 21))];
    const c2 = must(
      recompute(c1, shifted, { baseline: { first: 24, last: 33 }, atMs: 2, reason: 'bond head replaced' }),
    );
    expect(c2.phases).toHaveLength(2);
    expect(c2.phases[0]).toEqual(c1.phases[0]);
    // Applies from the next point by default: the points already judged keep their phase.
    expect(c2.phases[1]).toMatchObject({
      number: 2,
      appliesFrom: 34,
      reason: 'bond head replaced',
      startedAtMs: 2,
    });
    expect(c2.phases[1]?.limits.mean).toBeCloseTo(20.5, 12);
    const j2 = must(judge(c2, [...shifted, 20.4, 20.7]));
    expect(j2.location.slice(-2).map((p) => [p.index, p.phase, p.center])).toEqual([
      [34, 2, 20.5],
      [35, 2, 20.5],
    ]);
    expect(j2.location[33]?.phase).toBe(1);
    // The moving range restarts with the phase: none at its first point.
    expect(j2.dispersion.some((p) => p.index === 34)).toBe(false);
    expect(JSON.parse(JSON.stringify(c2))).toEqual(c2);
  });

  it('does not judge points before the first phase applies', () => {
    const c = must(startPhase(imr(), BASE, { baseline: { first: 5, last: 15 }, atMs: 0, reason: 'x' }));
    expect(must(judge(c, BASE)).location[0]?.index).toBe(5);
  });

  it('refuses bad requests with the field named', () => {
    const c = imr();
    const past = startPhase(c, BASE, { baseline: { first: 0, last: 20 }, atMs: 0, reason: 'x' });
    expect(!past.ok && past.issues.map((i) => [i.code, i.path])).toEqual([['out-of-range', 'baseline.last']]);
    const backwards = startPhase(c, BASE, { baseline: { first: 5, last: 4 }, atMs: 0, reason: 'x' });
    expect(!backwards.ok && backwards.issues[0]?.path).toBe('baseline.last');
    const noReason = startPhase(c, BASE, { baseline: { first: 0, last: 3 }, atMs: 0, reason: '' });
    expect(!noReason.ok && noReason.issues[0]?.path).toBe('reason');
    const badSigma = startPhase(c, BASE, {
      baseline: { first: 0, last: 3 },
      atMs: 0,
      reason: 'x',
      known: { sigma: 0 },
    });
    expect(!badSigma.ok && badSigma.issues[0]?.path).toBe('known.sigma');
    const flat = startPhase(c, [5, 5, 5, 5], { baseline: { first: 0, last: 3 }, atMs: 0, reason: 'x' });
    expect(!flat.ok && flat.issues[0]?.code).toBe('zero-variation');
    const one = startPhase(c, [5], { baseline: { first: 0, last: 0 }, atMs: 0, reason: 'x' });
    expect(!one.ok && one.issues[0]?.code).toBe('baseline-too-short');
    const nan = startPhase(c, [5, Number.NaN], { baseline: { first: 0, last: 1 }, atMs: 0, reason: 'x' });
    expect(!nan.ok && nan.issues.map((i) => [i.code, i.path])).toEqual([['not-finite', 'series[1]']]);

    const c1 = must(startPhase(c, BASE, { baseline: { first: 0, last: 19 }, atMs: 0, reason: 'x' }));
    const again = startPhase(c1, BASE, { baseline: { first: 0, last: 19 }, atMs: 0, reason: 'x' });
    expect(!again.ok && again.issues[0]?.code).toBe('phase-exists');
    const early = recompute(c1, BASE, {
      baseline: { first: 0, last: 19 },
      atMs: 0,
      reason: 'x',
      appliesFrom: 0,
    });
    expect(!early.ok && early.issues.map((i) => [i.code, i.path])).toEqual([['out-of-range', 'appliesFrom']]);
    const none = recompute(c, BASE, { baseline: { first: 0, last: 19 }, atMs: 0, reason: 'x' });
    expect(!none.ok && none.issues[0]?.code).toBe('no-phase');
    const j = judge(c, BASE);
    expect(!j.ok && j.issues[0]?.code).toBe('no-phase');
  });

  it('refuses a series of the wrong shape for the chart', () => {
    const s = parseChartSettings({ kind: 'xbar-r', subgroupSize: 3 });
    if (!s.ok) throw new Error('settings');
    const c: SpcChart = { settings: s.value, phases: [] };
    const flat = startPhase(c, [1, 2, 3], { baseline: { first: 0, last: 2 }, atMs: 0, reason: 'x' });
    expect(!flat.ok && flat.issues.map((i) => [i.code, i.path])).toEqual([['wrong-series', 'series[0]']]);
    const short = startPhase(
      c,
      [
        [1, 2, 3],
        [1, 2],
      ],
      { baseline: { first: 0, last: 1 }, atMs: 0, reason: 'x' },
    );
    expect(!short.ok && short.issues.map((i) => [i.code, i.path])).toEqual([['subgroup-size', 'series[1]']]);
    const groups = startPhase(imr(), [[1, 2, 3]], { baseline: { first: 0, last: 0 }, atMs: 0, reason: 'x' });
    expect(!groups.ok && groups.issues[0]?.code).toBe('wrong-series');
  });
});

describe('phases, properties', () => {
  // Multiples of 1/8 (exact in binary) with at least two different values, so sigma > 0.
  const values = fc
    .array(
      fc.integer({ min: -80, max: 80 }).map((k) => k / 8),
      { minLength: 5, maxLength: 60 },
    )
    .filter((v) => v.some((x, i) => i > 0 && x !== v[i - 1]));

  it('shifting every point by c shifts the limits by c and leaves sigma and the violations alone', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: -10_000, max: 10_000 }), (v, c) => {
        const req = { baseline: { first: 0, last: v.length - 1 }, atMs: 0, reason: 'p' };
        const a = must(startPhase(imr(), v, req));
        const b = must(
          startPhase(
            imr(),
            v.map((x) => x + c),
            req,
          ),
        );
        const la = a.phases[0]?.limits;
        const lb = b.phases[0]?.limits;
        expect(lb?.mean).toBeCloseTo((la?.mean ?? 0) + c, 6);
        expect(lb?.location.ucl).toBeCloseTo((la?.location.ucl ?? 0) + c, 6);
        expect(lb?.location.lcl).toBeCloseTo((la?.location.lcl ?? 0) + c, 6);
        expect(lb?.sigma).toBeCloseTo(la?.sigma ?? 0, 9);
        const va = must(judge(a, v)).violations.map((x) => [x.rule, x.index]);
        const vb = must(
          judge(
            b,
            v.map((x) => x + c),
          ),
        ).violations.map((x) => [x.rule, x.index]);
        // Shifted limits are equal up to rounding; a point exactly on a zone edge could flip, so
        // compare only when no point sits within 1e-9 sigma of an edge.
        const edges = [-3, -2, -1, 0, 1, 2, 3].map((k) => (la?.mean ?? 0) + k * (la?.sigma ?? 1));
        const clear = v.every((x) => edges.every((e) => Math.abs(x - e) > 1e-9 * (la?.sigma ?? 1)));
        if (clear) expect(vb).toEqual(va);
      }),
      { numRuns: 150 },
    );
  });
});
