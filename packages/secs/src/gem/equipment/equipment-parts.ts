// The parts of a GemEquipment and how they are wired together: state machines, variables, reports,
// the outbound path (spool, T3, replies first), communication establishment, trace, limits, the
// DATAID counter, persistence and the context the message handlers see; the spool glue is in
// equipment-spooling.ts. GemEquipment is the tool-facing API over these parts; this file is where
// each part learns whom to call. Callbacks between parts run only after construction, so they may
// name parts built later in the constructor.

import type { FireResult } from '@bondline/core';
import { type Clock, realClock } from '../../hsms/clock.js';
import { HEADER_BYTES } from '../../hsms/frame.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { Item } from '../../item/item.js';
import type { SecsMessage } from '../../message.js';
import type { LimitVariable } from '../limits/limit-definitions.js';
import { LimitsMonitor } from '../limits/limits-monitor.js';
import type * as s1 from '../messages/s1.js';
import { s9f13 } from '../messages/s9-errors.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Spool } from '../spool/spool.js';
import { type ControlState, ControlStateMachine, isOnline } from '../state/control-state.js';
import { ProcessingStateMachine } from '../state/processing-state.js';
import type { TraceEngine } from '../trace/trace-engine.js';
import { CommunicationLink } from './communication-link.js';
import { DataIdCounter } from './data-id.js';
import type { EquipmentContext } from './equipment-context.js';
import { EquipmentPersistence } from './equipment-persistence.js';
import { newSpoolLink, spoolIfDown, spoolNow, spoolPort, spoolsFirst } from './equipment-spooling.js';
import { EquipmentTime } from './equipment-time.js';
import { equipmentTrace } from './equipment-trace.js';
import { builtinValues, limitVariables } from './equipment-variables.js';
import { EventSender } from './event-sender.js';
import { GemConstants } from './gem-constants.js';
import { equipmentError, GemEquipmentError } from './gem-equipment-error.js';
import type { GemEquipmentEvents, GemEquipmentOptions } from './gem-equipment-options.js';
import { formatGemTime } from './gem-time.js';
import { handlerContext } from './handler-context.js';
import { isLinkGone } from './link-gone.js';
import { Outbound } from './outbound.js';
import type { PersistedParts } from './persisted-state.js';
import { ProgramConversations } from './program-conversations.js';
import {
  type PpChangeStatus,
  type RecipeStore,
  recipeDirectory,
  watchedRecipes,
} from './recipe-directory.js';
import { type CommandRunner, runCommand } from './remote-command.js';
import { ReplyFirst } from './reply-first.js';
import { ReportTable } from './report-table.js';
import type { SpoolLink } from './spool-link.js';
import { VariableStore } from './variable-store.js';

/** What the parts need from the GemEquipment that owns them. */
export interface PartsOwner {
  emit<K extends keyof GemEquipmentEvents>(event: K, arg: GemEquipmentEvents[K]): void;
  /** Take a processing-state transition (emits and reports its collection event). */
  processingEvent(event: string): void;
}

/** The last limit transition, for the LimitVariable/EventLimit/TransitionType builtins. */
export interface LimitTransitionNote {
  vid: number;
  limitId: number;
  transitionType: number;
}

export class EquipmentParts implements PersistedParts {
  readonly model: EquipmentModel;
  readonly session: HsmsSession;
  readonly clock: Clock;
  readonly time: EquipmentTime;
  readonly dataIds: DataIdCounter;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly control: ControlStateMachine;
  readonly processing: ProcessingStateMachine;
  readonly recipes: RecipeStore;
  readonly alarmEnabled = new Set<number>();
  readonly alarmSet = new Set<number>();
  readonly commands = new Map<string, CommandRunner>();
  readonly spool: Spool | undefined;
  readonly spoolLink: SpoolLink | undefined;
  /** Equipment primaries raised while a host primary is handled go out after its reply. */
  readonly order: ReplyFirst;
  readonly out: Outbound;
  readonly comm: CommunicationLink;
  readonly conversations: ProgramConversations;
  readonly trace: TraceEngine<Item>;
  readonly limitVariables: LimitVariable[];
  /** Replaced when persisted limit definitions are restored. */
  limits: LimitsMonitor;
  readonly events: EventSender;
  readonly persistence: EquipmentPersistence;
  readonly ctx: EquipmentContext;
  /** The ECs GEM acts on (spool policy and limits, retry delay, time format). */
  readonly gemConstants: GemConstants;
  /** Builtin values GEM keeps itself: the ECID changed last and the last limit transition. */
  lastChangedEcid = 0;
  lastLimit: LimitTransitionNote = { vid: 0, limitId: 0, transitionType: 0 };
  /** PPChangeName / PPChangeStatus: the last process program created, edited or deleted. */
  lastPpChange: { ppid: string; status: number } = { ppid: '', status: 0 };

