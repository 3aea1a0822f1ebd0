import type { Rng } from './rng.js';

/**
 * Standard normal deviate by Marsaglia's polar method (Marsaglia & Bray 1964).
 * The second deviate of each pair is discarded so every call consumes whole
 * draws from `rng` and a stream stays reproducible whatever the call order.
 */
export function normal(rng: Rng, mean = 0, sigma = 1): number {
  for (;;) {
    const u = 2 * rng.uniform() - 1;
    const v = 2 * rng.uniform() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return mean + sigma * u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * Pareto thickness (µm): density (z-1) t0^(z-1) t^-z for t >= t0, sampled as
 * t = t0 (1-u)^(-1/(z-1)) (docs/physics.md §3).
 */
export function pareto(rng: Rng, t0: number, z: number): number {
  return t0 * (1 - rng.uniform()) ** (-1 / (z - 1));
}

/** log(k!) by table below 64 and Stirling's series above (error < 1e-15 relative there). */
const LOG_FACT: number[] = [0];
for (let k = 1; k < 64; k++) LOG_FACT.push((LOG_FACT[k - 1] as number) + Math.log(k));
function logFactorial(k: number): number {
  if (k < 64) return LOG_FACT[k] as number;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

/**
 * Poisson deviate with mean `mu` >= 0. Below mean 10: inversion by sequential
 * search (exact, cost ~mu). From 10 up: Hörmann's PTRS transformed rejection
 * ("The transformed rejection method for generating Poisson random
 * variables", Insurance: Mathematics and Economics 12, 1993), exact, O(1).
 */
export function poisson(rng: Rng, mu: number): number {
  if (!(mu >= 0) || !Number.isFinite(mu))
    throw new RangeError(`poisson mean must be finite and >= 0, got ${mu}`);
  if (mu === 0) return 0;
  if (mu < 10) {
    let k = 0;
    let p = Math.exp(-mu);
    let cdf = p;
    const u = rng.uniform();
    while (u > cdf) {
      k++;
      p *= mu / k;
      cdf += p;
      if (p === 0 && cdf < u) break; // rounding left a gap at the far tail: u beyond representable mass
    }
    return k;
  }
  const logMu = Math.log(mu);
  const b = 0.931 + 2.53 * Math.sqrt(mu);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mu + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mu + k * logMu - logFactorial(k)) {
      return k;
    }
  }
}
