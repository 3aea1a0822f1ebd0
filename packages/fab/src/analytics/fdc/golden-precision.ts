// Mean, spread and the inverse covariance of golden feature vectors for Hotelling's T² (docs/fab.md,
// "FDC"). Features that do not vary over the golden runs (a standard deviation of 0, or below 1e-12
// of their mean's size) stay out of T²: they have no spread to scale by, and a covariance with them
// is singular. The rest are standardised (z = (x - mean) / sd) and their correlation matrix R is
// inverted through its eigen decomposition, keeping the eigenvalues above `eigenTolerance` x the
// largest (a Moore-Penrose pseudo-inverse): features that move together exactly (max = min = mean
// with one sample a step) count once. T² = z' R⁺ z, and its degrees of freedom are R's rank.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface GoldenPrecision {
  readonly mean: number[];
  readonly sd: number[];
  /** Sample covariance (divisor m - 1) in the features' own units, p x p. */
  readonly covariance: number[][];
  /** Indices of the features in T² (those that vary). */
  readonly t2Features: number[];
  /** Pseudo-inverse of the correlation matrix of the T² features, in standardised units. */
  readonly precision: number[][];
  readonly rank: number;
}

/** Relative size under which a feature's standard deviation counts as none. */
const CONSTANT_RELATIVE_SD = 1e-12;

/**
 * `rows` are the m golden feature vectors, each of length p (m >= 2); `inT2(j)` says whether feature j
 * may enter T² (it then does when it varies).
 */
export function goldenPrecision(
  rows: readonly (readonly number[])[],
  eigenTolerance: number,
  inT2: (j: number) => boolean,
): GoldenPrecision {
  const m = rows.length;
  const p = rows[0]?.length ?? 0;
  if (m < 2) throw new RangeError(`goldenPrecision: needs at least 2 rows, got ${m}`);
  const x = new Matrix(rows.map((r) => [...r]));
  const mean = x.mean('column');
  const centred = x.clone().subRowVector(mean);
  const covariance = centred
    .transpose()
    .mmul(centred)
    .div(m - 1);
  const sd = mean.map((_, j) => Math.sqrt(Math.max(0, covariance.get(j, j))));
  const t2Features: number[] = [];
  for (let j = 0; j < p; j++) {
    const s = sd[j] ?? 0;
    if (inT2(j) && s > 0 && s > CONSTANT_RELATIVE_SD * Math.abs(mean[j] ?? 0)) t2Features.push(j);
  }
  const q = t2Features.length;
  let precision: number[][] = [];
  let rank = 0;
  if (q > 0) {
    const r = new Matrix(q, q);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        const i = t2Features[a] ?? 0;
        const k = t2Features[b] ?? 0;
        r.set(a, b, covariance.get(i, k) / ((sd[i] ?? 1) * (sd[k] ?? 1)));
      }
    }
    const evd = new EigenvalueDecomposition(r, { assumeSymmetric: true });
    const lambda = evd.realEigenvalues;
    const v = evd.eigenvectorMatrix;
    const largest = Math.max(...lambda);
    const inv = new Matrix(q, q);
    for (let e = 0; e < q; e++) {
      const l = lambda[e] ?? 0;
      if (!(l > eigenTolerance * largest)) continue;
      rank++;
      const col = v.getColumn(e);
      for (let a = 0; a < q; a++) {
        for (let b = 0; b < q; b++) inv.set(a, b, inv.get(a, b) + ((col[a] ?? 0) * (col[b] ?? 0)) / l);
      }
    }
    precision = inv.to2DArray();
  }
  return { mean, sd, covariance: covariance.to2DArray(), t2Features, precision, rank };
}
