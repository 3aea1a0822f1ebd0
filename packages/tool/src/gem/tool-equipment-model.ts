// The tool's GEM equipment model, built in code from its configuration and fault catalogue
// (docs/tool.md §7): nothing here hand-codes a message, GemEquipment answers from the model. The
// result is checked by secs' own model validation, so a model that is returned is one the equipment
// runs (ids unique, every reference declared).

import { fail, issue, type Result } from '@bondline/core';
import { type EquipmentModel, type ModelIssueCode, validateModel } from '@bondline/secs';
import type { ToolConfig } from '../config/tool-config-types.js';
import type { FaultPoint } from '../faults/fault-point.js';
import { MODULE_KINDS } from '../module-kind.js';
import { type DocumentedVariable, withoutDoc } from './documented.js';
import { CEID, MAX_MODULES_PER_KIND } from './gem-ids.js';
import { processingModel } from './state-names.js';
import { toolAlarms } from './tool-alarms.js';
import { toolCollectionEvents } from './tool-collection-events.js';
import { TOOL_CONSTANTS } from './tool-constants.js';
import { stepTraceVariables, TOOL_DATA_VARIABLES } from './tool-data-variables.js';
import { TOOL_REMOTE_COMMANDS } from './tool-remote-commands.js';
import { moduleStatusVariables, TOOL_STATUS_VARIABLES } from './tool-status-variables.js';

export type ToolModelIssueCode = ModelIssueCode | 'too-many-modules';

/** Status and data variables of a tool with these modules, with what each means. */
export function toolVariables(config: Pick<ToolConfig, 'modules'>): {
  status: DocumentedVariable[];
  data: DocumentedVariable[];
} {
  return {
    status: [...TOOL_STATUS_VARIABLES, ...moduleStatusVariables(config.modules)],
    data: [...TOOL_DATA_VARIABLES, ...stepTraceVariables()],
  };
}

/**
 * The equipment model of a tool: its identity and device id from `config`, a status variable block
 * per module, one alarm per alarming fault point of `catalogue`. Refused when the configuration has
 * more modules of one kind than the id plan has room for, or when the model would not validate
 * (an MDLN over 20 characters, two fault points with one ALID...), with every issue.
 */
export function toolEquipmentModel(
  config: ToolConfig,
  catalogue: readonly FaultPoint[],
): Result<EquipmentModel, ToolModelIssueCode> {
  for (const kind of MODULE_KINDS) {
    const n = config.modules.filter((m) => m.kind === kind).length;
    if (n > MAX_MODULES_PER_KIND)
      return fail(
        issue(
          'too-many-modules',
          `${config.source}: ${n} ${kind} modules; the GEM id plan has room for ${MAX_MODULES_PER_KIND} (docs/tool.md §7)`,
          'modules',
        ),
      );
  }
  const vars = toolVariables(config);
  const vid = new Map([...vars.status, ...vars.data, ...TOOL_CONSTANTS].map((v) => [v.name, v.id]));
  const events = toolCollectionEvents().map((e) => ({
    id: e.id,
    name: e.name,
    data: e.data.map((n) => {
      const id = vid.get(n);
      // The event tables name variables of the tables above: a miss is a bug here, not bad input.
      if (id === undefined) throw new RangeError(`event ${e.name} names no variable '${n}'`);
      return id;
    }),
  }));
  return validateModel(
    {
      mdln: config.tool.model,
      softrev: config.tool.softwareRevision,
      deviceId: config.gem.deviceId,
      control: {
        initial: 'host-offline',
        onlineFailed: 'host-offline',
        remote: true,
        events: {
          'equipment-offline': CEID.equipmentOffline,
          'host-offline': CEID.hostOffline,
          'online-local': CEID.onlineLocal,
          'online-remote': CEID.onlineRemote,
        },
      },
      processing: processingModel(CEID.processStateChanged),
      spool: { activatedCeid: CEID.spoolingActivated, deactivatedCeid: CEID.spoolingDeactivated },
      statusVariables: vars.status.map(withoutDoc),
      dataVariables: vars.data.map(withoutDoc),
      equipmentConstants: TOOL_CONSTANTS.map(withoutDoc),
      constantChangedCeid: CEID.constantChanged,
      events,
      alarms: toolAlarms(catalogue),
      remoteCommands: TOOL_REMOTE_COMMANDS.map(({ name, params }) => ({
        name,
        params: params.map((p) => ({ ...p })),
      })),
      processPrograms: { changeCeid: CEID.processProgramChanged },
    },
    { source: `GEM model of ${config.source}` },
  );
}
