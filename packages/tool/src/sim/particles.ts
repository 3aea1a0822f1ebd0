// Particles on a bonding surface: where they land and how large they are. The twin's particles are
// the whole particle population of a wafer (physics' density D0 is not used by the twin): an incoming
// wafer brings some, the plasma and clean modules add some, the clean removes most (docs/tool.md §4).
import type { BondParams } from '@bondline/physics';
import { pareto, poisson, type Rng } from '@bondline/physics';
import type { Particle } from './process-physics.js';

/**
 * Poisson(`mean`) particles uniform over the wafer's area (radius R of `bond`), positions in mm from
 * the centre in the wafer's own frame, diameters in µm from the Pareto law of physics' particle
 * thickness (t0, z of docs/physics.md §3): a particle is as tall as it is wide, the gate's default
 * height factor of 1 (docs/physics.md §6).
 */
export function sprinkleParticles(rng: Rng, bond: BondParams, mean: number, source: string): Particle[] {
  const count = poisson(rng, Math.max(0, mean));
  const rMm = bond.wafer.R / 1000;
  const out: Particle[] = [];
  for (let k = 0; k < count; k++) {
    // rho^2 uniform: uniform over the disc's area
    const rho = rMm * Math.sqrt(rng.uniform());
    const phi = 2 * Math.PI * rng.uniform();
    const diameterUm = pareto(rng, bond.voids.t0, bond.voids.z);
    out.push({ xMm: rho * Math.cos(phi), yMm: rho * Math.sin(phi), diameterUm, source });
  }
  return out;
}
