import { describe, expect, it } from 'vitest';
import { fitWafer } from './fit-wafer.js';
import { sitesAtOnePosition } from './one-position-sites.test-util.js';
import type { OverlaySite } from './site.js';
import { synthesiseSites } from './synthetic-sites.js';

const truth10 = {
  Tx: 12,
  Ty: -7.5,
  Mx: 0.35,
  My: -0.2,
  Rx: 0.12,
  Ry: -0.05,
  mx: 1.8,
  my: -1.1,
  rx: 0.6,
  ry: 0.9,
};

function rel(a: number, b: number) {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('fitWafer: exact recovery without noise (relative 1e-9)', () => {
  it('4-term: Tx, Ty, Rot, Mag', () => {
    const sites = synthesiseSites({
      wafer: 'W1',
      terms: { Tx: 5, Ty: -3, Mx: 0.4, My: 0.4, Rx: -0.25, Ry: -0.25 },
    });
    const r = fitWafer('W1', sites, { model: '4' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const want = { Tx: 5, Ty: -3, Rot: -0.25, Mag: 0.4 };
    for (const [k, v] of Object.entries(want))
      expect(rel(r.value.terms[k]?.value as number, v)).toBeLessThan(1e-9);
    expect(Object.keys(r.value.terms)).toEqual(['Tx', 'Ty', 'Rot', 'Mag']);
    expect(r.value.terms.Rot?.unit).toBe('µrad');
    expect(r.value.terms.Mag?.unit).toBe('ppm');
  });

  it('6-term and its derived terms', () => {
    const t = { Tx: 12, Ty: -7.5, Mx: 0.35, My: -0.2, Rx: 0.12, Ry: -0.05 };
    const r = fitWafer('W1', synthesiseSites({ wafer: 'W1', terms: t }), { model: '6' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    for (const [k, v] of Object.entries(t))
      expect(rel(r.value.terms[k]?.value as number, v)).toBeLessThan(1e-9);
    // Derived terms written out from their definitions (docs/align.md §2).
    expect(rel(r.value.terms.Rot?.value as number, (0.12 - 0.05) / 2)).toBeLessThan(1e-9);
    expect(rel(r.value.terms.NonOrth?.value as number, 0.12 + 0.05)).toBeLessThan(1e-9);
    expect(rel(r.value.terms.Mag?.value as number, (0.35 - 0.2) / 2)).toBeLessThan(1e-9);
    expect(rel(r.value.terms.MagAsym?.value as number, (0.35 + 0.2) / 2)).toBeLessThan(1e-9);
    expect(r.value.residual.x.maxAbs).toBeLessThan(1e-9);
  });

  it('10-term with field terms', () => {
    const r = fitWafer('W1', synthesiseSites({ wafer: 'W1', terms: truth10, perField: 3 }), { model: '10' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    for (const [k, v] of Object.entries(truth10))
      expect(rel(r.value.terms[k]?.value as number, v)).toBeLessThan(1e-9);
  });

  it('poly3: coefficients of X^i Y^j in nm/µm^(i+j), including cubic terms ~1e-14', () => {
    const poly = {
      cx_00: 3,
      cx_10: 2e-4,
      cx_21: 4e-14,
      cx_03: -6e-15,
      cy_00: -1,
      cy_01: -1e-4,
      cy_30: 5e-15,
      cy_11: 3e-10,
    };
    const r = fitWafer('W1', synthesiseSites({ wafer: 'W1', terms: { poly } }), { model: 'poly3' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(Object.keys(r.value.terms)).toHaveLength(20);
    for (const [k, v] of Object.entries(poly))
      expect(rel(r.value.terms[k]?.value as number, v)).toBeLessThan(1e-9);
    expect(Math.abs(r.value.terms.cx_30?.value as number)).toBeLessThan(1e-24);
    expect(r.value.terms.cx_21?.unit).toBe('nm/µm^3');
  });
});

describe('fitWafer: noisy data', () => {
  it('recovers every 10-term value within 4 standard errors over several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const sites = synthesiseSites({ wafer: 'W', terms: truth10, noiseNm: 2, seed, perField: 3 });
      const r = fitWafer('W', sites, { model: '10' });
      if (!r.ok) throw new Error(r.issues[0]?.message);
      for (const [k, v] of Object.entries(truth10)) {
        const t = r.value.terms[k];
        expect(t?.stderr).toBeGreaterThan(0);
        expect(Math.abs((t?.value as number) - v)).toBeLessThan(4 * (t?.stderr as number));
      }
      // Residual sigma estimates the injected noise (2 nm) within ~10 % for ~1000 sites.
      expect(r.value.residual.x.sigma).toBeGreaterThan(1.8);
      expect(r.value.residual.x.sigma).toBeLessThan(2.2);
    }
  });

  it('stderr of Tx in the 6-term model equals s/sqrt(m) on a centred symmetric layout', () => {
    // The field grid is symmetric about the origin, so the constant column is orthogonal to
    // X and Y and Var(Tx) = s²/m with s² = RSS_x/(m - 3) (three dx terms).
    const sites = synthesiseSites({ wafer: 'W', terms: { Tx: 1 }, noiseNm: 3, seed: 9 });
    const r = fitWafer('W', sites, { model: '6' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const m = sites.length;
    const rss = r.value.residualX.reduce((s, v) => s + v * v, 0);
    expect(rel(r.value.terms.Tx?.stderr as number, Math.sqrt(rss / (m - 3) / m))).toBeLessThan(1e-9);
  });
});

describe('fitWafer: degenerate layouts give typed errors naming the wafer', () => {
  const line: OverlaySite[] = Array.from({ length: 20 }, (_, i) => ({
    wafer: 'L7',
    X: i * 1000,
    Y: 2 * i * 1000,
    dx: i,
    dy: 1,
  }));
  it('all sites on a line', () => {
    const r = fitWafer('L7', line, { model: '6' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'degenerate-layout', message: expect.stringMatching(/^wafer L7: /) }],
    });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/wafer L7: all 20 sites lie on one line/);
  });
  it('all sites on a slanted line with inexact coordinates', () => {
    const slanted = Array.from({ length: 30 }, (_, i) => {
      const t = -140_000 + i * 9_654.321;
      return { wafer: 'L8', X: t * Math.cos(0.7), Y: t * Math.sin(0.7), dx: 0.1 * i, dy: 2 };
    });
    const r = fitWafer('L8', slanted, { model: '6' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'degenerate-layout', message: expect.stringMatching(/^wafer L8: /) }],
    });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/all 30 sites lie on one line/);
  });
  it('too few sites', () => {
    const r = fitWafer(
      'F2',
      line.slice(0, 3).map((s) => ({ ...s, wafer: 'F2', Y: s.X === 0 ? 5 : -s.X })),
      {
        model: '6',
      },
    );
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'too-few-sites', message: expect.stringMatching(/^wafer F2: /) }],
    });
  });
  it('duplicate sites, with their lines', () => {
    const sites = synthesiseSites({ wafer: 'D1', terms: {} }).map((s, i) => ({ ...s, line: i + 2 }));
    sites.push({ ...(sites[5] as OverlaySite), line: 999 });
    const r = fitWafer('D1', sites, { model: '4' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'duplicate-site', message: expect.stringMatching(/^wafer D1: /) }],
    });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/line 7 and line 999/);
  });
  it('10-term without field columns', () => {
    const sites = synthesiseSites({ wafer: 'N', terms: {} }).map(({ wafer, X, Y, dx, dy }) => ({
      wafer,
      X,
      Y,
      dx,
      dy,
    }));
    expect(fitWafer('N', sites, { model: '10' })).toMatchObject({
      ok: false,
      issues: [{ code: 'missing-field-coordinates' }],
    });
  });
  it('20 000 sites at one wafer position: checked for duplicates, then degenerate', () => {
    // The old check was cubic in the number of sites sharing X, Y: 4 000 took two minutes, 20 000 hours.
    // The time this takes now (O(n log n)) is measured by bench/fit.bench.ts.
    const same = sitesAtOnePosition(20_000);
    expect(fitWafer('S', same, { model: '10' })).toMatchObject({
      ok: false,
      issues: [{ code: 'degenerate-layout' }],
    });
    same.push({ ...(same[123] as (typeof same)[number]), line: 99_999 });
    expect(fitWafer('S', same, { model: '10' })).toMatchObject({
      ok: false,
      issues: [{ code: 'duplicate-site', message: expect.stringContaining('line 125 and line 99999') }],
    });
  });

  it('10-term with a single in-field position', () => {
    const sites = synthesiseSites({ wafer: 'P', terms: {}, perField: 1 });
    const r = fitWafer('P', sites, { model: '10' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'degenerate-layout', message: expect.stringMatching(/^wafer P: /) }],
    });
  });
});

