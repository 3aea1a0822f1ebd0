// GemEquipment: a GEM (E30) equipment on one HSMS session, built from a declarative model. It owns
// the state machines, answers the host's primaries (handler tables per stream), and sends events,
// alarms and terminal requests for the tool code.

import { type Clock, realClock } from '../../hsms/clock.js';
import { TypedEmitter } from '../../hsms/events.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { Item } from '../../item/item.js';
import type { SecsMessage } from '../../message.js';
import type { LimitVariable } from '../limits/limit-definitions.js';
import { LimitsMonitor } from '../limits/limits-monitor.js';
import * as s1 from '../messages/s1.js';
import { parseAck } from '../messages/s1.js';
import { s6f1 } from '../messages/s2-s6-trace.js';
import { S9, s9, s9f13 } from '../messages/s9-errors.js';
import { s10f1 } from '../messages/s10-terminal.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Value } from '../model/value.js';
import type { Spool } from '../spool/spool.js';
import type { CommunicationState } from '../state/communication-state.js';
import { type ControlState, ControlStateMachine, isOnline } from '../state/control-state.js';
import { ProcessingStateMachine } from '../state/processing-state.js';
import type { FireResult } from '../state/transition-table.js';
import { TraceEngine } from '../trace/trace-engine.js';
import { CommunicationLink } from './communication-link.js';
import { DataIdCounter } from './data-id.js';
import type { EquipmentContext } from './equipment-context.js';
import { EquipmentPersistence } from './equipment-persistence.js';
import { EquipmentTime } from './equipment-time.js';
import { builtinValues, limitVariables } from './equipment-variables.js';
import { EventSender } from './event-sender.js';
import type { GemEquipmentEvents, GemEquipmentOptions } from './gem-equipment-options.js';
import { formatGemTime } from './gem-time.js';
import { handlerContext } from './handler-context.js';
import { Outbound } from './outbound.js';
import { dispatchPrimary } from './primary-dispatch.js';
import { ProgramConversations } from './program-conversations.js';
import { type RecipeStore, recipeDirectory } from './recipe-directory.js';
import { type CommandRunner, runCommand } from './remote-command.js';
import { ReportTable } from './report-table.js';
import { SpoolLink } from './spool-link.js';
import { VariableStore } from './variable-store.js';

export type { GemEquipmentEvents, GemEquipmentOptions } from './gem-equipment-options.js';
export type { CommandRunner } from './remote-command.js';

export class GemEquipment extends TypedEmitter<GemEquipmentEvents> {
  readonly model: EquipmentModel;
  readonly session: HsmsSession;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly control: ControlStateMachine;
  readonly processing: ProcessingStateMachine;
  readonly recipes: RecipeStore;
  readonly alarmEnabled = new Set<number>();
  readonly alarmSet = new Set<number>();
  private readonly comm: CommunicationLink;
  private readonly clock: Clock;
  private readonly time: EquipmentTime;
  private readonly dataIds: DataIdCounter;
  private readonly persistence: EquipmentPersistence;
  readonly spool: Spool | undefined;
  private readonly spoolLink: SpoolLink | undefined;
  private readonly conversations: ProgramConversations;
  private readonly events: EventSender;
  private readonly out: Outbound;
  readonly trace: TraceEngine<Item>;
  limits: LimitsMonitor;
  private readonly limitVariables: LimitVariable[];
  private lastLimit = { vid: 0, limitId: 0, transitionType: 0 };
  readonly commands = new Map<string, CommandRunner>();
  private lastChangedEcid = 0;
  private readonly offs: Array<() => void> = [];
  private readonly ctx: EquipmentContext;

