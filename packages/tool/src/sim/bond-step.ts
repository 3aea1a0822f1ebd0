import { type BondParams, normal, type Rng } from '@bondline/physics';
import type { BonderParams } from '../recipe/recipe-types.js';
import { registerPair } from './align-pair.js';
import { edgeVoids } from './edge-voids.js';
import type { MarkAligner } from './mark-aligner.js';
import { faultParticles } from './module-particles.js';
import { realiseTerms, SILICON_CTE_PPM_PER_K } from './overlay-terms.js';
import { particleVoids } from './particle-voids.js';
import type { BondContext, BondOutcome, WaferSurface } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/** Relative 1-sigma noise of the pin's load cell; the chamber's ambient pressure and its gauge noise. */
const FORCE_NOISE = 0.01;
const AMBIENT_PA = 101_325;
const PRESSURE_NOISE = 0.001;
/** Set point of the bond chuck, °C. */
const CHUCK_SET_C = 23;

/**
 * Align and bond one pair (docs/tool.md §4): register both marks (with retries); when that fails the
 * pair is not bonded (`aligned: false`, no voids, the realised terms are all 0 and mean nothing).
 * Otherwise realise the overlay terms, let the faults drop their extra particles onto the bottom
 * wafer just before contact, turn every particle of both surfaces into its void and add the bond
 * wave's edge voids. Trace: bondForceN (the pin force with noise; 0 when not bonded),
 * chamberPressurePa (ambient), chuckTemperatureC (set point plus the offset that makes the thermal
 * magnification), markScoreTop and markScoreBottom (NCC of the accepted readings, 0 if none).
 */
export function bondStep(
  rng: Rng,
  twin: TwinParams,
  bond: BondParams,
  aligner: MarkAligner,
  top: WaferSurface,
  bottom: WaferSurface,
  params: BonderParams,
  ctx: BondContext,
): BondOutcome {
  const d = ctx.degradation;
  const reg = registerPair(aligner, rng, params.alignRetries, d.alignNoiseFactor ?? 1, twin.pixelNm);
  const registration = {
    topResidualNm: Math.hypot(reg.top.x, reg.top.y),
    bottomResidualNm: Math.hypot(reg.bottom.x, reg.bottom.y),
    attempts: reg.attempts,
  };
  const chamberPressurePa = AMBIENT_PA * (1 + PRESSURE_NOISE * normal(rng));
  const scores = { markScoreTop: reg.topScore, markScoreBottom: reg.bottomScore };
  if (!reg.aligned) {
    return {
      topId: top.id,
      bottomId: bottom.id,
      realised: { Tx: 0, Ty: 0, Rot: 0, Mag: 0 },
      registration,
      aligned: false,
      voids: [],
      trace: { bondForceN: 0, chamberPressurePa, chuckTemperatureC: CHUCK_SET_C, ...scores },
    };
  }
  const { terms, thermalMagPpm } = realiseTerms(rng, twin, bond, params, reg, ctx);
  const dropped = faultParticles(rng, bond, ctx.moduleId, d);
  const voids = [
    ...particleVoids(bond, top.particles, [...bottom.particles, ...dropped]),
    ...edgeVoids(rng, twin, bond, params, d),
  ];
  return {
    topId: top.id,
    bottomId: bottom.id,
    realised: terms,
    registration,
    aligned: true,
    voids,
    trace: {
      bondForceN: params.pinForceN * (1 + FORCE_NOISE * normal(rng)),
      chamberPressurePa,
      chuckTemperatureC: CHUCK_SET_C + thermalMagPpm / SILICON_CTE_PPM_PER_K,
      ...scores,
    },
  };
}
