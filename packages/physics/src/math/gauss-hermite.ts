import type { QuadratureRule } from './gauss-legendre.js';

const cache = new Map<number, QuadratureRule>();

/**
 * n-point Gauss–Hermite rule for the standard normal weight: sum_i w_i f(x_i)
 * approximates E[f(X)], X ~ N(0, 1), exactly for polynomials of degree <= 2n-1.
 * Nodes by Newton iteration on the orthonormal Hermite recurrence
 * (Numerical Recipes 3rd ed. §4.6 initial guesses), then rescaled from the
 * physicists' weight exp(-x^2) to the normal density. Rules are cached.
 */
export function gaussHermite(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 200) {
    throw new RangeError(`gaussHermite: n must be an integer in [1, 200], got ${n}`);
  }
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = Math.PI ** -0.25;
  let z = 0;
  const m = Math.floor((n + 1) / 2);
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * (x[0] as number);
    else if (i === 3) z = 1.91 * z - 0.91 * (x[1] as number);
    else z = 2 * z - (x[i - 2] as number);
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const dz = p1 / pp;
      z -= dz;
      if (Math.abs(dz) < 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i] as number;
  }
  // Physicists' rule (weight e^{-x^2}) -> normal: x -> sqrt(2) x, w -> w / sqrt(pi).
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * (x[n - 1 - i] as number);
    weights[i] = (w[n - 1 - i] as number) / Math.sqrt(Math.PI);
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
