import fQuantile from '@stdlib/stats-base-dists-f-quantile';

/** Upper `alpha` quantile of the F distribution with (d1, d2) degrees of freedom: P(F > x) = alpha. */
export function fUpperQuantile(alpha: number, d1: number, d2: number): number {
  if (!(alpha > 0 && alpha < 1) || !(d1 > 0) || !(d2 > 0)) {
    throw new RangeError(
      `fUpperQuantile: need 0 < alpha < 1 and positive degrees of freedom (${alpha}, ${d1}, ${d2})`,
    );
  }
  return fQuantile(1 - alpha, d1, d2);
}

/**
 * Upper control limit of Hotelling's T² for a new individual observation judged against the mean and
 * covariance of `m` reference observations of `p` variables (phase II; Montgomery, Introduction to
 * Statistical Quality Control, §11.3.2): p (m + 1)(m - 1) / (m (m - p)) · F(alpha; p, m - p).
 * Needs m > p.
 */
export function t2UpperLimit(p: number, m: number, alpha: number): number {
  if (!Number.isInteger(p) || !Number.isInteger(m) || p < 1 || m <= p) {
    throw new RangeError(`t2UpperLimit: need whole numbers with 1 <= p < m (p ${p}, m ${m})`);
  }
  return ((p * (m + 1) * (m - 1)) / (m * (m - p))) * fUpperQuantile(alpha, p, m - p);
}
