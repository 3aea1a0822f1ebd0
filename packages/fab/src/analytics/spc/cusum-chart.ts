// The tabular CUSUM (Montgomery, Introduction to Statistical Quality Control, 7th ed., §9.1.2):
// C⁺ᵢ = max(0, xᵢ − (μ₀ + K) + C⁺ᵢ₋₁), C⁻ᵢ = max(0, (μ₀ − K) − xᵢ + C⁻ᵢ₋₁), from 0, with K = kσ and
// a signal when a sum exceeds H = hσ. N⁺/N⁻ count the periods since the sum was last zero, so the
// shift began after period i − N and the new mean is about μ₀ + K + C⁺ᵢ/N⁺ (Montgomery eq. 9.6).
// The sums are not reset after a signal: a new phase starts them from zero again.

/** One CUSUM point: the observation, both sums, their run counts and the decision interval H. */
export interface CusumPoint {
  readonly index: number;
  readonly value: number;
  readonly upper: number;
  readonly lower: number;
  readonly upperRun: number;
  readonly lowerRun: number;
  readonly limit: number;
}

export interface CusumParameters {
  /** Target mean μ₀. */
  readonly mean: number;
  /** Process standard deviation σ of one observation. */
  readonly sigma: number;
  /** Reference value in sigmas (K = kσ). */
  readonly k: number;
  /** Decision interval in sigmas (H = hσ). */
  readonly h: number;
}

/** The CUSUM sums of `values`, the first of which is period 1 (series index `offset`). */
export function cusumPoints(values: ArrayLike<number>, p: CusumParameters, offset = 0): CusumPoint[] {
  const out: CusumPoint[] = [];
  const K = p.k * p.sigma;
  const H = p.h * p.sigma;
  let up = 0;
  let lo = 0;
  let nUp = 0;
  let nLo = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    up = Math.max(0, x - (p.mean + K) + up);
    lo = Math.max(0, p.mean - K - x + lo);
    nUp = up > 0 ? nUp + 1 : 0;
    nLo = lo > 0 ? nLo + 1 : 0;
    out.push({ index: i + offset, value: x, upper: up, lower: lo, upperRun: nUp, lowerRun: nLo, limit: H });
  }
  return out;
}
