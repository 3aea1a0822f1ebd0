// The EWMA chart (Montgomery, Introduction to Statistical Quality Control, 7th ed., §9.2):
// zᵢ = λxᵢ + (1 − λ)zᵢ₋₁ from z₀ = μ₀, with the exact time-varying limits
// μ₀ ± Lσ √(λ/(2 − λ) · [1 − (1 − λ)^(2i)]), which widen to the asymptotic ones.

/** One EWMA point: the observation, the statistic and its limits at that time. */
export interface EwmaPoint {
  readonly index: number;
  readonly value: number;
  readonly statistic: number;
  readonly center: number;
  readonly lcl: number;
  readonly ucl: number;
}

export interface EwmaParameters {
  /** In-control mean μ₀ (the start value z₀). */
  readonly mean: number;
  /** Process standard deviation σ of one observation. */
  readonly sigma: number;
  /** Weight of the newest observation, 0 < λ ≤ 1. */
  readonly lambda: number;
  /** Limit width in standard deviations of the statistic. */
  readonly L: number;
}

/**
 * The EWMA statistic and limits of `values`, the first of which is observation 1 of the chart
 * (series index `offset`).
 */
export function ewmaPoints(values: ArrayLike<number>, p: EwmaParameters, offset = 0): EwmaPoint[] {
  const out: EwmaPoint[] = [];
  const { mean, sigma, lambda, L } = p;
  const ratio = lambda / (2 - lambda);
  const decay2 = (1 - lambda) * (1 - lambda);
  let z = mean;
  let pow = 1; // (1 − λ)^(2i)
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    z = lambda * x + (1 - lambda) * z;
    pow *= decay2;
    const half = L * sigma * Math.sqrt(ratio * (1 - pow));
    out.push({ index: i + offset, value: x, statistic: z, center: mean, lcl: mean - half, ucl: mean + half });
  }
  return out;
}