  constructor(
    options: GemEquipmentOptions,
    private readonly owner: PartsOwner,
  ) {
    const m = options.model;
    this.model = m;
    this.session = options.session;
    this.clock = options.clock ?? realClock;
    this.time = new EquipmentTime(options.wallClock ?? Date.now);
    this.dataIds = new DataIdCounter(() => this.persist());
    this.recipes = watchedRecipes(
      options.recipes ?? recipeDirectory(m.processPrograms.directory),
      (ppid, status) => this.ppChanged(ppid, status),
    );
    this.control = new ControlStateMachine(m.control);
    this.processing = new ProcessingStateMachine(m.processing);
    this.vars = new VariableStore(
      m,
      builtinValues(m, {
        now: () => this.time.now(),
        controlState: () => this.control.state,
        processingStateIndex: () => this.processing.stateIndex,
        previousProcessingState: () => this.processing.previous,
        lastChangedEcid: () => this.lastChangedEcid,
        lastLimit: () => this.lastLimit,
        timeFormat: () => this.gemConstants.timeFormat,
        spool: () => this.spool,
        equipmentTimeOf: (wallMs) => wallMs + this.time.offsetMs,
        alarmsEnabled: () => this.alarmEnabled,
        alarmsSet: () => this.alarmSet,
        eventsEnabled: () => m.events.map((e) => e.id).filter((c) => this.reports.isEnabled(c)),
        lastPpChange: () => this.lastPpChange,
      }),
    );
    this.gemConstants = new GemConstants(this.vars);
    const ceids = m.events.map((e) => e.id);
    const ceidSet = new Set(ceids);
    this.reports = new ReportTable(
      (v) => this.vars.has(v),
      (c) => ceidSet.has(c),
      ceids,
      {
        valueBytes: (v) => this.vars.encodedSize(v),
        maxBodyBytes: () => this.maxBodyBytes(),
      },
    );
    for (const a of m.alarms) this.alarmEnabled.add(a.id);
    this.limitVariables = limitVariables(m);
    this.limits = new LimitsMonitor(this.limitVariables);
    this.spool = options.spool;
    this.spoolLink = newSpoolLink(this, options.spool);
    this.order = new ReplyFirst({
      clock: this.clock,
      holdLimitMs: () => this.session.config.t3Ms,
      overdue: (key, released) =>
        this.fail(
          new GemEquipmentError(
            'reply-overdue',
            `handler for ${key} did not answer within T3: the ${released} primaries raised meanwhile went out before its reply`,
          ),
        ),
    });
    this.out = new Outbound({
      session: this.session,
      communicationState: () => this.comm.state,
      controlState: () => this.control.state,
      spoolLink: this.spoolLink,
      order: this.order,
      spoolFirst: (stream, fn) => spoolsFirst(this, stream, fn),
      fail: (e) => this.fail(e),
    });
    this.comm = new CommunicationLink({
      clock: this.clock,
      retryDelayMs: () => this.gemConstants.retryDelayMs(m.communication.establishRetryS),
      identity: () => this.identity(),
      send: (msg) => this.sendPrimary(msg),
      selected: () => this.session.state === 'selected',
      changed: (from, to) => owner.emit('communication-state', { from, to }),
    });
    this.conversations = new ProgramConversations(
      this.clock,
      options.conversationTimeoutMs ?? 45_000,
      // E5 S9F13: MEXP names the message that did not come, EDID the data it was about.
      (ppid) => {
        if (this.session.state !== 'selected') return;
        void this.sendPrimary(s9f13('S7F3', ppid)).catch((e: unknown) => {
          if (!isLinkGone(e)) this.fail(e);
        });
      },
    );
    this.trace = this.traceEngine();
    this.events = new EventSender({
      model: m,
      vars: this.vars,
      reports: this.reports,
      alarmEnabled: this.alarmEnabled,
      alarmSet: this.alarmSet,
      canSend: () => this.out.canSend(),
      linkUp: () => this.out.linkUp(),
      spoolIfDown: (msg) => this.spoolIfDown(msg),
      sendPrimary: (msg) => this.sendSpoolable(msg),
      fail: (e) => this.fail(e),
      nextDataId: () => this.dataIds.next(),
    });
    this.persistence = new EquipmentPersistence(options.store, this, (e) => this.fail(e));
    this.ctx = this.handlerContext();
  }

