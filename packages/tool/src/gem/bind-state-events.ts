// State changes of the tool into GEM (docs/tool.md §7): module states, E10 states of the tool and its
// modules, the processing state (GEM's own processing state model follows the controller's, which
// fires ProcessStateChanged), and substrate moves.

import type { ToolControl, ToolEventMap } from '../controller/tool-api.js';
import { CEID } from './gem-ids.js';
import type { GemPort } from './gem-port.js';
import { locationText, type ModuleIndex } from './module-index.js';
import { PROCESS_STATE_NAMES } from './state-names.js';
import { moduleSvName } from './tool-status-variables.js';

/** Subscribe to module-state, e10-state, process-state and substrate-moved; returns the unsubscribers. */
export function bindStateEvents(
  tool: ToolControl,
  gem: GemPort,
  modules: ModuleIndex,
  toolId: string,
): (() => void)[] {
  return [
    tool.on('module-state', (e) => {
      if (modules.kind(e.moduleId) === undefined) return;
      gem.set(moduleSvName.state(e.moduleId), e.to);
      gem.set('StateModule', e.moduleId);
      gem.set('ModuleStateFrom', e.from);
      gem.set('ModuleStateTo', e.to);
      gem.set('ToolTimeS', e.atS);
      gem.fire(CEID.moduleStateChanged);
    }),
    tool.on('e10-state', (e) => e10State(gem, modules, toolId, e)),
    tool.on('process-state', (e) => processState(gem, e)),
    tool.on('substrate-moved', (e) => {
      const touched = [e.from, e.to].flatMap((l) => ('module' in l ? [l.module] : []));
      modules.refreshSubstrates(touched, tool.status());
      gem.set('MovedSubstrate', e.substrateId);
      gem.set('MovedFrom', locationText(e.from));
      gem.set('MovedTo', locationText(e.to));
      gem.set('ToolTimeS', e.atS);
      gem.fire(CEID.substrateMoved);
    }),
  ];
}

/** The tool is named by its configured id (or `tool`); anything else must be a module. */
function e10State(gem: GemPort, modules: ModuleIndex, toolId: string, e: ToolEventMap['e10-state']): void {
  if (e.entity === toolId || e.entity === 'tool') gem.set('ToolE10State', e.to);
  else if (modules.kind(e.entity) !== undefined) gem.set(moduleSvName.e10(e.entity), e.to);
  else return;
  gem.set('E10Entity', e.entity);
  gem.set('E10From', e.from);
  gem.set('E10To', e.to);
  gem.set('ToolTimeS', e.atS);
  gem.fire(CEID.e10StateChanged);
}

/** Move GEM's processing state to the tool's; its transition fires ProcessStateChanged. */
export function processState(gem: GemPort, e: ToolEventMap['process-state']): void {
  gem.set('ProcessStateName', e.to);
  gem.set('ProcessStateFrom', e.from);
  gem.set('ProcessStateTo', e.to);
  gem.set('ToolTimeS', e.atS);
  const target = PROCESS_STATE_NAMES[e.to];
  if (gem.equipment.processing.state === target) return;
  const r = gem.equipment.processingEvent(target);
  if (!r.ok) gem.report('processing-mirror', `GEM processing state cannot follow the tool to ${target}`);
}
