import { type BondParams, mainRadius, mirrorTopToBonded } from '@bondline/physics';
import type { Particle, Void } from './process-physics.js';

/**
 * The voids the particles of both surfaces leave in the bonded stack (docs/tool.md §4). Each particle
 * on the wafer (top-wafer positions mirrored into bonded coordinates, docs/physics.md §1.3) leaves a
 * void whose main disc has physics' radius (kR rho + kR0) sqrt(t) (docs/physics.md §3), with the
 * particle's height t equal to its diameter (the gate's default, docs/physics.md §6). Particles at or
 * beyond the wafer's edge leave none.
 */
export function particleVoids(
  bond: BondParams,
  top: readonly Particle[],
  bottom: readonly Particle[],
): Void[] {
  const out: Void[] = [];
  const add = (xMm: number, yMm: number, p: Particle) => {
    const rho = Math.hypot(xMm * 1000, yMm * 1000);
    if (!(rho < bond.wafer.R) || !(p.diameterUm > 0)) return;
    const r = mainRadius(bond.voids, rho, Math.sqrt(p.diameterUm));
    out.push({ xMm, yMm, diameterUm: 2 * r, cause: 'particle' });
  };
  for (const p of top) {
    const m = mirrorTopToBonded(p.xMm, p.yMm);
    add(m.x, m.y, p);
  }
  for (const p of bottom) add(p.xMm, p.yMm, p);
  return out;
}
