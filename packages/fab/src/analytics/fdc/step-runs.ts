// Runs from step windows and stored trace samples (docs/fab.md, "FDC"). A Bondline bonder names each
// module's trace status variable by the module id and the trace (`PL1ChamberPressure`, docs/tool.md
// §7.8), so the traces of a step are the sample values whose name starts with the step's module id;
// the trace is named without it (`ChamberPressure`, starting with a capital), so one model serves a
// recipe on parallel modules.
import type { TraceSampleRecord } from '../../store/records.js';
import type { FdcRun, RunStep, TraceSeries } from './fdc-types.js';
import type { StepWindow } from './step-windows.js';

/** A trace sample as the store holds it (only what FDC reads). */
export type TraceSampleInput = Pick<TraceSampleRecord, 'toolId' | 'equipmentTimeMs' | 'values'>;

/**
 * Group the samples stamped inside each window (start and end included) by trace, and the windows by
 * pair: one run per pair, its steps in time order. Non-numeric values are left out.
 */
export function assembleRuns(windows: readonly StepWindow[], samples: readonly TraceSampleInput[]): FdcRun[] {
  const byTool = new Map<string, TraceSampleInput[]>();
  for (const s of samples) {
    const list = byTool.get(s.toolId);
    if (list === undefined) byTool.set(s.toolId, [s]);
    else list.push(s);
  }
  for (const list of byTool.values()) list.sort((a, b) => a.equipmentTimeMs - b.equipmentTimeMs);
  const runs = new Map<string, { pairId: string; toolId: string; recipe: string; steps: RunStep[] }>();
  for (const w of windows) {
    const list = byTool.get(w.toolId) ?? [];
    const traces: Record<string, { timesMs: number[]; values: number[] }> = {};
    for (let i = firstAtOrAfter(list, w.startMs); i < list.length; i++) {
      const s = list[i];
      if (s === undefined || s.equipmentTimeMs > w.endMs) break;
      for (const [name, value] of Object.entries(s.values)) {
        if (!ownTrace(name, w.moduleId)) continue;
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const trace = name.slice(w.moduleId.length);
        const series = traces[trace] ?? { timesMs: [], values: [] };
        traces[trace] = series;
        series.timesMs.push(s.equipmentTimeMs);
        series.values.push(value);
      }
    }
    const step: RunStep = {
      step: w.step,
      moduleId: w.moduleId,
      startMs: w.startMs,
      endMs: w.endMs,
      traces: traces satisfies Record<string, TraceSeries>,
    };
    const run = runs.get(w.pairId) ?? { pairId: w.pairId, toolId: w.toolId, recipe: w.recipe, steps: [] };
    runs.set(w.pairId, run);
    run.steps.push(step);
  }
  for (const r of runs.values()) r.steps.sort((a, b) => a.startMs - b.startMs);
  return [...runs.values()];
}

/** `PL1ChamberPressure` is PL1's; `PL10ChamberPressure` is not (a trace name starts with A-Z). */
function ownTrace(name: string, moduleId: string): boolean {
  const next = name.charCodeAt(moduleId.length);
  return name.startsWith(moduleId) && next >= 65 && next <= 90;
}

/** Index of the first sample at or after `ms` (binary search; samples sorted by time). */
function firstAtOrAfter(list: readonly TraceSampleInput[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.equipmentTimeMs ?? ms) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
