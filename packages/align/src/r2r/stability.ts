import type { ControllerConfig } from './controller-config.js';

export interface StabilityReport {
  stable: boolean;
  /** The gain ratios xi checked (the configured range). */
  range: [number, number];
  /** Smallest checked xi at which the loop is unstable, when there is one. */
  unstableAt?: number;
  message: string;
}

/**
 * Whether the closed loop stays stable for every gain ratio xi = true gain /
 * model gain in the configured range. Single EWMA: the loop error obeys
 * e_(k+1) = (1 − w·xi) e_k, stable iff 0 < w·xi < 2 (Ingolfsson & Sachs 1993).
 * Double EWMA: the noise-free loop in the state (a_(k−1), D_(k−1), b·u_k) has
 * the 3×3 transition matrix built below; it is stable iff all roots of its
 * characteristic polynomial lie inside the unit circle, decided by the Jury
 * test. The range is checked at its ends and at 199 points between.
 */
export function checkStability(c: ControllerConfig): StabilityReport {
  const range: [number, number] = c.gainRatioRange ?? [1, 1];
  const [lo, hi] = range;
  const steps = lo === hi ? 0 : 200;
  let unstableAt: number | undefined;
  for (let i = 0; i <= steps; i++) {
    const xi = steps === 0 ? lo : lo + ((hi - lo) * i) / steps;
    if (!loopStable(c, xi)) {
      unstableAt = xi;
      break;
    }
  }
  const name = c.kind === 'ewma' ? `EWMA w=${c.w}` : `double EWMA w=${c.w}, w2=${c.w2}`;
  if (unstableAt === undefined) {
    return { stable: true, range, message: `${name} is stable for gain ratio xi in [${lo}, ${hi}]` };
  }
  const rule = c.kind === 'ewma' ? ` (needs 0 < w*xi < 2, i.e. xi in (0, ${fmt(2 / c.w)}))` : '';
  return {
    stable: false,
    range,
    unstableAt,
    message: `${name} can go unstable: at gain ratio xi = ${fmt(unstableAt)} within the assumed range [${lo}, ${hi}]${rule}`,
  };
}

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

/** Closed-loop stability at one gain ratio xi. */
export function loopStable(c: ControllerConfig, xi: number): boolean {
  const w = c.w;
  if (c.kind === 'ewma') return w * xi > 0 && w * xi < 2;
  const w2 = c.w2 ?? 0;
  // State s_k = (a_(k-1), D_(k-1), p_k) with p = b·u. With y − p = alpha + (xi − 1) p:
  //   a_k     = (1−w) a + w (xi−1) p
  //   D_k     = −w2 a + (1−w2) D + w2 (xi−1) p
  //   p_(k+1) = −a_k − D_k
  const g = xi - 1;
  const m = [
    [1 - w, 0, w * g],
    [-w2, 1 - w2, w2 * g],
    [-(1 - w - w2), -(1 - w2), -(w + w2) * g],
  ];
  return jury3(m);
}

/** Jury test: all eigenvalues of a 3×3 matrix strictly inside the unit circle. */
function jury3(m: number[][]): boolean {
  const e = (i: number, j: number) => m[i]?.[j] as number;
  const tr = e(0, 0) + e(1, 1) + e(2, 2);
  const c2 =
    e(0, 0) * e(1, 1) -
    e(0, 1) * e(1, 0) +
    e(0, 0) * e(2, 2) -
    e(0, 2) * e(2, 0) +
    e(1, 1) * e(2, 2) -
    e(1, 2) * e(2, 1);
  const det =
    e(0, 0) * (e(1, 1) * e(2, 2) - e(1, 2) * e(2, 1)) -
    e(0, 1) * (e(1, 0) * e(2, 2) - e(1, 2) * e(2, 0)) +
    e(0, 2) * (e(1, 0) * e(2, 1) - e(1, 1) * e(2, 0));
  // P(z) = z³ + a2 z² + a1 z + a0.
  const a2 = -tr;
  const a1 = c2;
  const a0 = -det;
  const p1 = 1 + a2 + a1 + a0;
  const pm1 = -1 + a2 - a1 + a0;
  return p1 > 0 && pm1 < 0 && Math.abs(a0) < 1 && Math.abs(a0 * a0 - 1) > Math.abs(a0 * a2 - a1);
}