  constructor(options: GemEquipmentOptions) {
    super();
    const m = options.model;
    this.model = m;
    this.session = options.session;
    this.clock = options.clock ?? realClock;
    this.time = new EquipmentTime(options.wallClock ?? Date.now);
    this.dataIds = new DataIdCounter(() => this.persist());
    this.spool = options.spool;
    this.spoolLink =
      options.spool === undefined
        ? undefined
        : new SpoolLink(
            options.spool,
            (out) => this.session.send(out),
            (e) => this.fail(e),
          );
    this.out = new Outbound({
      session: this.session,
      communicationState: () => this.comm.state,
      controlState: () => this.control.state,
      spoolLink: this.spoolLink,
    });
    this.conversations = new ProgramConversations(
      this.clock,
      options.conversationTimeoutMs ?? 45_000,
      // E5 S9F13: MEXP names the message that did not come, EDID the data it was about.
      (ppid) => {
        if (this.session.state === 'selected') void this.sendPrimary(s9f13('S7F3', ppid)).catch(() => {});
      },
    );
    this.comm = new CommunicationLink({
      clock: this.clock,
      retryDelayMs: m.communication.establishRetryS * 1000,
      identity: () => this.identity(),
      send: (msg) => this.sendPrimary(msg),
      selected: () => this.session.state === 'selected',
      changed: (from, to) => this.emit('communication-state', { from, to }),
    });
    this.recipes = options.recipes ?? recipeDirectory(m.processPrograms.directory);
    this.control = new ControlStateMachine(m.control);
    this.processing = new ProcessingStateMachine(m.processing);
    this.vars = new VariableStore(
      m,
      builtinValues(m, {
        now: () => this.now(),
        controlState: () => this.control.state,
        processingStateIndex: () => this.processing.stateIndex,
        previousProcessingState: () => this.processing.previous,
        lastChangedEcid: () => this.lastChangedEcid,
        lastLimit: () => this.lastLimit,
      }),
    );
    this.limitVariables = limitVariables(m);
    this.limits = new LimitsMonitor(this.limitVariables);
    const ceids = m.events.map((e) => e.id);
    const ceidSet = new Set(ceids);
    this.reports = new ReportTable(
      (v) => this.vars.has(v),
      (c) => ceidSet.has(c),
      ceids,
    );
    for (const a of m.alarms) this.alarmEnabled.add(a.id);
    const svids = new Set(m.statusVariables.map((v) => v.id));
    this.trace = new TraceEngine<Item>({
      clock: this.clock,
      wallTime: () => this.now(),
      isKnownSvid: (v) => svids.has(v),
      sample: (ids) => ids.map((v) => this.vars.item(v)),
      report: (r) => {
        const msg = s6f1({ trid: r.trid, smpln: r.smpln, stime: formatGemTime(r.stime), values: r.values });
        if (!this.out.canSend()) this.out.spoolIfDown(msg);
        else void this.sendPrimary(msg).catch((e: unknown) => this.fail(e));
      },
    });
    this.events = new EventSender({
      model: m,
      vars: this.vars,
      reports: this.reports,
      alarmEnabled: this.alarmEnabled,
      alarmSet: this.alarmSet,
      canSend: () => this.out.canSend(),
      linkUp: () => this.out.linkUp(),
      spoolIfDown: (msg) => this.out.spoolIfDown(msg),
      sendPrimary: (msg) => this.sendPrimary(msg),
      fail: (e) => this.fail(e),
      nextDataId: () => this.dataIds.next(),
    });
    this.ctx = handlerContext({
      model: m,
      vars: this.vars,
      reports: this.reports,
      control: this.control,
      processing: this.processing,
      recipes: this.recipes,
      alarmEnabled: this.alarmEnabled,
      alarmSet: this.alarmSet,
      trace: this.trace,
      spool: this.spool,
      events: this.events,
      conversations: this.conversations,
      limits: () => this.limits,
      identity: () => this.identity(),
      controlMoved: (r) => this.controlMoved(r),
      runCommand: (cmd) => runCommand(this, cmd),
      setTime: (ms) => {
        this.time.set(ms);
        this.persist();
      },
      now: () => this.now(),
      deliverSpool: () => void this.spoolLink?.deliver(),
      persist: () => this.persist(),
      constantsStored: (ecids) => {
        this.lastChangedEcid = ecids[ecids.length - 1] ?? 0;
        this.emit('constants-changed', { ecids });
      },
      terminalShown: (terminal, lines) => this.emit('terminal', { terminal, lines }),
    });
    const self = this;
    this.persistence = new EquipmentPersistence(
      options.store,
      {
        model: m,
        vars: this.vars,
        reports: this.reports,
        alarmEnabled: this.alarmEnabled,
        control: this.control,
        get limits() {
          return self.limits;
        },
        set limits(l) {
          self.limits = l;
        },
        limitVariables: this.limitVariables,
        time: this.time,
        dataIds: this.dataIds,
      },
      (e) => this.fail(e),
    );
  }

  /** Restore persisted state (if a store is configured), attach to the session and enable communication. */
  async start(): Promise<void> {
    await this.persistence.restore();
    this.session.onMessage((msg) =>
      dispatchPrimary(
        {
          ctx: this.ctx,
          communicationState: () => this.comm.state,
          crReceived: () => this.comm.crReceived(),
          controlState: () => this.control.state,
          sendS9: (fn, header) => void this.sendPrimary(s9(fn, header)).catch(() => {}),
        },
        msg,
      ),
    );
    this.offs.push(
      this.session.on('state', (s) => {
        if (s.to === 'selected') this.comm.linkUp();
        else if (s.from === 'selected') {
          this.comm.linkDown();
          this.spoolLink?.linkLost();
        }
      }),
      this.session.on('unknown-device', ({ header }) => {
        void this.sendPrimary(s9(S9.unrecognizedDeviceId, header));
      }),
      // The HSMS layer skips an over-size body without buffering it; E5 wants S9F11 with its header.
      this.session.on('message-too-large', ({ header }) => {
        void this.sendPrimary(s9(S9.dataTooLong, header)).catch(() => {});
      }),
    );
    this.comm.enable();
  }

