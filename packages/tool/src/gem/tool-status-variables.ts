// Status variables of the tool (docs/tool.md §7): what a host reads with S1F3 at any time and traces
// with S2F23. Tool-wide ones first (SV 1000s), then a block per module (gem-ids.ts).

import type { ModuleConfig } from '../config/tool-config-types.js';
import { type DocumentedVariable, type GeneratedName, generatedName } from './documented.js';
import { MODULE_TRACE_SLOT, moduleSvBase } from './gem-ids.js';
import { TRACE_VARIABLES, traceVariableDef } from './trace-variables.js';

const STATES = 'idle, setup, executing, pausing, paused, stopping, aborting';
const MODULE_STATES = 'idle, busy, held, fault, maintenance, down';
const E10 = 'productive, standby, engineering, scheduled-down, unscheduled-down, non-scheduled';

/** Tool-wide status variables. */
export const TOOL_STATUS_VARIABLES = [
  {
    id: 1001,
    name: 'Clock',
    type: 'A',
    unit: '',
    builtin: 'clock',
    doc: 'equipment time in the TimeFormat EC form',
  },
  {
    id: 1002,
    name: 'ControlState',
    type: 'U1',
    unit: '',
    builtin: 'control-state',
    doc: 'E30 control state: 1 equipment off-line, 2 attempt on-line, 3 host off-line, 4 online local, 5 online remote',
  },
  {
    id: 1003,
    name: 'ProcessState',
    type: 'U1',
    unit: '',
    builtin: 'processing-state',
    doc: `processing state, 0-based in the order ${STATES}`,
  },
  {
    id: 1004,
    name: 'PreviousProcessState',
    type: 'U1',
    unit: '',
    builtin: 'previous-processing-state',
    doc: 'the processing state before the last change (same numbering)',
  },
  { id: 1005, name: 'ProcessStateName', type: 'A', unit: '', doc: `processing state by name: ${STATES}` },
  { id: 1006, name: 'ToolE10State', type: 'A', unit: '', doc: `SEMI E10 state of the tool: ${E10}` },
  {
    id: 1007,
    name: 'SelectedPPID',
    type: 'A',
    unit: '',
    doc: 'recipe (process program) selected for the next lot',
  },
  { id: 1008, name: 'LotId', type: 'A', unit: '', doc: 'the running lot, or the last one' },
  { id: 1009, name: 'LotRecipe', type: 'A', unit: '', doc: "the lot's recipe" },
  { id: 1010, name: 'LotPairs', type: 'U4', unit: '', doc: 'pairs the lot asked for' },
  { id: 1011, name: 'PairsDone', type: 'U4', unit: '', doc: 'pairs of the lot done so far' },
  { id: 1012, name: 'PairsDoneTotal', type: 'U4', unit: '', doc: 'pairs done since the tool started' },
  {
    id: 1013,
    name: 'ActiveAlarmCount',
    type: 'U4',
    unit: '',
    doc: 'alarms set now (one per fault and module)',
  },
  {
    id: 1014,
    name: 'ToolTimeS',
    type: 'F8',
    unit: 's',
    doc: "the controller's clock (virtual seconds since it started) at the last change",
  },
  { id: 1020, name: 'LastPairId', type: 'A', unit: '', doc: 'the last pair done' },
  { id: 1021, name: 'LastPairYield', type: 'F8', unit: '', doc: 'its die yield, 0..1' },
  { id: 1022, name: 'LastOverlayTx', type: 'F8', unit: 'nm', doc: 'its overlay translation x' },
  { id: 1023, name: 'LastOverlayTy', type: 'F8', unit: 'nm', doc: 'its overlay translation y' },
  { id: 1024, name: 'LastOverlayRot', type: 'F8', unit: 'urad', doc: 'its overlay rotation' },
  { id: 1025, name: 'LastOverlayMag', type: 'F8', unit: 'ppm', doc: 'its overlay magnification' },
  { id: 1026, name: 'LastVoidCount', type: 'U4', unit: '', doc: 'voids its inspection found' },
  {
    id: 1030,
    name: 'AlarmsEnabled',
    type: 'L',
    unit: '',
    builtin: 'alarms-enabled',
    doc: 'enabled ALIDs (E30)',
  },
  { id: 1031, name: 'AlarmsSet', type: 'L', unit: '', builtin: 'alarms-set', doc: 'ALIDs set now (E30)' },
  {
    id: 1032,
    name: 'EventsEnabled',
    type: 'L',
    unit: '',
    builtin: 'events-enabled',
    doc: 'enabled CEIDs (E30)',
  },
  {
    id: 1040,
    name: 'SpoolCountActual',
    type: 'U4',
    unit: '',
    builtin: 'spool-count-actual',
    doc: 'messages in the spool (E30)',
  },
  {
    id: 1041,
    name: 'SpoolCountTotal',
    type: 'U4',
    unit: '',
    builtin: 'spool-count-total',
    doc: 'messages spooled since it activated (E30)',
  },
  {
    id: 1042,
    name: 'SpoolStartTime',
    type: 'A',
    unit: '',
    builtin: 'spool-start-time',
    doc: 'when the spool activated (E30)',
  },
  {
    id: 1043,
    name: 'SpoolFullTime',
    type: 'A',
    unit: '',
    builtin: 'spool-full-time',
    doc: 'when the spool filled (E30)',
  },
] as const satisfies readonly DocumentedVariable[];

export type ToolStatusName = (typeof TOOL_STATUS_VARIABLES)[number]['name'];

/** Names of a module's status variables. */
export const moduleSvName = {
  state: (moduleId: string) => generatedName(`${moduleId}State`),
  e10: (moduleId: string) => generatedName(`${moduleId}E10State`),
  substrates: (moduleId: string) => generatedName(`${moduleId}Substrates`),
  trace: (moduleId: string, suffix: string) => generatedName(`${moduleId}${suffix}`),
};

/** Every module's status variables, in the id block of its kind and ordinal (configuration order). */
export function moduleStatusVariables(modules: readonly ModuleConfig[]): DocumentedVariable[] {
  const ordinals = new Map<string, number>();
  return modules.flatMap((m) => {
    const ordinal = ordinals.get(m.kind) ?? 0;
    ordinals.set(m.kind, ordinal + 1);
    const base = moduleSvBase(m.kind, ordinal);
    const text = (slot: number, name: GeneratedName, doc: string): DocumentedVariable => ({
      id: base + slot,
      name,
      type: 'A',
      unit: '',
      doc,
    });
    const trace = (TRACE_VARIABLES[m.kind] ?? []).map((t, j) =>
      traceVariableDef(
        t,
        base + MODULE_TRACE_SLOT + j,
        moduleSvName.trace(m.id, t.suffix),
        `${m.id} ${t.doc} (trace)`,
      ),
    );
    return [
      text(0, moduleSvName.state(m.id), `${m.id} state: ${MODULE_STATES}`),
      text(1, moduleSvName.e10(m.id), `${m.id} E10 state (as the tool's)`),
      text(2, moduleSvName.substrates(m.id), `${m.id} substrate ids in it, comma-separated`),
      ...trace,
    ];
  });
}
