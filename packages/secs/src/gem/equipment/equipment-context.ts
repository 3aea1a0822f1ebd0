// What the message handlers of the equipment see: the model's runtime pieces and a few actions.
// Handlers are plain functions over this context, one file per stream.

import type { FireResult } from '@bondline/core';
import type { HsmsMessage } from '../../hsms/transactions.js';
import type { Item } from '../../item/item.js';
import type { SecsMessage } from '../../message.js';
import type { LimitsMonitor } from '../limits/limits-monitor.js';
import type { CommandReply, RemoteCommand } from '../messages/s2-remote.js';
import type { EventReport } from '../messages/s6-events.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Value } from '../model/value.js';
import type { ControlStateMachine } from '../state/control-state.js';
import type { ProcessingStateMachine } from '../state/processing-state.js';
import type { SpoolPort } from './handle-spool.js';
import type { RecipeStore } from './recipe-directory.js';
import type { ReportTable } from './report-table.js';
import type { VariableStore } from './variable-store.js';

export interface EquipmentContext {
  readonly model: EquipmentModel;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly control: ControlStateMachine;
  readonly processing: ProcessingStateMachine;
  readonly recipes: RecipeStore;
  /** Alarm enable flags and which alarms are set. */
  readonly alarmEnabled: Set<number>;
  readonly alarmSet: Set<number>;
  /** Identity for S1F2/S1F13/S1F14. */
  identity(): { mdln: string; softrev: string };
  /** Apply a control-state transition result (emits, reports its collection event). */
  controlMoved(r: FireResult<string, string>): void;
  /** Store new EC values (emits, reports the change event, persists). */
  constantsChanged(values: ReadonlyMap<number, Value>): void;
  /** Report configuration changed (persist). */
  reportsChanged(): void;
  /** The S6F11 body of an event with its linked reports, values taken now (DATAID from the U4 counter). */
  eventReport(ceid: number): EventReport & { dataId: number };
  /** Run a validated remote command. */
  runCommand(cmd: RemoteCommand): Promise<CommandReply>;
  /** Host set the clock: epoch ms. */
  setTime(epochMs: number): void;
  /** Current equipment time, epoch ms. */
  now(): number;
  /** Current equipment time as E5 TIME in the TimeFormat EC's form (S2F18). */
  clockText(): string;
  /** Trace data collection (S2F23 -> S6F1). */
  readonly trace: {
    define(req: {
      trid: number | string;
      dsper: string;
      totsmp: number;
      repgsz: number;
      svids: readonly number[];
    }): number;
  };
  /** Limits monitoring (S2F45/S2F47). */
  readonly limits: LimitsMonitor;
  /** The spool, when configured. */
  readonly spool: SpoolPort | undefined;
  /** Send the spooled messages in order (after S6F23 RSDC 0 started the transmit state). */
  deliverSpool(): void;
  /** After PPGNT 0: expect S7F3 for `ppid` within the conversation timeout, else send S9F13. */
  expectProgram(ppid: string): void;
  /** The S7F3 of a granted conversation arrived. */
  programArrived(ppid: string): void;
  /** A terminal message from the host. */
  terminal(terminal: number, lines: string[]): number;
}

/** A handler: the reply to send (if the primary had W), or undefined. May throw ItemShapeError (S9F7). */
export type EquipmentHandler = (
  ctx: EquipmentContext,
  body: Item | undefined,
  m: HsmsMessage,
) => SecsMessage | undefined | Promise<SecsMessage | undefined>;
