/** Residual statistics of one axis, nm (r2 dimensionless). */
export interface AxisStats {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator; 0 for a single value). */
  sigma: number;
  /** |mean| + 3 sigma, the usual overlay specification figure. */
  mean3sigma: number;
  maxAbs: number;
  /**
   * Coefficient of determination 1 - SS_res / SS_tot of the measured values
   * about their mean; null when the measured values are all equal (undefined ratio).
   */
  r2: number | null;
}

/** Statistics of residuals `res` of measured values `measured` (same length, ≥ 1). */
export function axisStats(res: ArrayLike<number>, measured: ArrayLike<number>): AxisStats {
  const n = res.length;
  if (n === 0 || measured.length !== n) throw new RangeError('axisStats: need equal, non-zero lengths');
  let sum = 0;
  let sumM = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const r = res[i] as number;
    sum += r;
    sumM += measured[i] as number;
    maxAbs = Math.max(maxAbs, Math.abs(r));
  }
  const mean = sum / n;
  const meanM = sumM / n;
  let ss = 0;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = res[i] as number;
    ss += (r - mean) ** 2;
    ssRes += r * r;
    ssTot += ((measured[i] as number) - meanM) ** 2;
  }
  const sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : null;
  return { n, mean, sigma, mean3sigma: Math.abs(mean) + 3 * sigma, maxAbs, r2 };
}
