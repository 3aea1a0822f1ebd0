import type { QuadratureRule } from './gauss-legendre.js';
import { symmetricEigen } from './symmetric-eigen.js';

const cache = new Map<string, QuadratureRule>();

/**
 * Gauss rule for the discrete uniform measure on the N points
 * u = i - (N-1)/2, i = 0..N-1 (pad indices centred on the array): with k
 * nodes, sum_i w_i f(u_i) equals sum_{i=0}^{N-1} f(i - (N-1)/2) exactly for
 * every polynomial f of degree <= 2k-1, so a smooth field is summed over a
 * pad row without any continuum approximation. Built by Golub–Welsch from the
 * recurrence of the discrete Chebyshev (Gram) polynomials: alpha_j = 0,
 * beta_j = j^2 (N^2 - j^2) / (4 (4 j^2 - 1)) (Gautschi, "Orthogonal
 * Polynomials", 2004, §1.5.2). Weights sum to N. For k >= N the rule is the
 * N points themselves with unit weights.
 */
export function discreteGauss(N: number, k: number): QuadratureRule {
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`discreteGauss: N must be a positive integer, got ${N}`);
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`discreteGauss: k must be a positive integer, got ${k}`);
  const key = `${N}:${k}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let rule: QuadratureRule;
  if (k >= N) {
    rule = {
      nodes: Float64Array.from({ length: N }, (_, i) => i - (N - 1) / 2),
      weights: new Float64Array(N).fill(1),
    };
  } else {
    const J = new Float64Array(k * k);
    for (let j = 1; j < k; j++) {
      const off = Math.sqrt(discreteBeta(N, j));
      J[(j - 1) * k + j] = off;
      J[j * k + j - 1] = off;
    }
    const { values, vectors } = symmetricEigen(J, k);
    const weights = new Float64Array(k);
    for (let i = 0; i < k; i++) weights[i] = N * (vectors[i] as number) ** 2;
    rule = { nodes: values, weights };
  }
  if (cache.size > 4096) cache.clear();
  cache.set(key, rule);
  return rule;
}

/** Recurrence coefficient beta_j of the discrete Chebyshev polynomials on N centred points. */
function discreteBeta(N: number, j: number): number {
  return (j * j * (N * N - j * j)) / (4 * (4 * j * j - 1));
}

/**
 * Relative error factor of a k-node Gauss rule over a row of pads for a
 * function whose magnitude varies like exp(rate * x): with lambda = rate times
 * the row span, |error| <= factor * sum|f|, where
 * factor = (lambda/2)^(2k) e^(lambda/2) / (2k)! * prod_{j<=k} j^2/(4j^2-1).
 * This is the Gauss remainder f^(2k)/(2k)! * prod beta_j (Gautschi §1.4) with
 * the discrete beta_j bounded by their continuum limits.
 */
export function gaussErrorFactor(lambda: number, k: number): number {
  let f = Math.exp(lambda / 2);
  const half = lambda / 2;
  for (let j = 1; j <= k; j++) {
    f *= (half * half * j * j) / ((4 * j * j - 1) * (2 * j - 1) * (2 * j));
  }
  return f;
}
