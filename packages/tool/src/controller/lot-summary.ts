// The summary of a lot when it ends (docs/tool.md §2, "Scheduler"): pairs and mean yield, the
// steady-state throughput against the bound, every module's busy fraction in the steady state,
// fill and drain apart.
import { fillDrain, type LotTimeline, steadyPairsPerHour, steadyWindow } from '../schedule/lot-metrics.js';
import type { LotRun } from './lot-run.js';
import type { LotSummary } from './tool-api.js';
import type { ToolRuntime } from './tool-runtime.js';

export function lotSummary(
  rt: ToolRuntime,
  lot: LotRun,
  bound: { bottleneck: string; boundPairsPerHour: number },
  outcome: LotSummary['outcome'],
): LotSummary {
  const endedS = rt.nowS;
  const bondStartsS = lot.records
    .map((r) => lot.bondStartsS.get(r.index))
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b);
  const timeline: LotTimeline = { startedS: lot.startedS, endedS, firstDoneS: lot.firstDoneS, bondStartsS };
  const w = steadyWindow(timeline);
  const span = w.toS - w.fromS;
  const pairs = lot.records.length;
  return {
    lotId: lot.job.lotId,
    recipe: lot.recipe.name,
    pairs,
    yield: pairs === 0 ? 0 : lot.records.reduce((s, r) => s + r.yield, 0) / pairs,
    pairsPerHour: steadyPairsPerHour(timeline, w, pairs),
    boundPairsPerHour: bound.boundPairsPerHour,
    bottleneck: bound.bottleneck,
    modules: rt.modules.map((m) => ({
      id: m.id,
      kind: m.kind,
      busyFraction: span > 0 ? m.busy.busyWithin(w.fromS, w.toS) / span : 0,
    })),
    ...fillDrain(timeline),
    startedS: lot.startedS,
    endedS,
    outcome,
  };
}
