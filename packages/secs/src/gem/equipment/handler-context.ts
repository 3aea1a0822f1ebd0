// The EquipmentContext the message handlers see, assembled from the equipment's parts. The
// equipment passes its pieces and a few callbacks; the context adds no behaviour of its own beyond
// the order of effects on an accepted S2F15 (store, note ChangedEcid, tell the tool, persist, report).

import type { Item } from '../../item/item.js';
import type { LimitsMonitor } from '../limits/limits-monitor.js';
import { ACKC10 } from '../messages/acks.js';
import type { CommandReply, RemoteCommand } from '../messages/s2-remote.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { ControlStateMachine } from '../state/control-state.js';
import type { ProcessingStateMachine } from '../state/processing-state.js';
import type { FireResult } from '../state/transition-table.js';
import type { TraceEngine } from '../trace/trace-engine.js';
import type { EquipmentContext } from './equipment-context.js';
import type { EventSender } from './event-sender.js';
import { terminalAck } from './handle-s5-s10.js';
import type { SpoolPort } from './handle-spool.js';
import type { ProgramConversations } from './program-conversations.js';
import type { RecipeStore } from './recipe-directory.js';
import type { ReportTable } from './report-table.js';
import type { VariableStore } from './variable-store.js';

export interface HandlerContextParts {
  readonly model: EquipmentModel;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly control: ControlStateMachine;
  readonly processing: ProcessingStateMachine;
  readonly recipes: RecipeStore;
  readonly alarmEnabled: Set<number>;
  readonly alarmSet: Set<number>;
  readonly trace: TraceEngine<Item>;
  readonly spool: SpoolPort | undefined;
  readonly events: EventSender;
  readonly conversations: ProgramConversations;
  /** The current limits monitor (replaced when persisted definitions are restored). */
  limits(): LimitsMonitor;
  identity(): { mdln: string; softrev: string };
  controlMoved(r: FireResult<string, string>): void;
  runCommand(cmd: RemoteCommand): Promise<CommandReply>;
  /** Host set the clock, epoch ms. */
  setTime(epochMs: number): void;
  now(): number;
  /** Equipment time as E5 TIME in the TimeFormat EC's form. */
  clockText(): string;
  deliverSpool(): void;
  /** Write the persisted items. */
  persist(): void;
  /** ECs changed: the last ECID for the ChangedEcid builtin, all of them for the tool. */
  constantsStored(ecids: number[]): void;
  /** An accepted terminal display for the tool. */
  terminalShown(terminal: number, lines: string[]): void;
}

export function handlerContext(p: HandlerContextParts): EquipmentContext {
  return {
    model: p.model,
    vars: p.vars,
    reports: p.reports,
    control: p.control,
    processing: p.processing,
    recipes: p.recipes,
    alarmEnabled: p.alarmEnabled,
    alarmSet: p.alarmSet,
    identity: () => p.identity(),
    controlMoved: (r) => p.controlMoved(r),
    constantsChanged: (values) => {
      p.vars.setConstants(values);
      p.constantsStored([...values.keys()]);
      p.persist();
      if (p.model.constantChangedCeid !== undefined)
        void p.events.sendEvent(p.model.constantChangedCeid, false);
    },
    reportsChanged: () => p.persist(),
    eventReport: (ceid) => p.events.eventReport(ceid),
    runCommand: (cmd) => p.runCommand(cmd),
    setTime: (ms) => p.setTime(ms),
    now: () => p.now(),
    clockText: () => p.clockText(),
    spool: p.spool,
    expectProgram: (ppid) => p.conversations.expect(ppid),
    programArrived: (ppid) => p.conversations.arrived(ppid),
    trace: p.trace,
    get limits() {
      return p.limits();
    },
    deliverSpool: () => p.deliverSpool(),
    terminal: (terminal, lines) => {
      const ack = terminalAck(terminal);
      if (ack === ACKC10.accepted) p.terminalShown(terminal, lines);
      return ack;
    },
  };
}
