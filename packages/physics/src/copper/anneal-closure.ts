import type { CopperParams } from '../params.js';

/**
 * Recess closed by copper expansion during anneal (nm), docs/physics.md §4:
 * zeta0 = (kEt + kEb) (Tanneal - Troom), kE in nm/K, temperatures in degC.
 * A pad opens when the combined recess is deeper than zeta0.
 */
export function annealClosureNm(c: CopperParams): number {
  return (c.kEt + c.kEb) * (c.Tanneal - c.Troom);
}
