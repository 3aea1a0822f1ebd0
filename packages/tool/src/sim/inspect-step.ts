import { type BondParams, normal, type Rng } from '@bondline/physics';
import type { InspectionParams } from '../recipe/recipe-types.js';
import { pairDieYield } from './die-yield.js';
import { measureSites, siteGrid } from './metrology-sites.js';
import type { BondOutcome, Degradation, PairMetrology } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/** Set point of the metrology stage, °C, and its 1-sigma noise, K. */
const STAGE_SET_C = 22;
const STAGE_NOISE_K = 0.02;

/**
 * Post-bond inspection of one stack (docs/tool.md §4). Overlay at `params.sites` sites: the realised
 * terms plus the faults' overlay drift, which here is a bias of the metrology itself (the stack is
 * not changed), with metrologyNoiseNm x alignNoiseFactor noise per axis. The infrared scan reports the
 * voids of at least voidThresholdUm diameter. The die yield map uses every void, seen or not, and the
 * realised terms: what wafer test would find (docs/physics.md §5). Trace: stageTemperatureC (the
 * counts of sites and voids are the metrology itself, not a sensor's trace).
 */
export function inspectStep(
  rng: Rng,
  twin: TwinParams,
  bond: BondParams,
  stackId: string,
  outcome: BondOutcome,
  params: InspectionParams,
  degradation: Degradation,
): PairMetrology {
  if (!outcome.aligned) {
    throw new RangeError(`inspect ${stackId}: ${outcome.topId} and ${outcome.bottomId} were never bonded`);
  }
  const r = outcome.realised;
  const bias = degradation.overlayDrift ?? {};
  const measured = {
    Tx: r.Tx + (bias.Tx ?? 0),
    Ty: r.Ty + (bias.Ty ?? 0),
    Rot: r.Rot + (bias.Rot ?? 0),
    Mag: r.Mag + (bias.Mag ?? 0),
  };
  const noiseNm = twin.metrologyNoiseNm * (degradation.alignNoiseFactor ?? 1);
  const sites = measureSites(rng, stackId, siteGrid(params.sites, bond.wafer.R), measured, noiseNm);
  const voids = outcome.voids.filter((v) => v.diameterUm >= params.voidThresholdUm);
  const yieldSeed = rng.nextU32();
  const dies = pairDieYield(bond, r, outcome.voids, yieldSeed);
  return {
    sites,
    voids,
    dieYield: dies.map,
    yield: dies.yield,
    trace: {
      stageTemperatureC: STAGE_SET_C + STAGE_NOISE_K * normal(rng),
    },
    expectedYield: dies.expectedYield,
    yieldSeed,
  };
}
