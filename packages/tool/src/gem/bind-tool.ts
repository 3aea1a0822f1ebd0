// The tool's GEM binding (docs/tool.md §7): a GemEquipment built from toolEquipmentModel, driven by a
// ToolControl. Tool events become collection events with their data, alarms and trace values; remote
// commands and the R2R constants become ToolControl calls; status variables follow the tool.

import type { GemEquipment } from '@bondline/secs';
import type { ToolConfig } from '../config/tool-config-types.js';
import type { ToolControl } from '../controller/tool-api.js';
import type { FaultPoint } from '../faults/fault-point.js';
import { AlarmMirror } from './bind-alarms.js';
import { bindCommands } from './bind-commands.js';
import { bindLotEvents, type LotCounters } from './bind-lot-events.js';
import { bindR2r } from './bind-r2r.js';
import { bindStateEvents, processState } from './bind-state-events.js';
import { bindStepEvents } from './bind-step-events.js';
import { GemPort, type IssueSink } from './gem-port.js';
import { ModuleIndex } from './module-index.js';
import { moduleSvName } from './tool-status-variables.js';

export interface BindToolOptions {
  /** The configuration the equipment's model was built from (its modules, the tool id E10 events use). */
  config: Pick<ToolConfig, 'modules' | 'tool'>;
  /** The fault catalogue the model was built from: which fault ids are alarms (silent ones never go out). */
  catalogue: readonly FaultPoint[];
  /** Problems met while binding (a module the configuration lacks, a refused value...). Default: none kept. */
  onIssue?: IssueSink;
}

export interface ToolBinding {
  /** Stop following the tool (the remote commands stay registered on the equipment). */
  unbind(): void;
}

/**
 * Bind `tool` to `equipment`, whose model is toolEquipmentModel(config, catalogue): the status
 * variables take the tool's present status, the R2R constants are applied to the tool, and from now on
 * the tool's events and the host's commands flow. Call after `equipment.start()` (persisted constants
 * restored), before the host connects.
 */
export function bindTool(equipment: GemEquipment, tool: ToolControl, options: BindToolOptions): ToolBinding {
  const gem = new GemPort(equipment, options.onIssue ?? (() => {}));
  const modules = new ModuleIndex(options.config.modules, gem);
  const counters: LotCounters = { pairsDone: 0, pairsDoneTotal: 0 };
  const alarms = new AlarmMirror(gem);
  takeStatus(tool, gem, modules, alarms, counters);
  bindCommands(tool, gem);
  const offs = [
    ...bindLotEvents(tool, gem, options.catalogue, counters),
    ...bindStepEvents(tool, gem, modules),
    ...bindStateEvents(tool, gem, modules, options.config.tool.id),
    alarms.bind(tool),
    bindR2r(tool, gem),
  ];
  return {
    unbind() {
      for (const off of offs) off();
    },
  };
}

/** Status variables (and set alarms, and the processing state) from the tool's status now. */
function takeStatus(
  tool: ToolControl,
  gem: GemPort,
  modules: ModuleIndex,
  alarms: AlarmMirror,
  counters: LotCounters,
): void {
  const s = tool.status();
  counters.pairsDone = s.lot?.done ?? 0;
  counters.pairsDoneTotal = s.pairsDone;
  gem.set('ToolE10State', s.e10);
  gem.set('SelectedPPID', s.selectedRecipe);
  gem.set('PairsDone', counters.pairsDone);
  gem.set('PairsDoneTotal', counters.pairsDoneTotal);
  if (s.lot !== undefined) {
    gem.set('LotId', s.lot.lotId);
    gem.set('LotRecipe', s.lot.recipe);
    gem.set('LotPairs', s.lot.pairs);
  }
  for (const m of s.modules) {
    if (modules.kind(m.id) === undefined) continue;
    gem.set(moduleSvName.state(m.id), m.state);
    gem.set(moduleSvName.e10(m.id), m.e10);
  }
  modules.refreshSubstrates(
    s.modules.map((m) => m.id),
    s,
  );
  for (const a of s.activeAlarms) alarms.change(a, true, s.clockS);
  processState(gem, { from: s.processState, to: s.processState, atS: s.clockS });
}
