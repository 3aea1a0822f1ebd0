import { type BondParams, normal, type Rng } from '@bondline/physics';
import type { BonderParams } from '../recipe/recipe-types.js';
import type { PairRegistration } from './align-pair.js';
import type { BondContext, OverlayTerms } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/**
 * Silicon's thermal expansion, ppm per kelvin: a chuck that is dT warmer than its partner stretches
 * its wafer by about 2.6 dT ppm, so the thermal magnification noise is reported as the chuck
 * temperature offset that makes it.
 */
export const SILICON_CTE_PPM_PER_K = 2.6;

/** The pair's realised overlay terms and the thermal magnification (ppm) that went into them. */
export interface RealisedTerms {
  terms: OverlayTerms;
  thermalMagPpm: number;
}

/**
 * The overlay terms a pair really gets (docs/tool.md §4; units of @bondline/align: nm, µrad, ppm):
 * - Tx, Ty: the registration residuals (bottom minus top: the stage moves the top wafer to where it
 *   believes the bottom one is), the stage's placement noise (stageNoiseNm x alignNoiseFactor), the
 *   faults' drift, minus the host's R2R offsets (the stage subtracts them);
 * - Rot: rotation placement noise (rotationNoiseUrad x alignNoiseFactor) + drift - offset;
 * - Mag: the bond wave's run-out, physics' kMag (ppm per µm of bow difference, docs/physics.md §2.2)
 *   times the bow difference: the top wafer's bow at initiation (the recipe's bowUm) against the
 *   profile of the bottom chuck it is matched to (twin.bottomChuckBowUm), plus M0; then thermal
 *   noise (thermalMagPpm) + drift - offset. A recipe bowed as the chuck bonds with no run-out.
 */
export function realiseTerms(
  rng: Rng,
  twin: TwinParams,
  bond: BondParams,
  params: BonderParams,
  reg: PairRegistration,
  ctx: BondContext,
): RealisedTerms {
  const d = ctx.degradation;
  const f = d.alignNoiseFactor ?? 1;
  const drift = d.overlayDrift ?? {};
  const off = ctx.r2rOffsets;
  const stage = twin.stageNoiseNm * f;
  const Tx = reg.bottom.x - reg.top.x + normal(rng, 0, stage) + (drift.Tx ?? 0) - off.Tx;
  const Ty = reg.bottom.y - reg.top.y + normal(rng, 0, stage) + (drift.Ty ?? 0) - off.Ty;
  const Rot = normal(rng, 0, twin.rotationNoiseUrad * f) + (drift.Rot ?? 0) - off.Rot;
  const thermalMagPpm = normal(rng, 0, twin.thermalMagPpm);
  const runOutPpm = bond.overlay.kMag * (params.bowUm - twin.bottomChuckBowUm) + bond.overlay.M0;
  const Mag = runOutPpm + thermalMagPpm + (drift.Mag ?? 0) - off.Mag;
  return { terms: { Tx, Ty, Rot, Mag }, thermalMagPpm };
}
