/**
 * Linear least squares by Householder QR with column pivoting (Businger–Golub,
 * Golub & Van Loan, Matrix Computations, 4th ed., §5.4.2) on a column-scaled
 * copy of the design matrix. Scaling each column to unit 2-norm first makes the
 * rank test independent of the units of the terms; pivoting makes the trailing
 * diagonal of R a reliable witness of rank deficiency.
 */

import { fail, issue, type Result } from '@bondline/core';

export interface LeastSquaresOptions {
  /** Relative tolerance on |R_kk| / |R_11| below which a column counts as dependent. Default 1e-10. */
  rankTol?: number;
  /** Names of the columns for messages (default `column j`). */
  columnNames?: readonly string[];
}

/** The least-squares solution. */
export interface LeastSquaresSolution {
  /** Coefficients, length n, in the units of the original columns. */
  x: Float64Array;
  /** Residuals b - A x, length m. */
  residual: Float64Array;
  /** Residual sum of squares. */
  rss: number;
  /** Unscaled covariance (A^T A)^-1, row-major n×n; multiply by sigma^2 for the coefficient covariance. */
  covUnscaled: Float64Array;
  rank: number;
}

/**
 * Why there is no unique solution: fewer rows than columns, columns linearly dependent (the message
 * names them), or a value that is not finite in A or b, or in the solution (overflow).
 */
export type LeastSquaresIssueCode = 'underdetermined' | 'rank-deficient' | 'non-finite';

export type LeastSquaresResult = Result<LeastSquaresSolution, LeastSquaresIssueCode>;

/**
 * Solve min ||A x - b||_2 for a dense row-major A (m×n) and b (length m).
 * Returns the solution with residuals and (A^T A)^-1, or an issue when A has
 * fewer rows than columns, is rank deficient, or holds (or the solution
 * reaches) a value that is not finite. Inputs are not modified.
 */
export function leastSquares(
  a: Float64Array,
  m: number,
  n: number,
  b: Float64Array,
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  if (a.length !== m * n || b.length !== m || n < 1) {
    throw new RangeError(`leastSquares: A must be ${m}x${n} (got ${a.length} values), b length ${m}`);
  }
  const name = (j: number) => options.columnNames?.[j] ?? `column ${j}`;
  const bad = firstNonFinite(a);
  if (bad >= 0) {
    return fail(
      issue(
        'non-finite',
        `A[${Math.floor(bad / n)}][${bad % n}] (${name(bad % n)}) is ${a[bad]}, not a finite number`,
      ),
    );
  }
  const badB = firstNonFinite(b);
  if (badB >= 0) return fail(issue('non-finite', `b[${badB}] is ${b[badB]}, not a finite number`));
  const tol = options.rankTol ?? 1e-10;
  if (m < n) {
    return fail(issue('underdetermined', `${m} equations are too few for ${n} unknowns`));
  }

  // Column-major working copy: each column contiguous, which keeps the inner loops sequential.
  const q = new Float64Array(m * n);
  const scale = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) {
      const v = a[i * n + j] as number;
      s += v * v;
    }
    // Squares of entries beyond ~1e154 overflow: then the norm is taken relative to the largest entry.
    const norm = Number.isFinite(s) ? Math.sqrt(s) : scaledNorm(a, m, n, j);
    scale[j] = norm > 0 ? norm : 1;
    const inv = 1 / (scale[j] as number);
    const off = j * m;
    for (let i = 0; i < m; i++) q[off + i] = (a[i * n + j] as number) * inv;
  }
  const rhs = Float64Array.from(b);
  const perm = Int32Array.from({ length: n }, (_, j) => j);
  const colNorm2 = new Float64Array(n);
  for (let j = 0; j < n; j++) colNorm2[j] = sumSq(q, j * m, m);
  const rdiag = new Float64Array(n);

  let r11 = 0;
  let rank = n;
  for (let k = 0; k < n; k++) {
    // Pivot: bring the remaining column of largest norm (below row k) to position k.
    let p = k;
    for (let j = k + 1; j < n; j++) if ((colNorm2[j] as number) > (colNorm2[p] as number)) p = j;
    if (p !== k) swapColumns(q, m, k, p, colNorm2, perm);
    const off = k * m;
    // Recompute the norm exactly: the downdated value loses accuracy after many steps.
    const alpha = Math.sqrt(sumSq(q, off + k, m - k));
    if (k === 0) r11 = alpha;
    if (alpha <= tol * r11 || alpha === 0) {
      rank = k;
      break;
    }
    const x0 = q[off + k] as number;
    const beta = x0 >= 0 ? -alpha : alpha;
    // Householder vector v = x - beta e1, stored in place; v^T v = 2 alpha (alpha + |x0|).
    q[off + k] = x0 - beta;
    const vtv = 2 * alpha * (alpha + Math.abs(x0));
    rdiag[k] = beta;
    for (let j = k + 1; j < n; j++) applyReflector(q, off, q, j * m, k, m, vtv);
    applyReflector(q, off, rhs, 0, k, m, vtv);
    for (let j = k + 1; j < n; j++) {
      const r = q[j * m + k] as number;
      colNorm2[j] = Math.max(0, (colNorm2[j] as number) - r * r);
    }
  }
  if (rank < n) {
    const dependent = Array.from(perm.subarray(rank)).sort((u, v) => u - v);
    return fail(
      issue(
        'rank-deficient',
        `${dependent.map(name).join(', ')} cannot be separated from the other columns (rank ${rank} of ${n})`,
      ),
    );
  }

  // Back substitution R z = Q^T b (R upper triangular: diagonal rdiag, above-diagonal in q).
  const z = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = rhs[i] as number;
    for (let j = i + 1; j < n; j++) s -= (q[j * m + i] as number) * (z[j] as number);
    z[i] = s / (rdiag[i] as number);
  }
  // R^-1 (upper triangular) column by column, then (R^T R)^-1 = R^-1 R^-T.
  const rinv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    rinv[c * n + c] = 1 / (rdiag[c] as number);
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let j = i + 1; j <= c; j++) s += (q[j * m + i] as number) * (rinv[j * n + c] as number);
      rinv[i * n + c] = -s / (rdiag[i] as number);
    }
  }
  const x = new Float64Array(n);
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = perm[i] as number;
    x[oi] = (z[i] as number) / (scale[oi] as number);
    for (let j = 0; j < n; j++) {
      const oj = perm[j] as number;
      let s = 0;
      for (let k = Math.max(i, j); k < n; k++) s += (rinv[i * n + k] as number) * (rinv[j * n + k] as number);
      cov[oi * n + oj] = s / ((scale[oi] as number) * (scale[oj] as number));
    }
  }
  // Residuals from the original A (not from Q^T b) so they are exactly what the caller's model predicts.
  const residual = new Float64Array(m);
  let rss = 0;
  for (let i = 0; i < m; i++) {
    let s = b[i] as number;
    const row = i * n;
    for (let j = 0; j < n; j++) s -= (a[row + j] as number) * (x[j] as number);
    residual[i] = s;
    rss += s * s;
  }
  // Finite input can still overflow (squares of values near 1e154 and beyond): say so, never return NaN.
  if (!Number.isFinite(rss) || firstNonFinite(x) >= 0 || firstNonFinite(cov) >= 0) {
    return fail(
      issue(
        'non-finite',
        `the solution overflowed (residual sum of squares ${rss}); the values are too large to fit`,
      ),
    );
  }
  return { ok: true, value: { x, residual, rss, covUnscaled: cov, rank } };
}

