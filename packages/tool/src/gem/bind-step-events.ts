// Module steps and trace samples of the tool into GEM (docs/tool.md §7): a step start or end fires the
// step event of its module kind with the step's data variables; a trace sample, and every trace value a
// step ends with, updates the module's trace status variable (what S2F23 traces sample) and, for a
// step, the step data variable of that value.

import type { ToolControl, ToolEventMap } from '../controller/tool-api.js';
import { stepCeids } from './gem-ids.js';
import type { GemPort } from './gem-port.js';
import type { ModuleIndex } from './module-index.js';
import { stepTraceName } from './tool-data-variables.js';
import { moduleSvName } from './tool-status-variables.js';

/** Subscribe to step-started, step-ended and trace; returns the unsubscribers. */
export function bindStepEvents(tool: ToolControl, gem: GemPort, modules: ModuleIndex): (() => void)[] {
  return [
    tool.on('step-started', (e) => {
      if (modules.kind(e.moduleId) === undefined) return;
      gem.set('StepModule', e.moduleId);
      gem.set('StepSubstrates', e.substrateIds.join(','));
      gem.set('ToolTimeS', e.atS);
      gem.fire(stepCeids(e.kind).started);
    }),
    tool.on('step-ended', (e) => stepEnded(tool, gem, modules, e)),
    tool.on('trace', (e) => {
      const t = modules.traceVariable(e.moduleId, e.name);
      if (t !== undefined) gem.set(moduleSvName.trace(e.moduleId, t.suffix), e.value);
    }),
  ];
}

function stepEnded(
  tool: ToolControl,
  gem: GemPort,
  modules: ModuleIndex,
  e: ToolEventMap['step-ended'],
): void {
  if (modules.kind(e.moduleId) === undefined) return;
  modules.refreshSubstrates([e.moduleId], tool.status());
  for (const [name, value] of Object.entries(e.trace)) {
    const t = modules.traceVariable(e.moduleId, name);
    if (t === undefined) continue;
    gem.set(moduleSvName.trace(e.moduleId, t.suffix), value);
    gem.set(stepTraceName(t.suffix), value);
  }
  gem.set('StepModule', e.moduleId);
  gem.set('StepSubstrates', e.substrateIds.join(','));
  gem.set('StepDurationS', e.durationS);
  gem.set('ToolTimeS', e.atS);
  gem.fire(stepCeids(e.kind).ended);
}
