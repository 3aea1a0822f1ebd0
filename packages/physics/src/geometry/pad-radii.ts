import type { BondParams } from '../params.js';

/** Bottom and top pad radii (µm): Rb = (p/2) botRatio, Rt = Rb topRatio (docs/physics.md §1). */
export function padRadii(params: BondParams): { Rb: number; Rt: number } {
  const { p, botRatio, topRatio } = params.pads;
  const Rb = (p / 2) * botRatio;
  return { Rb, Rt: Rb * topRatio };
}