/** 2-norm of column j of the row-major m×n `a`, without overflow in the squares. */
function scaledNorm(a: Float64Array, m: number, n: number, j: number): number {
  let big = 0;
  for (let i = 0; i < m; i++) big = Math.max(big, Math.abs(a[i * n + j] as number));
  let s = 0;
  for (let i = 0; i < m; i++) {
    const v = (a[i * n + j] as number) / big;
    s += v * v;
  }
  return big * Math.sqrt(s);
}

function firstNonFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

function sumSq(v: Float64Array, from: number, count: number): number {
  let s = 0;
  for (let i = from; i < from + count; i++) {
    const t = v[i] as number;
    s += t * t;
  }
  return s;
}

function swapColumns(
  q: Float64Array,
  m: number,
  a: number,
  b: number,
  norms: Float64Array,
  perm: Int32Array,
) {
  for (let i = 0; i < m; i++) {
    const t = q[a * m + i] as number;
    q[a * m + i] = q[b * m + i] as number;
    q[b * m + i] = t;
  }
  const tn = norms[a] as number;
  norms[a] = norms[b] as number;
  norms[b] = tn;
  const tp = perm[a] as number;
  perm[a] = perm[b] as number;
  perm[b] = tp;
}

/** y <- (I - 2 v v^T / v^T v) y on rows k..m-1; v is q[vOff + k..], y is y[yOff + k..]. */
function applyReflector(
  q: Float64Array,
  vOff: number,
  y: Float64Array,
  yOff: number,
  k: number,
  m: number,
  vtv: number,
) {
  let dot = 0;
  for (let i = k; i < m; i++) dot += (q[vOff + i] as number) * (y[yOff + i] as number);
  const f = (2 * dot) / vtv;
  if (f === 0) return;
  for (let i = k; i < m; i++) y[yOff + i] = (y[yOff + i] as number) - f * (q[vOff + i] as number);
}
