import { type BondParams, normal, type Rng } from '@bondline/physics';
import type { CleanParams } from '../recipe/recipe-types.js';
import { moduleParticles } from './module-particles.js';
import { degradationLevel } from './particle-rate.js';
import type { SurfaceContext, SurfaceOutcome, WaferSurface } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/** Relative 1-sigma noise of the spin motor's speed and of the rinse flow meter. */
const SPIN_NOISE = 0.002;
const FLOW_NOISE = 0.01;
/** DI-water rinse flow of a healthy module, litres per minute. */
const NOMINAL_RINSE_FLOW_LPM = 1.5;

/**
 * Clean / hydration of one wafer (docs/tool.md §4): each particle on the wafer is rinsed away with
 * probability `cleanRemoval` (independently), then the module leaves Poisson(rate x (1 + growth x
 * wafers since maintenance) x fault factor) particles of its own and Poisson(extra) from the faults.
 * Trace: spinRpm (the recipe's speed with noise) and rinseFlowLpm (nominal flow with noise, falling as
 * the faults' degradation level rises: a clogging filter both starves the rinse and sheds particles).
 * `sensor` reads the two again with fresh noise (the readings while the step runs).
 */
export function cleanStep(
  rng: Rng,
  twin: TwinParams,
  bond: BondParams,
  wafer: WaferSurface,
  params: CleanParams,
  ctx: SurfaceContext,
): SurfaceOutcome {
  const kept = wafer.particles.filter(() => rng.uniform() >= twin.cleanRemoval);
  const added = moduleParticles(rng, bond, twin.cleanParticles, twin.particleGrowthPerWafer, ctx);
  const level = degradationLevel(ctx.degradation);
  const sensor = (r: Rng): Record<string, number> => ({
    spinRpm: params.spinRpm * (1 + SPIN_NOISE * normal(r)),
    rinseFlowLpm: (NOMINAL_RINSE_FLOW_LPM * (1 + FLOW_NOISE * normal(r))) / (1 + 0.1 * level),
  });
  return { particles: [...kept, ...added], trace: sensor(rng), sensor };
}
