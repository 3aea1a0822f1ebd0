import { padRadii } from '../geometry/pad-radii.js';
import type { BondParams } from '../params.js';
import { adhesionModel } from './adhesion.js';
import { annealClosureNm } from './anneal-closure.js';

/**
 * Lower recess bound zeta1 (nm) from the adhesion model (docs/physics.md §4):
 * copper areal fraction Dcu = pi Rb^2 / p^2, zeta1 = 2e9 (dish0 - sigmaMax / (kPeel Dcu)),
 * floored at 0. dish0 is in m and sigmaMax / (kPeel Dcu) is read in m as the
 * published model does; 1e9 converts m to nm and the 2 counts both pads.
 */
export function peelLimitNm(params: BondParams): number {
  const { Rb } = padRadii(params);
  const p = params.pads.p;
  const dcu = (Math.PI * Rb * Rb) / (p * p);
  const c = params.copper;
  const { sigmaMax } = adhesionModel(c);
  return Math.max(0, 2e9 * (c.dish0 - sigmaMax / (c.kPeel * dcu)));
}

/** The recess window of a good pad: -zeta0 <= g <= -zeta1 (nm). */
export interface RecessWindow {
  zeta0Nm: number;
  zeta1Nm: number;
}

/** zeta0 and zeta1 (nm) for the parameters. */
export function recessWindow(params: BondParams): RecessWindow {
  return { zeta0Nm: annealClosureNm(params.copper), zeta1Nm: peelLimitNm(params) };
}
