// Three recipes for the scheduler's tests whose bottlenecks differ (bonder, clean, inspection), and
// this test's own count of each resource's busy time per pair by TOOL.md's rule (docs/tool.md §2),
// written apart from the bound of schedule/bound.ts so the two check each other once merged.
import type { ModuleConfig } from '../config/tool-config-types.js';
import type { ModuleKind } from '../module-kind.js';
import type { Recipe, RecipeParams } from '../recipe/recipe-types.js';
import type { BoundSource } from './lot-metrics.js';

const BASE: RecipeParams = {
  robot: { moveS: 2, pickS: 1.5, placeS: 1.5 },
  prealigner: { timeS: 10 },
  plasma: { gas: 'N2', rfPowerW: 300, timeS: 30, pressurePa: 50 },
  clean: { rinseS: 20, spinRpm: 1500, dryS: 15 },
  flipper: { timeS: 12 },
  bonder: {
    alignS: 45,
    alignRetries: 3,
    vacuumZones: 5,
    pinForceN: 8,
    bowUm: 50,
    initiationDelayS: 5,
    bondS: 70,
  },
  inspection: { sites: 13, siteS: 2, scanS: 40, voidThresholdUm: 100 },
};

function recipe(name: string, description: string, change: (p: RecipeParams) => void): Recipe {
  const params = structuredClone(BASE);
  change(params);
  return { name, version: 1, description, params };
}

/** Bond-bound: 120 s in the bond chamber per pair against 76 s of clean. */
export const BOND_BOUND = recipe('T-BOND', 'bond-bound test recipe', () => undefined);
/** Clean-bound: a long rinse and dry, 105 s per wafer, twice per pair. */
export const CLEAN_BOUND = recipe('T-CLEAN', 'clean-bound test recipe', (p) => {
  p.clean.rinseS = 60;
  p.clean.dryS = 45;
});
/** Inspection-bound: 49 metrology sites at 4 s and a 60 s scan. */
export const INSPECT_BOUND = recipe('T-INSPECT', 'inspection-bound test recipe', (p) => {
  p.inspection.sites = 49;
  p.inspection.siteS = 4;
  p.inspection.scanS = 60;
});

export const TEST_RECIPES: readonly Recipe[] = [BOND_BOUND, CLEAN_BOUND, INSPECT_BOUND];

/**
 * Busy seconds per pair of one module of each kind: processing (per-wafer kinds twice per pair, the
 * flipper once for the top, bonder and inspection once), plus the robot's picks and places at it;
 * m parallel modules of a kind share it. The robot: a move, a pick and a place per transfer (11
 * transfers: 5 for the top, 4 for the bottom, 2 for the stack).
 */
export function expectedBusyPerPair(
  p: RecipeParams,
  modules: readonly ModuleConfig[],
): Map<ModuleKind, number> {
  const { moveS, pickS, placeS } = p.robot;
  const handling = (picks: number, places: number) => picks * pickS + places * placeS;
  const busy: [ModuleKind, number][] = [
    ['loadport', handling(2, 1)],
    ['robot', 11 * (moveS + pickS + placeS)],
    ['prealigner', 2 * p.prealigner.timeS + handling(2, 2)],
    ['plasma', 2 * p.plasma.timeS + handling(2, 2)],
    ['clean', 2 * (p.clean.rinseS + p.clean.dryS) + handling(2, 2)],
    ['flipper', p.flipper.timeS + handling(1, 1)],
    ['bonder', p.bonder.alignS + p.bonder.initiationDelayS + p.bonder.bondS + handling(1, 2)],
    ['inspection', p.inspection.scanS + p.inspection.sites * p.inspection.siteS + handling(1, 1)],
  ];
  const count = (k: ModuleKind) => Math.max(1, modules.filter((m) => m.kind === k).length);
  return new Map(busy.map(([k, s]) => [k, s / count(k)]));
}

/** The bound from expectedBusyPerPair: the busiest kind and 3600 / its busy seconds. */
export const testBound: BoundSource = (r, config) => {
  let bottleneck: ModuleKind = 'robot';
  let worst = 0;
  for (const [k, s] of expectedBusyPerPair(r.params, config.modules)) {
    if (s > worst) {
      worst = s;
      bottleneck = k;
    }
  }
  return { bottleneck, boundPairsPerHour: 3600 / worst };
};
