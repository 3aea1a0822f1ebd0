import type { BondParams, Rng } from '@bondline/physics';
import { extraParticleSource, moduleParticleMean } from './particle-rate.js';
import { sprinkleParticles } from './particles.js';
import type { Degradation, Particle, SurfaceContext } from './process-physics.js';

/**
 * The faults' extra particles on one wafer (docs/tool.md §5.5): Poisson(`extraParticles`), their
 * source the first contributing fault point, else the module.
 */
export function faultParticles(rng: Rng, bond: BondParams, moduleId: string, d: Degradation): Particle[] {
  return sprinkleParticles(rng, bond, d.extraParticles ?? 0, extraParticleSource(moduleId, d));
}

/**
 * What a plasma or clean module leaves on one wafer (docs/tool.md §4): Poisson(rate x (1 + growth x
 * wafers since maintenance) x fault factor) particles of its own, then the faults' extra ones. The
 * draws are in that order, so a seeded run is the same whichever step calls it.
 */
export function moduleParticles(
  rng: Rng,
  bond: BondParams,
  ratePerWafer: number,
  growthPerWafer: number,
  ctx: SurfaceContext,
): Particle[] {
  const d = ctx.degradation;
  const mean = moduleParticleMean(ratePerWafer, growthPerWafer, ctx.wafersSinceMaintenance, d);
  const added = sprinkleParticles(rng, bond, mean, ctx.moduleId);
  return [...added, ...faultParticles(rng, bond, ctx.moduleId, d)];
}