  /** Detach from the session and stop timers. */
  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.session.onMessage(undefined);
    this.comm.stop();
    this.trace.stopAll();
    this.conversations.stop();
  }

  /** Resolves once the persisted state written so far is on disk. */
  flush(): Promise<void> {
    return this.persistence.flush();
  }

  get communicationState(): CommunicationState {
    return this.comm.state;
  }

  /** Register the code that carries out a remote command (default: its processing transition). */
  onCommand(name: string, run: CommandRunner): void {
    if (!this.model.remoteCommands.some((c) => c.name === name))
      throw new RangeError(`no remote command '${name}' in the model`);
    this.commands.set(name, run);
  }

  /** Set a status or data variable by name or id. */
  set(nameOrId: string | number, value: Value): void {
    const vid = this.vars.resolve(nameOrId);
    if (vid === undefined) throw new RangeError(`no variable '${nameOrId}'`);
    this.vars.set(vid, value);
    if (typeof value !== 'number' || this.model.limits === undefined) return;
    // E30 4.2.4: each zone change of a monitored variable is reported with its limit event.
    for (const t of this.limits.update(vid, value)) {
      this.lastLimit = { vid: t.vid, limitId: t.limitId, transitionType: t.transitionType };
      void this.events.sendEvent(this.model.limits.ceid, false);
    }
  }

  /** Equipment time, epoch ms. */
  now(): number {
    return this.time.now();
  }

  // ---- operator actions ------------------------------------------------------------------------

  /** Operator switches ONLINE: ATTEMPT ON-LINE, S1F1, then online or back offline. Resolves with the new state. */
  async operatorOnline(): Promise<ControlState> {
    const r = this.control.operatorOnline();
    if (!r.ok) return this.control.state;
    this.controlMoved(r);
    let ok = false;
    if (this.comm.state === 'communicating') {
      try {
        const reply = await this.sendPrimary(s1.s1f1());
        ok = reply !== undefined && reply.function === 2;
      } catch {
        ok = false;
      }
    }
    this.controlMoved(this.control.attemptResult(ok));
    return this.control.state;
  }

  operatorOffline(): FireResult<string, string> {
    const r = this.control.operatorOffline();
    this.controlMoved(r);
    return r;
  }

  /** The LOCAL/REMOTE switch. */
  setRemote(remote: boolean): void {
    const r = this.control.setRemote(remote);
    if (r !== undefined) this.controlMoved(r);
    this.persist();
  }

  /** Take a processing-state transition; reports its collection event. */
  processingEvent(event: string): FireResult<string, string> {
    const r = this.processing.fire(event);
    if (r.ok) {
      this.emit('processing-state', { from: r.from, to: r.to, event });
      if (r.ceid !== undefined) this.fireEvent(r.ceid);
    }
    return r;
  }

  /**
   * Report a collection event (S6F11 W) if communicating, online and enabled. Resolves when the host
   * acknowledged (true) or when nothing was sent (false).
   */
  async triggerEvent(ceid: number): Promise<boolean> {
    if (!this.model.events.some((e) => e.id === ceid)) throw new RangeError(`no collection event ${ceid}`);
    return this.events.sendEvent(ceid, false);
  }

  /** Set an alarm: S5F1 (if enabled) and its set event. */
  async setAlarm(alid: number): Promise<void> {
    await this.events.alarm(alid, true);
  }

  async clearAlarm(alid: number): Promise<void> {
    await this.events.alarm(alid, false);
  }

  /** Operator terminal request to the host (S10F1); resolves with ACKC10, or undefined if not sent. */
  async terminalRequest(text: string): Promise<number | undefined> {
    if (!this.canSend()) return undefined;
    const reply = await this.sendPrimary(s10f1(0, text));
    return reply === undefined ? undefined : parseAck(reply.body);
  }

  // ---- internals -------------------------------------------------------------------------------

  private fireEvent(ceid: number, force = false): void {
    void this.events.sendEvent(ceid, force);
  }

  private controlMoved(r: FireResult<string, string>): void {
    if (!r.ok) return;
    this.emit('control-state', { from: r.from, to: r.to });
    this.persist();
    const ceid = this.model.control.events[r.to as ControlState];
    // The event of a move to offline is still reported: the host learns why it lost control.
    if (ceid !== undefined) this.fireEvent(ceid, isOnline(r.from as ControlState));
  }

  private sendPrimary(msg: SecsMessage): Promise<SecsMessage | undefined> {
    return this.out.send(msg);
  }

  private canSend(): boolean {
    return this.out.canSend();
  }

  private fail(err: unknown): void {
    this.emit('error', err instanceof Error ? err : new Error(String(err)));
  }

  private identity(): s1.Identity {
    return { mdln: this.model.mdln, softrev: this.model.softrev };
  }

  private persist(): void {
    this.persistence.save();
  }
}