describe('fitWafer: robust pass', () => {
  it('rejects exactly the injected outliers and then recovers the terms', () => {
    const sites = synthesiseSites({ wafer: 'R', terms: truth10, noiseNm: 1, seed: 3, perField: 3 }).map(
      (s, i) => ({
        ...s,
        line: i + 2,
      }),
    );
    const bad = [17, 200, 431];
    for (const i of bad) (sites[i] as OverlaySite).dx += 60;
    (sites[300] as OverlaySite).dy -= 45;
    const plain = fitWafer('R', sites, { model: '10' });
    // k = 5, not 4: with ~1000 sites x 2 axes of Gaussian noise, k = 4 rejects a genuine tail
    // site on about one seed in eight (2000 x P(|z| > 4) = 0.13); k = 5 makes that ~0.001,
    // while the injected errors (45-60 nm on 1 nm noise) are far beyond either.
    const robust = fitWafer('R', sites, { model: '10', robust: { k: 5 } });
    if (!plain.ok || !robust.ok) throw new Error('fit failed');
    expect(robust.value.rejected.map((s) => s.line).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      19, 202, 302, 433,
    ]);
    expect(plain.value.rejected).toEqual([]);
    expect(robust.value.residual.x.sigma).toBeLessThan(plain.value.residual.x.sigma);
    expect(Math.abs((robust.value.terms.Tx?.value as number) - 12)).toBeLessThan(
      4 * (robust.value.terms.Tx?.stderr as number),
    );
  });
});

