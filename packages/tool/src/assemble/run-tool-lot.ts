// One lot on an opened simulated tool, offline (no GEM): what `bondline tool run` does.
import type { Result } from '@bondline/core';
import type { E10Figures, LotSummary, PairRecord } from '../controller/tool-api.js';
import type { SimulatedTool } from './simulated-tool.js';

export interface ToolLotOptions {
  /** Default: the configuration's defaultRecipe. */
  recipe?: string;
  pairs: number;
  /** Default `LOT-1`, `LOT-2`, ... per tool. */
  lotId?: string;
  /** Called as each pair is done (its stack left inspection). */
  onProgress?: (p: { done: number; total: number; atS: number; pair: PairRecord }) => void;
}

const lotsRun = new WeakMap<SimulatedTool, number>();

/** What a lot left: its summary, its pairs in the order they were done, and the E10 figures at its end. */
export interface ToolLotResult {
  summary: LotSummary;
  pairs: PairRecord[];
  /** E10 state and figures of the tool and each module since the tool was opened (docs/tool.md §6). */
  e10: { tool: E10Figures; modules: E10Figures[] };
}

/** Run one lot to its end on `tool`; refused (before anything runs) when the controller refuses the lot. */
export async function runToolLot(tool: SimulatedTool, o: ToolLotOptions): Promise<Result<ToolLotResult>> {
  const n = (lotsRun.get(tool) ?? 0) + 1;
  const lotId = o.lotId ?? `LOT-${n}`;
  const recipe = o.recipe ?? tool.config.defaultRecipe;
  const pairs: PairRecord[] = [];
  const off = tool.controller.on('pair-result', (pair) => {
    if (pair.lotId !== lotId) return;
    pairs.push(pair);
    o.onProgress?.({ done: pairs.length, total: o.pairs, atS: pair.doneS, pair });
  });
  try {
    const started = tool.controller.start({ lotId, recipe, pairs: o.pairs });
    if (!started.ok) return started;
    lotsRun.set(tool, n);
    const summary = await started.value.done;
    return { ok: true, value: { summary, pairs, e10: tool.controller.e10Figures() } };
  } finally {
    off();
  }
}
