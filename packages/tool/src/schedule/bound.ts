// TOOL.md's throughput bound (docs/tool.md §2, "Bound"): in steady state a bonded pair cannot leave
// the tool more often than once per the largest busy time any resource has per pair. The scheduler
// is judged against it; it depends on the recipe and on how many modules of each kind the tool has,
// never on the schedule.
import type { ModuleConfig } from '../config/tool-config-types.js';
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import type { RecipeParams } from '../recipe/recipe-types.js';

/**
 * The stations each substrate of a pair visits, in order: the top wafer is flipped, the bottom one
 * is not; both meet in the bonder, and the stack goes through inspection back to a carrier.
 */
const PAIR_ROUTES: readonly (readonly ModuleKind[])[] = [
  ['loadport', 'prealigner', 'plasma', 'clean', 'flipper', 'bonder'],
  ['loadport', 'prealigner', 'plasma', 'clean', 'bonder'],
  ['bonder', 'inspection', 'loadport'],
];

/** One resource's load per bonded pair. */
export interface ResourceBusy {
  resource: ModuleKind;
  /** Modules of this kind in the tool (they share its work). */
  count: number;
  /** Processing per pair, s, all modules of the kind together (recipe times, nominal, no retries). */
  processS: number;
  /** Picks and places the robot makes at this kind per pair (the robot: every transfer). */
  transfers: number;
  /** Busy time per pair, s, of one module of the kind: (process + pick/place time) / count. */
  busyS: number;
}

export interface ThroughputBound {
  /** Every module kind, in MODULE_KINDS order. */
  resources: ResourceBusy[];
  /** The resource with the largest busy time per pair (the first in MODULE_KINDS order on a tie). */
  bottleneck: ModuleKind;
  /** Shortest steady-state period per pair, s: the bottleneck's busy time. */
  periodS: number;
  /** Most pairs per hour the tool can bond with this recipe: 3600 / periodS. */
  pairsPerHour: number;
}

/** Processing seconds of one visit of a wafer (per-wafer kinds) or of one pair (bonder, inspection). */
function visitS(kind: ModuleKind, p: RecipeParams): number {
  switch (kind) {
    case 'prealigner':
      return p.prealigner.timeS;
    case 'plasma':
      return p.plasma.timeS;
    case 'clean':
      return p.clean.rinseS + p.clean.dryS;
    case 'flipper':
      return p.flipper.timeS;
    case 'bonder':
      return p.bonder.alignS + p.bonder.initiationDelayS + p.bonder.bondS;
    case 'inspection':
      return p.inspection.scanS + p.inspection.sites * p.inspection.siteS;
    case 'loadport':
    case 'robot':
      return 0;
  }
}

/**
 * The throughput bound of a recipe on a tool with `modules`. Every leg of PAIR_ROUTES is one pick at
 * its origin, one robot move and one place at its destination; a station is busy during its picks
 * and places as well as its processing. Per-wafer kinds process once per visit (prealigner, plasma,
 * clean twice per pair, the flipper once); the bonder processes the pair once although both wafers
 * are placed in it; inspection processes the stack once. Throws a RangeError when a kind has no
 * module (a ToolConfig never lacks one).
 */
export function throughputBound(params: RecipeParams, modules: readonly ModuleConfig[]): ThroughputBound {
  const { moveS, pickS, placeS } = params.robot;
  const picks = new Map<ModuleKind, number>();
  const places = new Map<ModuleKind, number>();
  const visits = new Map<ModuleKind, number>();
  let legs = 0;
  for (const route of PAIR_ROUTES) {
    route.forEach((kind, i) => {
      if (i > 0) places.set(kind, (places.get(kind) ?? 0) + 1);
      if (i < route.length - 1) picks.set(kind, (picks.get(kind) ?? 0) + 1);
      if (i > 0) visits.set(kind, (visits.get(kind) ?? 0) + 1);
    });
    legs += route.length - 1;
  }
  const resources = MODULE_KINDS.map((resource): ResourceBusy => {
    const count = modules.filter((m) => m.kind === resource).length;
    if (count === 0) throw new RangeError(`the tool has no ${resource} module`);
    if (resource === 'robot') {
      const busyS = (legs * (moveS + pickS + placeS)) / count;
      return { resource, count, processS: 0, transfers: 2 * legs, busyS };
    }
    const pairKind = resource === 'bonder' || resource === 'inspection';
    // A stack's arrival is not a visit of the bonder (it was made there), and the bonder and
    // inspection work once per pair however many substrates they receive.
    const processS = pairKind
      ? visitS(resource, params)
      : (visits.get(resource) ?? 0) * visitS(resource, params);
    const nPick = picks.get(resource) ?? 0;
    const nPlace = places.get(resource) ?? 0;
    const busyS = (processS + nPick * pickS + nPlace * placeS) / count;
    return { resource, count, processS, transfers: nPick + nPlace, busyS };
  });
  let worst = resources[0];
  for (const r of resources) if (worst === undefined || r.busyS > worst.busyS) worst = r;
  if (worst === undefined) throw new RangeError('no module kinds');
  return {
    resources,
    bottleneck: worst.resource,
    periodS: worst.busyS,
    pairsPerHour: 3600 / worst.busyS,
  };
}
