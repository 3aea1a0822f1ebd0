// The EquipmentContext the message handlers see, assembled from the equipment's parts. The
// equipment passes its pieces and a few callbacks; the context adds no behaviour of its own beyond
// the order of effects on an accepted S2F15 (store, note ChangedEcid, tell the tool, persist, report).

import type { Item } from '../../item/item.js';
import type { LimitsMonitor } from '../limits/limits-monitor.js';
import { ACKC10 } from '../messages/acks.js';
import type { TraceEngine } from '../trace/trace-engine.js';
import type { EquipmentContext } from './equipment-context.js';
import type { EventSender } from './event-sender.js';
import { terminalAck } from './handle-s5-s10.js';
import type { ProgramConversations } from './program-conversations.js';

/** What the context passes through as it is (the same members as the context's). */
type SharedParts = Pick<
  EquipmentContext,
  | 'model'
  | 'vars'
  | 'reports'
  | 'control'
  | 'processing'
  | 'recipes'
  | 'alarmEnabled'
  | 'alarmSet'
  | 'spool'
  | 'identity'
  | 'controlMoved'
  | 'runCommand'
  | 'setTime'
  | 'now'
  | 'clockText'
  | 'deliverSpool'
>;

export interface HandlerContextParts extends SharedParts {
  readonly trace: TraceEngine<Item>;
  readonly events: EventSender;
  readonly conversations: ProgramConversations;
  /** The current limits monitor (replaced when persisted definitions are restored). */
  limits(): LimitsMonitor;
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
      p.constantsStored(Array.from(values.keys()));
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
