// The value of each charted parameter for one analysed pair (docs/fab.md §8.6): the figures of the
// fab's stored analysis (yield, overlay terms, residual |mean| + 3 sigma, void count), and values the
// tool reported in an event of the pair's bond step (bond force, chamber pressure, or any variable a
// configuration adds). An event names its pair by `PairId`, or its wafers by `StepSubstrates` (the
// bond step's top and bottom wafer); its values are remembered per wafer until the pair is analysed.

import { type PairFigures, pairFigures } from '../../store/pair-analysis-record.js';
import type { EventRecord } from '../../store/records.js';
import type { AnalysedPair } from '../pair/pair-analyser.js';
import type { EventVariable, SpcParameter } from './spc-settings.js';

/** Wafers (or pairs) remembered per tool between their step event and their pair's analysis. */
const MAX_REMEMBERED = 10_000;

const FROM_FIGURES: Readonly<Record<string, (f: PairFigures) => number | null>> = {
  yield: (f) => f.yield,
  tx: (f) => f.txNm,
  ty: (f) => f.tyNm,
  rotation: (f) => f.rotUrad,
  magnification: (f) => f.magPpm,
  residualX3s: (f) => f.residualXM3sNm,
  residualY3s: (f) => f.residualYM3sNm,
  voidCount: (f) => f.voidCount,
};

/** Follows events of the configured names and gives each analysed pair its parameters' values. */
export class SpcValues {
  /** Per tool: wafer or pair id → variable values by `event/variable`. */
  private readonly seen = new Map<string, Map<string, Map<string, number>>>();
  private readonly wanted = new Map<string, EventVariable[]>();

  constructor(private readonly parameters: readonly SpcParameter[]) {
    for (const p of parameters) {
      if (p.source === undefined) continue;
      const list = this.wanted.get(p.source.event) ?? [];
      list.push(p.source);
      this.wanted.set(p.source.event, list);
    }
  }

  /** Take a committed event (in the tool's order). */
  event(r: EventRecord): void {
    const wanted = this.wanted.get(r.name);
    if (wanted === undefined) return;
    const ids: string[] = [];
    if (typeof r.data.PairId === 'string') ids.push(r.data.PairId);
    if (typeof r.data.StepSubstrates === 'string')
      ids.push(...r.data.StepSubstrates.split(',').filter((s) => s !== ''));
    if (ids.length === 0) return;
    let tool = this.seen.get(r.toolId);
    if (tool === undefined) {
      tool = new Map();
      this.seen.set(r.toolId, tool);
    }
    for (const id of ids) {
      const values = tool.get(id) ?? new Map<string, number>();
      for (const w of wanted) {
        const v = r.data[w.variable];
        if (typeof v === 'number' && Number.isFinite(v)) values.set(keyOf(w), v);
      }
      tool.delete(id);
      tool.set(id, values);
      if (tool.size > MAX_REMEMBERED) {
        const oldest = tool.keys().next().value;
        if (oldest !== undefined) tool.delete(oldest);
      }
    }
  }

  /** The values of `a`'s parameters that are known (a parameter with no value gets no point). */
  valuesOf(a: AnalysedPair): Map<string, number> {
    const out = new Map<string, number>();
    const figures = pairFigures(a.record.analysis);
    const tool = this.seen.get(a.toolId);
    const byId = [a.pair.id, a.pair.topId, a.pair.bottomId].map((id) => tool?.get(id));
    for (const p of this.parameters) {
      let v: number | null | undefined;
      if (p.source === undefined) v = FROM_FIGURES[p.name]?.(figures);
      else {
        const key = keyOf(p.source);
        v = byId.find((m) => m?.has(key))?.get(key);
      }
      if (typeof v === 'number' && Number.isFinite(v)) out.set(p.name, v);
    }
    // The pair is done: what its wafers' events left is not needed again.
    for (const id of [a.pair.id, a.pair.topId, a.pair.bottomId]) tool?.delete(id);
    return out;
  }
}

function keyOf(w: EventVariable): string {
  return `${w.event}/${w.variable}`;
}
