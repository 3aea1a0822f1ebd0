const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * erf(x) to about 1e-15 absolute, from the all-positive series
 * erf(x) = 2x/sqrt(pi) e^{-x^2} sum_n (2x^2)^n / (1*3*...*(2n+1))
 * (Abramowitz & Stegun 7.1.6), which has no cancellation; |x| >= 6 returns
 * +-1 (erfc(6) = 2.2e-17).
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return x > 0 ? 1 : -1;
  const x2 = 2 * ax * ax;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const v = 2 * ax * INV_SQRT_PI * Math.exp(-ax * ax) * sum;
  return x < 0 ? -v : v;
}

/** Standard normal cumulative distribution Phi(u). */
export function normalCdf(u: number): number {
  return 0.5 * (1 + erf(u / Math.SQRT2));
}

/**
 * Antiderivative of Phi: Psi(u) = u Phi(u) + phi(u), so that
 * integral_a^b Phi(u) du = Psi(b) - Psi(a). Used to integrate a Gaussian-blurred
 * edge exactly over a pixel.
 */
export function normalCdfIntegral(u: number): number {
  if (u > 9) return u;
  if (u < -9) return 0;
  return u * normalCdf(u) + INV_SQRT_2PI * Math.exp(-0.5 * u * u);
}
