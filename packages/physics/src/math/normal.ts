import erfc from '@stdlib/math-base-special-erfc';
import erfcx from '@stdlib/math-base-special-erfcx';

/** log erfc(x), stable for large x (uses the scaled erfcx(x) = exp(x^2) erfc(x)). */
function logErfc(x: number): number {
  return x > 1 ? Math.log(erfcx(x)) - x * x : Math.log(erfc(x));
}

/** Standard normal CDF Phi(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** log Phi(x), accurate in the far lower tail (Phi ~ 1e-300 and below) and near 1. */
export function logNormalCdf(x: number): number {
  if (x < 0) return Math.log(0.5) + logErfc(-x / Math.SQRT2);
  return Math.log1p(-0.5 * erfc(x / Math.SQRT2));
}

/** log(1 - Phi(x)) = log Phi(-x). */
function logNormalSf(x: number): number {
  return logNormalCdf(-x);
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * log P(lo <= X <= hi) for X ~ N(0, 1), lo < hi, accurate when the interval
 * holds almost all the mass (returns log1p(-tails)) or almost none.
 */
export function logNormalInterval(lo: number, hi: number): number {
  if (!(lo < hi)) return Number.NEGATIVE_INFINITY;
  if (lo <= 0 && hi >= 0) {
    // Both tails are <= 1/2: subtract them from 1 without cancellation.
    return Math.log1p(-(0.5 * erfc(-lo / Math.SQRT2) + 0.5 * erfc(hi / Math.SQRT2)));
  }
  // Interval on one side: mirror to the upper side, P = Q(a) - Q(b), a < b.
  const a = lo > 0 ? lo : -hi;
  const b = lo > 0 ? hi : -lo;
  const la = logNormalSf(a);
  const lb = logNormalSf(b);
  return la + Math.log1p(-Math.exp(lb - la));
}
