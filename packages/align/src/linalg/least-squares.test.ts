import { describe, expect, it } from 'vitest';
import { leastSquares } from './least-squares.js';

// Independent reference: normal equations (A^T A) x = A^T b solved by Gauss–Jordan
// with partial pivoting. Fine for the well-conditioned matrices used here.
function normalEquations(a: number[][], b: number[]): { x: number[]; inv: number[][] } {
  const n = a[0]?.length ?? 0;
  const aug: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(a.reduce((s, r) => s + (r[i] ?? 0) * (r[j] ?? 0), 0));
    row.push(a.reduce((s, r, k) => s + (r[i] ?? 0) * (b[k] ?? 0), 0));
    for (let j = 0; j < n; j++) row.push(i === j ? 1 : 0);
    aug.push(row);
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(aug[r]?.[c] ?? 0) > Math.abs(aug[p]?.[c] ?? 0)) p = r;
    [aug[c], aug[p]] = [aug[p] as number[], aug[c] as number[]];
    const piv = aug[c] as number[];
    const d = piv[c] as number;
    for (let j = 0; j < piv.length; j++) piv[j] = (piv[j] as number) / d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = aug[r] as number[];
      const f = row[c] as number;
      for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) - f * (piv[j] as number);
    }
  }
  return { x: aug.map((r) => r[n] as number), inv: aug.map((r) => r.slice(n + 1)) };
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe('leastSquares', () => {
  it('matches the normal-equations solution and (A^T A)^-1 on a random well-conditioned system', () => {
    const rnd = lcg(7);
    const m = 40;
    const n = 5;
    const rows = Array.from({ length: m }, () => Array.from({ length: n }, () => rnd() * 10));
    const b = rows.map(() => rnd() * 3);
    const res = leastSquares(Float64Array.from(rows.flat()), m, n, Float64Array.from(b));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const ref = normalEquations(rows, b);
    for (let j = 0; j < n; j++) {
      expect(res.value.x[j]).toBeCloseTo(ref.x[j] as number, 10);
      for (let k = 0; k < n; k++)
        expect(res.value.covUnscaled[j * n + k]).toBeCloseTo(ref.inv[j]?.[k] as number, 10);
    }
    // Residual is orthogonal to every column (the defining property of the LS solution).
    for (let j = 0; j < n; j++) {
      const dot = rows.reduce((s, r, i) => s + (r[j] as number) * (res.value.residual[i] as number), 0);
      expect(Math.abs(dot)).toBeLessThan(1e-9);
    }
    expect(res.value.rss).toBeCloseTo(
      res.value.residual.reduce((s, r) => s + r * r, 0),
      12,
    );
  });

  it('recovers a cubic exactly even with badly scaled columns (x up to 1.5e5)', () => {
    // Columns 1, X, X^2, X^3 with X in µm across a 300 mm wafer: column norms span ~15 decades.
    const xs = Array.from({ length: 30 }, (_, i) => -150_000 + i * 10_000);
    const coef = [12.5, 3e-4, -2e-9, 7e-15];
    const rows = xs.map((x) => [1, x, x * x, x * x * x]);
    const b = xs.map((x) => coef.reduce((s, c, k) => s + c * x ** k, 0));
    const res = leastSquares(Float64Array.from(rows.flat()), xs.length, 4, Float64Array.from(b));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    coef.forEach((c, k) => {
      expect(Math.abs((res.value.x[k] as number) - c) / Math.abs(c)).toBeLessThan(1e-9);
    });
  });

  it('reports rank deficiency and names the dependent column', () => {
    // Third column = first + second.
    const rows = Array.from({ length: 10 }, (_, i) => [1, i, 1 + i]);
    const a = Float64Array.from(rows.flat());
    const res = leastSquares(a, 10, 3, new Float64Array(10).fill(1));
    expect(res).toMatchObject({ ok: false, issues: [{ code: 'rank-deficient' }] });
    expect(!res.ok && res.issues[0]?.message).toMatch(/^column \d cannot be separated .* \(rank 2 of 3\)$/);
    const named = leastSquares(a, 10, 3, new Float64Array(10).fill(1), { columnNames: ['one', 'i', 'sum'] });
    expect(!named.ok && named.issues[0]?.message).toMatch(/^(one|i|sum) cannot be separated/);
  });

  it('refuses fewer rows than columns', () => {
    const res = leastSquares(new Float64Array(6), 2, 3, new Float64Array(2));
    expect(res).toMatchObject({ ok: false, issues: [{ code: 'underdetermined' }] });
  });

  it('refuses values that are not finite, in A, in b, or reached by overflow, instead of returning NaN', () => {
    const rows = Array.from({ length: 6 }, (_, i) => [1, i]);
    const a = Float64Array.from(rows.flat());
    const b = Float64Array.from(rows, (_, i) => i);
    const badA = Float64Array.from(a);
    badA[5] = Number.NaN;
    expect(leastSquares(badA, 6, 2, b)).toMatchObject({
      ok: false,
      issues: [{ code: 'non-finite', message: 'A[2][1] (column 1) is NaN, not a finite number' }],
    });
    const badB = Float64Array.from(b);
    badB[3] = Number.POSITIVE_INFINITY;
    expect(leastSquares(a, 6, 2, badB)).toMatchObject({ ok: false, issues: [{ code: 'non-finite' }] });
    // Finite, but the residual sum of squares of values near 1e200 overflows.
    const huge = Float64Array.from(b, (v, i) => (i % 2 === 0 ? 1e200 : -1e200) + v);
    expect(leastSquares(a, 6, 2, huge)).toMatchObject({ ok: false, issues: [{ code: 'non-finite' }] });
  });

  it('throws RangeError on inconsistent dimensions (programmer error)', () => {
    expect(() => leastSquares(new Float64Array(5), 2, 3, new Float64Array(2))).toThrow(RangeError);
  });
});
