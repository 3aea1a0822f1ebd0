import { integrateGL } from '../math/gauss-legendre.js';
import { normalCdf } from '../math/normal.js';
import { brentRoot } from '../math/root-brent.js';
import type { CopperParams } from '../params.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Intermediate quantities of the rough-surface adhesion model, SI units as noted. */
export interface AdhesionModel {
  /** Combined roughness s' = sqrt(2) sigma (m). */
  sCombined: number;
  /** Effective modulus E' = E/2 (Pa). */
  ePrime: number;
  /** Adhesion parameter theta = (E'/w) sqrt(s'^3/Ra) (dimensionless). */
  theta: number;
  /** Root s* of the normalised load P(s) (in units of s'). */
  sStar: number;
  /** Normalised real contact area A* at s* (dimensionless). */
  aStar: number;
  /** Bond strength sigmaMax = sqrt(2 E' w / h) A* (Pa). */
  sigmaMax: number;
}

/** int_s^inf (x-s)^1.5 exp(-x^2/2) dx, with x = s + u^2 so the integrand is smooth at the lower end. */
export function loadMomentIntegral(s: number): number {
  const uMax = Math.sqrt(Math.max(0, -s) + 14);
  return integrateGL((u) => 2 * u ** 4 * Math.exp(-0.5 * (s + u * u) ** 2), 0, uMax, 20, 8);
}

/** int_s^inf exp(-x^2/2) dx = sqrt(2 pi) Phi(-s). */
function gaussTail(s: number): number {
  return SQRT_2PI * normalCdf(-s);
}

/**
 * Normalised load of two rough surfaces in adhesive contact at separation s
 * (docs/physics.md §4): P(s) = c [ (4 theta / (3 sqrt(2 pi))) int_s^inf (x-s)^1.5 e^{-x^2/2} dx
 * - sqrt(2 pi) int_s^inf e^{-x^2/2} dx ] (elastic asperity repulsion minus adhesion).
 */
export function normalisedLoad(s: number, theta: number, c: number): number {
  return c * (((4 * theta) / (3 * SQRT_2PI)) * loadMomentIntegral(s) - SQRT_2PI * gaussTail(s));
}

/**
 * The adhesion model's bond strength (docs/physics.md §4). The load is positive for
 * s -> -inf (the 1.5-moment dominates) and negative for large s (adhesion
 * dominates), so its root is bracketed by widening [-12, 12] and found by Brent's method.
 */
export function adhesionModel(c: CopperParams): AdhesionModel {
  const sCombined = Math.SQRT2 * c.sigma;
  const ePrime = c.E / 2;
  const theta = (ePrime / c.w) * Math.sqrt(sCombined ** 3 / c.Ra);
  const f = (s: number): number => normalisedLoad(s, theta, c.c);
  let lo = -12;
  let hi = 12;
  while (f(lo) <= 0 && lo > -1e3) lo *= 2;
  if (f(hi) >= 0) hi = lo; // No adhesive regime: never happens for theta > 0, kept to bracket safely.
  const sStar = f(lo) > 0 && f(hi) < 0 ? brentRoot(f, lo, hi, 1e-13) : lo;
  // int_s^inf (x-s) e^{-x^2/2} dx = e^{-s^2/2} - s sqrt(2 pi) Phi(-s).
  const firstMoment = Math.exp(-0.5 * sStar * sStar) - sStar * gaussTail(sStar);
  const aStar = ((Math.PI * c.c) / SQRT_2PI) * firstMoment;
  const sigmaMax = Math.sqrt((2 * ePrime * c.w) / c.h) * aStar;
  return { sCombined, ePrime, theta, sStar, aStar, sigmaMax };
}
