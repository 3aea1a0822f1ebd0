// A lot's throughput figures (docs/tool.md §2, "Scheduler"): fill lasts from the start of the lot
// until the first pair is done, drain from the moment the last pair starts bonding to the end of the
// lot; between them is the steady state, where throughput and every module's busy fraction are
// measured. A lot too short to have a steady state is measured over its whole length.
import type { ToolConfig } from '../config/tool-config-types.js';
import type { ModuleUse } from '../controller/tool-api.js';
import type { Recipe } from '../recipe/recipe-types.js';

/**
 * The throughput bound of a recipe on a tool (docs/tool.md §2): the resource with the largest busy
 * time per pair (a module id, a module kind, or 'robot') and the pairs per hour it allows.
 */
export type BoundSource = (
  recipe: Recipe,
  config: ToolConfig,
) => { bottleneck: string; boundPairsPerHour: number };

/** Times a lot leaves behind, virtual seconds. */
export interface LotTimeline {
  startedS: number;
  endedS: number;
  /** When the first pair was done (its stack left inspection). */
  firstDoneS: number | undefined;
  /** Start of every pair's bond, in lot order. */
  bondStartsS: readonly number[];
}

/** The steady-state window; `steady` is false when the lot had none and the whole lot is used. */
export interface SteadyWindow {
  fromS: number;
  toS: number;
  steady: boolean;
}

export function steadyWindow(t: LotTimeline): SteadyWindow {
  const last = t.bondStartsS.at(-1);
  if (t.firstDoneS !== undefined && last !== undefined && last > t.firstDoneS) {
    return { fromS: t.firstDoneS, toS: last, steady: true };
  }
  return { fromS: t.startedS, toS: t.endedS, steady: false };
}

/** Fill (start to first pair done) and drain (last bond start to end), seconds; 0 when they did not happen. */
export function fillDrain(t: LotTimeline): { fillS: number; drainS: number } {
  const last = t.bondStartsS.at(-1);
  return {
    fillS: t.firstDoneS === undefined ? 0 : t.firstDoneS - t.startedS,
    drainS: last === undefined ? 0 : t.endedS - last,
  };
}

/**
 * Steady-state pairs per hour: the mean interval between the bonds that started inside the window
 * (pairs leave the tool at the rate they are bonded). With fewer than two such bonds, the lot's
 * pairs over its whole length.
 */
export function steadyPairsPerHour(t: LotTimeline, w: SteadyWindow, pairs: number): number {
  const inside = t.bondStartsS.filter((s) => s >= w.fromS && s <= w.toS);
  const first = inside[0];
  const last = inside.at(-1);
  if (w.steady && first !== undefined && last !== undefined && inside.length >= 2 && last > first) {
    return (3600 * (inside.length - 1)) / (last - first);
  }
  const span = t.endedS - t.startedS;
  return span > 0 ? (3600 * pairs) / span : 0;
}

/**
 * Busy fraction of a resource named as the bound names it: a module id, or a kind (the mean over
 * that kind's modules: m parallel chambers share the work). Undefined when nothing matches.
 */
export function resourceBusy(resource: string, modules: readonly ModuleUse[]): number | undefined {
  const byId = modules.find((m) => m.id === resource);
  if (byId !== undefined) return byId.busyFraction;
  const ofKind = modules.filter((m) => m.kind === resource);
  if (ofKind.length === 0) return undefined;
  return ofKind.reduce((s, m) => s + m.busyFraction, 0) / ofKind.length;
}
