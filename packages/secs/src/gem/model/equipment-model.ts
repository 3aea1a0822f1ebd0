// The declarative equipment model: everything GEM needs to know about a tool, as plain data. A bonder
// is such a declaration plus handlers (remote commands, processing-state actions).

import type { ControlState } from '../state/control-state.js';
import type { ProcessingTransition } from '../state/processing-state.js';
import type { Value, ValueType } from './value.js';

/** A status variable (SV) or data variable (DV). */
export interface VariableDef {
  id: number;
  name: string;
  type: ValueType;
  unit: string;
  /** Initial value (SVs) or the value reported before the tool sets one. */
  value?: Value;
  /**
   * A value maintained by GEM itself: the control state (E30 ControlState, U1 per E30 table 4.3
   * numbering), clock (text in the TimeFormat EC, default A[16] YYYYMMDDhhmmsscc), processing state (index in the declared states),
   * previous processing state, or the ECID of the last equipment constant changed.
   */
  builtin?:
    | 'control-state'
    | 'clock'
    | 'processing-state'
    | 'previous-processing-state'
    | 'changed-ecid'
    /** Limits monitoring DVs (E30 4.2.4): the VID that crossed, its LIMITID, 0 up / 1 down. */
    | 'limit-variable'
    | 'event-limit'
    | 'transition-type'
    /**
     * E30 spooling SVs from the spool: SpoolCountActual and SpoolCountTotal (integers), SpoolStartTime
     * and SpoolFullTime (text in the TimeFormat; empty when the spool is inactive / never filled).
     */
    | 'spool-count-actual'
    | 'spool-count-total'
    | 'spool-start-time'
    | 'spool-full-time'
    /**
     * E30 list SVs (type L, sent as <L <U4 id> ...> in ascending order): the enabled ALIDs, the set
     * ALIDs, the CEIDs whose event reports are enabled.
     */
    | 'alarms-enabled'
    | 'alarms-set'
    | 'events-enabled'
    /**
     * E30 process program change DVs: PPChangeName (A, the PPID) and PPChangeStatus (1 created,
     * 2 edited, 3 deleted) of the last change, carried by `processPrograms.changeCeid`.
     */
    | 'pp-change-name'
    | 'pp-change-status';
}

/**
 * Equipment constants GEM acts on itself (E30): OverWriteSpool (BOOLEAN, the spool's full policy),
 * MaxSpoolTransmit (integer, messages per S6F23 transmit, 0 = no limit), EnableSpooling (BOOLEAN),
 * EstablishCommunicationsTimeout (integer seconds, the S1F13 retry delay) and TimeFormat (integer:
 * 0 = YYMMDDhhmmss, 1 = YYYYMMDDhhmmsscc, 2 = extended ISO 8601) for the clock, S2F18 and spool times.
 */
export type ConstantBuiltin =
  | 'overwrite-spool'
  | 'max-spool-transmit'
  | 'enable-spooling'
  | 'establish-communications-timeout'
  | 'time-format';

/** An equipment constant with limits and default. */
export interface ConstantDef {
  id: number;
  name: string;
  type: ValueType;
  unit: string;
  min?: number;
  max?: number;
  default: Value;
  /** A constant GEM itself acts on (see ConstantBuiltin). */
  builtin?: ConstantBuiltin;
}

/** A collection event; `data` names the variables it is meant to carry (for documentation and hosts). */
export interface EventDef {
  id: number;
  name: string;
  data: number[];
}

export interface AlarmDef {
  id: number;
  text: string;
  /**
   * E5 ALCD category, sent in bits 1..7 (bit 8 is set/cleared): 1 personal safety, 2 equipment safety,
   * 3 parameter control warning, 4 parameter control error, 5 irrecoverable error, 6 equipment status
   * warning, 7 attention flags, 8 data integrity, 9..63 other categories (the loader takes 1..63).
   */
  category: number;
  /** Collection events fired when the alarm is set and cleared. */
  setCeid?: number;
  clearCeid?: number;
}

export interface RemoteCommandParamDef {
  name: string;
  type: ValueType;
  /** Required unless false. */
  required?: boolean;
}

export interface RemoteCommandDef {
  name: string;
  params: RemoteCommandParamDef[];
  /** The processing-state transition this command takes (refused with HCACK 2 when not allowed now). */
  processingEvent?: string;
}

export interface EquipmentModel {
  /** Equipment model type (E5 MDLN, up to 20 characters) and software revision (SOFTREV). */
  mdln: string;
  softrev: string;
  deviceId: number;
  communication: {
    /**
     * Establish-communications retry delay, seconds. An `establish-communications-timeout` EC, when
     * declared, replaces it (the host can then change the delay with S2F15).
     */
    establishRetryS: number;
  };
  /** Bounds of the durable spool (E30 "spool full"); the loader defaults them to 100,000 / 256 MiB. */
  spool: {
    maxMessages: number;
    maxBytes: number;
    /** E30 spooling activated event: the spool went inactive -> active (raised, and spooled, first). */
    activatedCeid?: number;
    /** E30 spooling deactivated event: the spool emptied by transmit (S6F23 RSDC 0) or purge (RSDC 1). */
    deactivatedCeid?: number;
  };
  control: {
    initial: ControlState;
    onlineFailed: 'equipment-offline' | 'host-offline';
    remote: boolean;
    /** Collection events fired on entering each control state. */
    events: Partial<Record<ControlState, number>>;
  };
  processing: {
    states: string[];
    initial: string;
    transitions: ProcessingTransition[];
  };
  statusVariables: VariableDef[];
  dataVariables: VariableDef[];
  equipmentConstants: ConstantDef[];
  /** Collection event fired when the host or operator changes an equipment constant. */
  constantChangedCeid?: number;
  events: EventDef[];
  alarms: AlarmDef[];
  remoteCommands: RemoteCommandDef[];
  /** Limits monitoring: which variables the host may set limits on, and the event of a zone change. */
  limits?: {
    ceid: number;
    variables: { vid: number; min: number; max: number; limitIds: number[] }[];
  };
  processPrograms: {
    /** Directory where process programs are stored (relative paths resolve against the model file). */
    directory: string;
    /** Largest process program accepted, bytes (larger S7F1 requests get PPGNT 2). */
    maxBytes: number;
    /** E30 process program change event (PPChangeName / PPChangeStatus DVs): S7F3 store, S7F17 delete. */
    changeCeid?: number;
  };
}
