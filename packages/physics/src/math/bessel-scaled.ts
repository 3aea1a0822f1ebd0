/**
 * Exponentially scaled modified Bessel functions of the first kind,
 * `besselI0e(z) = exp(-z) I0(z)` and `besselI1e(z) = exp(-z) I1(z)` for z >= 0.
 *
 * Small and moderate z use the power series (all terms positive, so no
 * cancellation); large z use the Hankel asymptotic expansion
 * I_v(z) ~ e^z / sqrt(2 pi z) * sum_k (-1)^k a_k(v) / z^k (Abramowitz & Stegun
 * 9.7.1), truncated before its smallest term. Relative accuracy ~1e-15.
 */
const SWITCH = 17;

function seriesScaled(v: 0 | 1, z: number): number {
  // I_v(z) = sum_k (z/2)^(2k+v) / (k! (k+v)!)
  const q = (z * z) / 4;
  let term = v === 0 ? 1 : z / 2;
  let sum = term;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * (k + v));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum * Math.exp(-z);
}

function asymptoticScaled(v: 0 | 1, z: number): number {
  const mu = 4 * v * v;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 60; k++) {
    const next = (-term * (mu - (2 * k - 1) * (2 * k - 1))) / (k * 8 * z);
    if (Math.abs(next) >= Math.abs(term)) break;
    term = next;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum / Math.sqrt(2 * Math.PI * z);
}

/** exp(-z) I0(z) for z >= 0 (dimensionless). */
export function besselI0e(z: number): number {
  if (!(z >= 0)) throw new RangeError(`besselI0e: z must be >= 0, got ${z}`);
  return z < SWITCH ? seriesScaled(0, z) : asymptoticScaled(0, z);
}

/** exp(-z) I1(z) for z >= 0 (dimensionless). */
export function besselI1e(z: number): number {
  if (!(z >= 0)) throw new RangeError(`besselI1e: z must be >= 0, got ${z}`);
  return z < SWITCH ? seriesScaled(1, z) : asymptoticScaled(1, z);
}