  /** Apply a control-state move: tell the tool, persist, report the new state's collection event. */
  controlMoved(r: FireResult<string, string>): void {
    if (!r.ok) return;
    const { from, to } = r.value;
    this.owner.emit('control-state', { from, to });
    this.persist();
    const ceid = this.model.control.events[to as ControlState];
    // The event of a move to offline is still reported: the host learns why it lost control.
    if (ceid !== undefined) void this.events.sendEvent(ceid, isOnline(from as ControlState));
  }

  /** Spool a primary that cannot go out now (E30 6.5; equipment-spooling.ts); resolves once on disk. */
  spoolIfDown(msg: SecsMessage): Promise<void> {
    return spoolIfDown(this, msg);
  }

  /** E30 process program change: note PPChangeName / PPChangeStatus and report the change event. */
  private ppChanged(ppid: string, status: PpChangeStatus): void {
    this.lastPpChange = { ppid, status };
    const ceid = this.model.processPrograms.changeCeid;
    // The report's values are taken now, so each change of an S7F17 list carries its own PPID.
    if (ceid !== undefined) void this.events.sendEvent(ceid, false);
  }

  /** Put the ECs GEM acts on into effect (after restore and after every EC change). */
  applyConstants(): void {
    this.gemConstants.applyTo(this.spool);
  }

  /** Equipment time as E5 TIME in the TimeFormat EC's form. */
  clockText(): string {
    return formatGemTime(this.time.now(), this.gemConstants.timeFormat);
  }

  /** Largest message body the session sends (maxMessageBytes less the 10-byte header). */
  maxBodyBytes(): number {
    return this.session.config.maxMessageBytes - HEADER_BYTES;
  }

  sendPrimary(msg: SecsMessage): Promise<SecsMessage | undefined> {
    return this.out.send(msg);
  }

  /** An event, alarm or trace report: spooled instead if the link dropped while it was held. */
  sendSpoolable(msg: SecsMessage): Promise<SecsMessage | undefined> {
    return this.out.send(msg, (m) => spoolNow(this, m));
  }

  /** Report a failure no caller waits for on the `error` event, with a code (gem-equipment-error.ts). */
  fail(err: unknown): void {
    this.owner.emit('error', equipmentError(err));
  }

  identity(): s1.Identity {
    return { mdln: this.model.mdln, softrev: this.model.softrev };
  }

  persist(): void {
    this.persistence.save();
  }

  private traceEngine(): TraceEngine<Item> {
    return equipmentTrace({
      clock: this.clock,
      model: this.model,
      vars: this.vars,
      now: () => this.time.now(),
      timeFormat: () => this.gemConstants.timeFormat,
      report: (msg) => {
        if (!this.out.canSend()) void this.spoolIfDown(msg);
        else void this.sendSpoolable(msg).catch((e: unknown) => this.fail(e));
      },
      maxBodyBytes: () => this.maxBodyBytes(),
    });
  }

  private handlerContext(): EquipmentContext {
    const owner = this.owner;
    return handlerContext({
      model: this.model,
      vars: this.vars,
      reports: this.reports,
      control: this.control,
      processing: this.processing,
      recipes: this.recipes,
      alarmEnabled: this.alarmEnabled,
      alarmSet: this.alarmSet,
      trace: this.trace,
      spool: spoolPort(this),
      events: this.events,
      conversations: this.conversations,
      limits: () => this.limits,
      identity: () => this.identity(),
      controlMoved: (r) => this.controlMoved(r),
      runCommand: (cmd) =>
        runCommand(
          {
            model: this.model,
            commands: this.commands,
            vars: this.vars,
            processing: this.processing,
            processingEvent: (e) => owner.processingEvent(e),
          },
          cmd,
        ),
      setTime: (ms) => {
        this.time.set(ms);
        this.persist();
      },
      now: () => this.time.now(),
      clockText: () => this.clockText(),
      deliverSpool: () => void this.spoolLink?.deliver(),
      persist: () => this.persist(),
      constantsStored: (ecids) => {
        this.lastChangedEcid = ecids[ecids.length - 1] ?? 0;
        this.applyConstants();
        owner.emit('constants-changed', { ecids });
      },
      terminalShown: (terminal, lines) => owner.emit('terminal', { terminal, lines }),
    });
  }
}
