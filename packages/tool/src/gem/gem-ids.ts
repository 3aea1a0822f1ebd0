// The id plan of the tool's equipment model (docs/tool.md §7). Each kind of entry has its own block,
// so an id says what it is, and ids of one module stay put when modules of another kind are added:
//   SV 1000s (tool) and 1100..1899 (modules: 100 per kind, 10 per module of that kind),
//   EC 2000s, DV 3000s, CE 4000s (4100s: module steps), ALID = the fault catalogue's ALIDs.

import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';

/** Modules of one kind the id plan has room for. */
export const MAX_MODULES_PER_KIND = 10;
/** Status variables of one module: state, E10 state, substrates, then its trace variables. */
const MODULE_SV_SLOTS = 10;
export const MODULE_TRACE_SLOT = 3;

/** First SVID of the `ordinal`-th (0-based) module of `kind`, in configuration order. */
export function moduleSvBase(kind: ModuleKind, ordinal: number): number {
  return 1100 + 100 * MODULE_KINDS.indexOf(kind) + MODULE_SV_SLOTS * ordinal;
}

/** CEIDs of the step events of a module kind. */
export function stepCeids(kind: ModuleKind): { started: number; ended: number } {
  const base = 4100 + 2 * MODULE_KINDS.indexOf(kind);
  return { started: base, ended: base + 1 };
}

/** Collection events GEM itself fires or the binding fires for the whole tool. */
export const CEID = {
  equipmentOffline: 4001,
  hostOffline: 4002,
  onlineLocal: 4003,
  onlineRemote: 4004,
  processStateChanged: 4010,
  constantChanged: 4011,
  processProgramChanged: 4012,
  spoolingActivated: 4013,
  spoolingDeactivated: 4014,
  ppSelected: 4015,
  lotStarted: 4020,
  lotEnded: 4021,
  pairResult: 4030,
  moduleStateChanged: 4040,
  e10StateChanged: 4041,
  substrateMoved: 4042,
  alarmSet: 4043,
  alarmCleared: 4044,
} as const;
