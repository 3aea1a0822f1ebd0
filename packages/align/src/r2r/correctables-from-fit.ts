import type { WaferFit } from '../overlay/fit-wafer.js';

/** The correctable terms of one fitted wafer, ready for `R2rController.measure` (nm, µrad, ppm). */
export interface Correctables {
  Tx: number;
  Ty: number;
  Rot: number;
  Mag: number;
}

/**
 * Correctables from an overlay fit: Tx, Ty and the mean rotation and
 * magnification, which the 4-term model fits directly and the 6/10-term models
 * give as the derived Rot = (Rx+Ry)/2 and Mag = (Mx+My)/2. Undefined for a
 * poly3 fit, whose terms do not map one to one onto the bonder's actuators.
 */
export function correctablesFromFit(fit: WaferFit): Correctables | undefined {
  const { Tx, Ty, Rot, Mag } = fit.terms;
  if (Tx === undefined || Ty === undefined || Rot === undefined || Mag === undefined) return undefined;
  return { Tx: Tx.value, Ty: Ty.value, Rot: Rot.value, Mag: Mag.value };
}