describe('fitWafer: robust pass on clean data', () => {
  it('rejects nothing from noise-free data (the robust sigma floor ignores rounding residuals)', () => {
    const r = fitWafer('C', synthesiseSites({ wafer: 'C', terms: truth10, perField: 3 }), {
      model: '10',
      robust: { k: 3 },
    });
    expect(r.ok && r.value.rejected).toEqual([]);
  });
  it('with Gaussian noise only, k = 4 rejects at most a site or two of ~1000', () => {
    const r = fitWafer(
      'G',
      synthesiseSites({ wafer: 'G', terms: truth10, perField: 3, noiseNm: 1, seed: 8 }),
      {
        model: '10',
        robust: {},
      },
    );
    if (!r.ok) throw new Error(r.issues[0]?.message);
    // P(|z| > 4) = 6.3e-5 per axis: about 0.09 false rejections expected for 675 sites × 2 axes.
    expect(r.value.rejected.length).toBeLessThanOrEqual(2);
  });
});

describe('fitWafer: poly3 term selection', () => {
  it('BIC keeps the true terms and drops most of the absent ones', () => {
    const poly = { cx_00: 4, cx_10: 3e-4, cx_20: 2e-9, cy_00: -2, cy_01: -2e-4, cy_12: 1e-14 };
    const sites = synthesiseSites({ wafer: 'S', terms: { poly }, noiseNm: 1, seed: 4 });
    const r = fitWafer('S', sites, { model: 'poly3', select: 'bic' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    for (const k of Object.keys(poly)) expect(r.value.terms[k]).toBeDefined();
    expect(r.value.selection?.dropped.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(r.value.terms).length).toBe(20 - (r.value.selection?.dropped.length ?? 0));
  });
});
