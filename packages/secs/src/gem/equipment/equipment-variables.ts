// The variables GEM maintains itself (E30 builtins: clock, control and processing states, last
// changed EC, last limit transition, the spool's counts and times, the enabled/set alarms and enabled
// events) and the limit-monitoring view of the model's variables.

import type { LimitVariable } from '../limits/limit-definitions.js';
import type { EquipmentModel, VariableDef } from '../model/equipment-model.js';
import { isNumericType, type Value } from '../model/value.js';
import type { ControlState } from '../state/control-state.js';
import { formatGemTime, type TimeFormat } from './gem-time.js';

type Builtin = NonNullable<VariableDef['builtin']>;

// E30 ControlState SV values (table 4.3 numbering).
const CONTROL_SV: Record<ControlState, number> = {
  'equipment-offline': 1,
  'attempt-online': 2,
  'host-offline': 3,
  'online-local': 4,
  'online-remote': 5,
};

/** Where the builtin values come from, read at the moment a builtin is sampled. */
export interface BuiltinSources {
  /** Equipment time, epoch ms. */
  now(): number;
  controlState(): ControlState;
  processingStateIndex(): number;
  previousProcessingState(): string;
  lastChangedEcid(): number;
  lastLimit(): { vid: number; limitId: number; transitionType: number };
  /** The TimeFormat EC (form of the clock and spool times). */
  timeFormat(): TimeFormat;
  /** The spool's SpoolCount* and Spool*Time (wall time, epoch ms); undefined without a spool. */
  spool(): SpoolFigures | undefined;
  /** Equipment time of a wall time (adds the S2F31 offset), epoch ms. */
  equipmentTimeOf(wallMs: number): number;
  /** ALIDs enabled for S5F1 (S5F3), ALIDs currently set, CEIDs whose reports are enabled (S2F37). */
  alarmsEnabled(): Iterable<number>;
  alarmsSet(): Iterable<number>;
  eventsEnabled(): Iterable<number>;
  /** The last process program change: PPID and PPChangeStatus (0 and empty before any). */
  lastPpChange(): { ppid: string; status: number };
}

/** What the spool SVs read from the Spool. */
interface SpoolFigures {
  readonly countActual: number;
  readonly countTotal: number;
  readonly startTime: number | undefined;
  readonly fullTime: number | undefined;
}

/** The builtin-value callback of `VariableStore` for `model`. */
export function builtinValues(model: EquipmentModel, src: BuiltinSources): (b: Builtin) => Value {
  return (b) => {
    switch (b) {
      case 'clock':
        return formatGemTime(src.now(), src.timeFormat());
      case 'control-state':
        return CONTROL_SV[src.controlState()];
      case 'processing-state':
        return src.processingStateIndex();
      case 'previous-processing-state':
        return model.processing.states.indexOf(src.previousProcessingState());
      case 'changed-ecid':
        return src.lastChangedEcid();
      case 'limit-variable':
        return src.lastLimit().vid;
      case 'event-limit':
        return src.lastLimit().limitId;
      case 'transition-type':
        return src.lastLimit().transitionType;
      case 'spool-count-actual':
        return src.spool()?.countActual ?? 0;
      case 'spool-count-total':
        return src.spool()?.countTotal ?? 0;
      case 'spool-start-time':
        return spoolTime(src, src.spool()?.startTime);
      case 'spool-full-time':
        return spoolTime(src, src.spool()?.fullTime);
      case 'alarms-enabled':
        return ascending(src.alarmsEnabled());
      case 'alarms-set':
        return ascending(src.alarmsSet());
      case 'events-enabled':
        return ascending(src.eventsEnabled());
      case 'pp-change-name':
        return src.lastPpChange().ppid;
      case 'pp-change-status':
        return src.lastPpChange().status;
    }
  };
}

/** The ids of a list SV (AlarmsEnabled...), in ascending order. */
const ascending = (ids: Iterable<number>): readonly number[] => [...ids].sort((a, b) => a - b);

/** A spool time in the TimeFormat, empty text when it is not set (spool inactive / never full). */
function spoolTime(src: BuiltinSources, wallMs: number | undefined): string {
  return wallMs === undefined ? '' : formatGemTime(src.equipmentTimeOf(wallMs), src.timeFormat());
}

/**
 * Every SV and DV as the limits monitor sees it: those the model puts under limits monitoring with
 * their range and LIMITIDs, the others with no LIMITIDs, so that S2F45 can tell a variable without
 * limits capability (LVACK 2) from one that does not exist (LVACK 1).
 */
export function limitVariables(model: EquipmentModel): LimitVariable[] {
  const all = [...model.statusVariables, ...model.dataVariables];
  const configured = (model.limits?.variables ?? []).map((v) => ({
    vid: v.vid,
    units: all.find((x) => x.id === v.vid)?.unit ?? '',
    limitMin: v.min,
    limitMax: v.max,
    limitIds: v.limitIds,
    numeric: true,
  }));
  const ids = new Set(configured.map((v) => v.vid));
  const others = all
    .filter((x) => !ids.has(x.id))
    .map((x) => ({
      vid: x.id,
      units: x.unit,
      limitMin: 0,
      limitMax: 0,
      limitIds: [],
      numeric: isNumericType(x.type),
    }));
  return [...configured, ...others];
}
