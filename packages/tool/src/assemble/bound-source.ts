// The controller's BoundSource (what each lot summary reports as its bound) from the throughput bound
// of docs/tool.md §2: the recipe's nominal busy time per pair of every resource on this tool.

import { throughputBound } from '../schedule/bound.js';
import type { BoundSource } from '../schedule/lot-metrics.js';

/** The bound of a recipe on a tool: its bottleneck (a module kind) and pairs per hour. */
export const toolBound: BoundSource = (recipe, config) => {
  const b = throughputBound(recipe.params, config.modules);
  return { bottleneck: b.bottleneck, boundPairsPerHour: b.pairsPerHour };
};
