// One lot on the simulated tool, offline (no GEM): what `bondline tool run` does. Builds the clock,
// the simulated drivers over the given physics and fault source, and the controller; runs the lot
// with the simulated operator answering operator-clear alarms; reports progress per pair.
import type { Result } from '@bondline/core';
import { MAX_SPEED, type Pacing } from '../clock/pacing.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { ToolConfig } from '../config/tool-config-types.js';
import { createSimDrivers } from '../drivers/sim/create-sim-drivers.js';
import type { LoadPortTimes } from '../drivers/sim/sim-world.js';
import type { FaultSource } from '../faults/fault-source.js';
import type { Recipe } from '../recipe/recipe-types.js';
import type { BoundSource } from '../schedule/lot-metrics.js';
import type { OverlayTerms, ProcessPhysics } from '../sim/process-physics.js';
import type { ControlRefusal, LotSummary, PairRecord } from './tool-api.js';
import { ToolController } from './tool-controller.js';
import type { OperatorMode } from './tool-runtime.js';

export interface RunLotOptions {
  config: ToolConfig;
  recipe: Recipe;
  physics: ProcessPhysics;
  faults: FaultSource;
  bound: BoundSource;
  pairs: number;
  /** Seed of the step-time variation (the physics and faults carry their own). */
  seed: number;
  /** Default `LOT-<seed>`. */
  lotId?: string;
  /** Default: max speed. */
  pacing?: Pacing;
  /** Default: the simulated operator clears operator-clear alarms after their recoveryS. */
  operator?: OperatorMode;
  r2rOffsets?: OverlayTerms;
  loadPort?: LoadPortTimes;
  /** Scheduled maintenance length, virtual s. */
  maintenanceS?: number;
  /** Called as each pair is done (its stack left inspection). */
  onProgress?: (progress: { done: number; total: number; atS: number; pair: PairRecord }) => void;
}

/** Run one lot to its end; refused (before anything runs) for an invalid lot or R2R offsets. */
export async function runLot(
  options: RunLotOptions,
): Promise<Result<{ summary: LotSummary; pairs: PairRecord[] }, ControlRefusal>> {
  const { config, recipe } = options;
  const clock = new VirtualClock({ pacing: options.pacing ?? MAX_SPEED });
  const drivers = createSimDrivers(config.modules, {
    clock,
    physics: options.physics,
    faults: options.faults,
    twin: config.twin,
    seed: options.seed,
    ...(options.loadPort === undefined ? {} : { loadPort: options.loadPort }),
  });
  const tool = new ToolController({
    config,
    drivers,
    clock,
    recipes: (name) => (name === recipe.name ? recipe : undefined),
    bound: options.bound,
    operator: options.operator ?? 'simulated',
    ...(options.maintenanceS === undefined ? {} : { maintenanceS: options.maintenanceS }),
  });
  if (options.r2rOffsets !== undefined) {
    const r = tool.setR2rOffsets(options.r2rOffsets);
    if (!r.ok) return r;
  }
  const pairs: PairRecord[] = [];
  tool.on('pair-result', (pair) => {
    pairs.push(pair);
    options.onProgress?.({ done: pairs.length, total: options.pairs, atS: pair.doneS, pair });
  });
  const started = tool.start({
    lotId: options.lotId ?? `LOT-${options.seed}`,
    recipe: recipe.name,
    pairs: options.pairs,
  });
  if (!started.ok) return started;
  const summary = await started.value.done;
  return { ok: true, value: { summary, pairs } };
}
