import { type BondParams, normal, type Rng } from '@bondline/physics';
import type { PlasmaParams } from '../recipe/recipe-types.js';
import { moduleParticles } from './module-particles.js';
import { degradationLevel } from './particle-rate.js';
import type { SurfaceContext, SurfaceOutcome, WaferSurface } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/** Relative 1-sigma noise of the RF generator's forward power and of the pressure gauge. */
const RF_FORWARD_NOISE = 0.003;
const PRESSURE_NOISE = 0.01;
/** Reflected power of a matched chamber, as a fraction of forward power, and its relative noise. */
const RF_REFLECTED_FRACTION = 0.005;
const RF_REFLECTED_NOISE = 0.1;

/**
 * Plasma activation of one wafer (docs/tool.md §4): nothing is removed; the module adds
 * Poisson(rate x (1 + growth x wafers since maintenance) x fault factor) particles and Poisson(extra)
 * from the faults. Trace: rfForwardW (the recipe's power with noise), rfReflectedW (a small fraction
 * that grows with the faults' degradation level: a mismatched or dirty chamber reflects more) and
 * chamberPressurePa (the recipe's pressure with noise, rising with the level: a leak or outgassing).
 * `sensor` reads the three again with fresh noise (the readings while the step runs).
 */
export function plasmaStep(
  rng: Rng,
  twin: TwinParams,
  bond: BondParams,
  wafer: WaferSurface,
  params: PlasmaParams,
  ctx: SurfaceContext,
): SurfaceOutcome {
  const added = moduleParticles(rng, bond, twin.plasmaParticles, twin.particleGrowthPerWafer, ctx);
  const level = degradationLevel(ctx.degradation);
  const sensor = (r: Rng): Record<string, number> => {
    const rfForwardW = params.rfPowerW * (1 + RF_FORWARD_NOISE * normal(r));
    const reflected = RF_REFLECTED_FRACTION * (1 + level) * Math.abs(1 + RF_REFLECTED_NOISE * normal(r));
    const chamberPressurePa = params.pressurePa * (1 + 0.02 * level + PRESSURE_NOISE * normal(r));
    return { rfForwardW, rfReflectedW: rfForwardW * reflected, chamberPressurePa };
  };
  return { particles: [...wafer.particles, ...added], trace: sensor(rng), sensor };
}
