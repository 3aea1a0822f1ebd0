// GemEquipment: a GEM (E30) equipment on one HSMS session, built from a declarative model. It owns
// the state machines, answers the host's primaries (handler tables per stream), and sends events,
// alarms and terminal requests for the tool code.

import { type Clock, realClock, type TimerHandle } from '../../hsms/clock.js';
import { HsmsError } from '../../hsms/errors.js';
import { TypedEmitter } from '../../hsms/events.js';
import type { HandlerResult } from '../../hsms/message-handler.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { HsmsMessage } from '../../hsms/transactions.js';
import type { Item } from '../../item/item.js';
import { ItemShapeError } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import type { LimitVariable } from '../limits/limit-definitions.js';
import { LimitsMonitor } from '../limits/limits-monitor.js';
import { ACKC10, ALCD_SET, HCACK } from '../messages/acks.js';
import * as s1 from '../messages/s1.js';
import { parseAck } from '../messages/s1.js';
import type { CommandReply, RemoteCommand } from '../messages/s2-remote.js';
import { s6f1 } from '../messages/s2-s6-trace.js';
import { s5f1 } from '../messages/s5-alarms.js';
import { type EventReport, s6f11 } from '../messages/s6-events.js';
import { headerBytes, S9, s9, s9f13 } from '../messages/s9-errors.js';
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
import type { EquipmentContext, EquipmentHandler } from './equipment-context.js';
import { formatGemTime } from './gem-time.js';
import { LIMITS_HANDLERS } from './handle-limits.js';
import { S1_HANDLERS } from './handle-s1.js';
import { S2_HANDLERS } from './handle-s2.js';
import { S5_S10_HANDLERS, terminalAck } from './handle-s5-s10.js';
import { SPOOL_HANDLERS } from './handle-spool.js';
import { TRACE_HANDLERS } from './handle-trace.js';
import { type RecipeStore, recipeDirectory } from './recipe-directory.js';
import { commandValues } from './remote-command.js';
import { ReportTable } from './report-table.js';
import { SpoolLink } from './spool-link.js';
import type { PersistedEquipmentState, StateStore } from './state-store.js';
import { VariableStore } from './variable-store.js';

const HANDLERS: Record<string, EquipmentHandler> = {
  ...S1_HANDLERS,
  ...S2_HANDLERS,
  ...S5_S10_HANDLERS,
  ...SPOOL_HANDLERS,
  ...TRACE_HANDLERS,
  ...LIMITS_HANDLERS,
};
const STREAMS = new Set(Object.keys(HANDLERS).map((k) => Number(/^S(\d+)/.exec(k)![1])));
// Primaries the equipment answers while not ONLINE (E30 4.3.2: others get SxF0).
const OFFLINE_ALLOWED = new Set(['S1F13', 'S1F17']);
// E30 ControlState SV values (table 4.3 numbering).
const CONTROL_SV: Record<ControlState, number> = {
  'equipment-offline': 1,
  'attempt-online': 2,
  'host-offline': 3,
  'online-local': 4,
  'online-remote': 5,
};

/** Runs a remote command; returns HCACK (0 done, 4 will finish later, 2 cannot now...). */
export type CommandRunner = (name: string, params: Record<string, Value>) => number | Promise<number>;

export interface GemEquipmentOptions {
  model: EquipmentModel;
  session: HsmsSession;
  /** Where process programs live; default: a directory store at `model.processPrograms.directory`. */
  recipes?: RecipeStore;
  /** Timers (establish-communications retry). */
  clock?: Clock;
  /** Wall time, epoch ms (the equipment clock adds the offset the host sets with S2F31). */
  wallClock?: () => number;
  /** Persistence of constants, reports, alarm enables and the control state. */
  store?: StateStore;
  /** Time allowed between PPGNT 0 and the S7F3 it granted before S9F13 (default 45 s, like T3). */
  conversationTimeoutMs?: number;
  /** Durable spool for primaries produced while the link is down (E30 6.5); none: they are dropped. */
  spool?: Spool;
}

export interface GemEquipmentEvents {
  'communication-state': { from: CommunicationState; to: CommunicationState };
  'control-state': { from: string; to: string };
  'processing-state': { from: string; to: string; event: string };
  'constants-changed': { ecids: number[] };
  terminal: { terminal: number; lines: string[] };
  /** A failure not tied to a caller: an event report the host did not acknowledge, a handler bug. */
  error: Error;
}

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
  private readonly wallClock: () => number;
  private readonly store: StateStore | undefined;
  readonly spool: Spool | undefined;
  private readonly spoolLink: SpoolLink | undefined;
  private readonly conversations = new Map<string, TimerHandle>();
  private saving: Promise<void> = Promise.resolve();
  private readonly conversationTimeoutMs: number;
  readonly trace: TraceEngine<Item>;
  limits: LimitsMonitor;
  private readonly limitVariables: LimitVariable[];
  private lastLimit = { vid: 0, limitId: 0, transitionType: 0 };
  private readonly commands = new Map<string, CommandRunner>();
  private timeOffsetMs = 0;
  private dataId = 0;
  private lastChangedEcid = 0;
  private readonly offs: Array<() => void> = [];
  private readonly ctx: EquipmentContext;

  constructor(options: GemEquipmentOptions) {
    super();
    const m = options.model;
    this.model = m;
    this.session = options.session;
    this.clock = options.clock ?? realClock;
    this.wallClock = options.wallClock ?? Date.now;
    this.store = options.store;
    this.spool = options.spool;
    this.spoolLink =
      options.spool === undefined
        ? undefined
        : new SpoolLink(
            options.spool,
            (out) => this.session.send(out),
            (e) => this.fail(e),
          );
    this.conversationTimeoutMs = options.conversationTimeoutMs ?? 45_000;
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
    this.vars = new VariableStore(m, (b) => {
      switch (b) {
        case 'clock':
          return formatGemTime(this.now());
        case 'control-state':
          return CONTROL_SV[this.control.state];
        case 'processing-state':
          return this.processing.stateIndex;
        case 'previous-processing-state':
          return m.processing.states.indexOf(this.processing.previous);
        case 'changed-ecid':
          return this.lastChangedEcid;
        case 'limit-variable':
          return this.lastLimit.vid;
        case 'event-limit':
          return this.lastLimit.limitId;
        case 'transition-type':
          return this.lastLimit.transitionType;
      }
    });
    this.limitVariables = (m.limits?.variables ?? []).map((v) => ({
      vid: v.vid,
      units: [...m.statusVariables, ...m.dataVariables].find((x) => x.id === v.vid)?.unit ?? '',
      limitMin: v.min,
      limitMax: v.max,
      limitIds: v.limitIds,
      numeric: true,
    }));
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
        if (!this.canSend()) this.spoolIfDown(msg);
        else void this.sendPrimary(msg).catch((e: unknown) => this.fail(e));
      },
    });
    this.ctx = this.context();
  }

  /** Restore persisted state (if a store is configured), attach to the session and enable communication. */
  async start(): Promise<void> {
    if (this.store !== undefined) this.restore(await this.store.load());
    this.session.onMessage((msg) => this.onPrimary(msg));
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
    );
    this.comm.enable();
  }

  /** Detach from the session and stop timers. */
  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.session.onMessage(undefined);
    this.comm.stop();
    this.trace.stopAll();
    for (const t of this.conversations.values()) this.clock.clearTimeout(t);
    this.conversations.clear();
  }

  /** Resolves once the persisted state written so far is on disk. */
  async flush(): Promise<void> {
    let last: Promise<void> | undefined;
    while (last !== this.saving) {
      last = this.saving;
      await last;
    }
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
      void this.sendEvent(this.model.limits.ceid, false);
    }
  }

  /** Equipment time, epoch ms. */
  now(): number {
    return this.wallClock() + this.timeOffsetMs;
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
    return this.sendEvent(ceid, false);
  }

  /** Set an alarm: S5F1 (if enabled) and its set event. */
  async setAlarm(alid: number): Promise<void> {
    await this.alarm(alid, true);
  }

  async clearAlarm(alid: number): Promise<void> {
    await this.alarm(alid, false);
  }

  /** Operator terminal request to the host (S10F1); resolves with ACKC10, or undefined if not sent. */
  async terminalRequest(text: string): Promise<number | undefined> {
    if (!this.canSend()) return undefined;
    const reply = await this.sendPrimary(s10f1(0, text));
    return reply === undefined ? undefined : parseAck(reply.body);
  }

  // ---- internals -------------------------------------------------------------------------------

  private async alarm(alid: number, on: boolean): Promise<void> {
    const a = this.model.alarms.find((x) => x.id === alid);
    if (a === undefined) throw new RangeError(`no alarm ${alid}`);
    if (this.alarmSet.has(alid) === on) return;
    if (on) this.alarmSet.add(alid);
    else this.alarmSet.delete(alid);
    const ceid = on ? a.setCeid : a.clearCeid;
    const sends: Promise<unknown>[] = [];
    const report = s5f1({ alcd: (on ? ALCD_SET : 0) | a.category, alid, altx: a.text });
    if (this.alarmEnabled.has(alid) && !this.canSend()) this.spoolIfDown(report);
    else if (this.alarmEnabled.has(alid)) sends.push(this.sendPrimary(report).catch((e) => this.fail(e)));
    if (ceid !== undefined) sends.push(this.sendEvent(ceid, false));
    await Promise.all(sends);
  }

  /**
   * E30 6.5: while ONLINE and not communicating (link down), spoolable primaries go to the spool.
   * Offline equipment sends nothing and spools nothing.
   */
  private spoolIfDown(msg: SecsMessage): void {
    if (this.spoolLink === undefined || !isOnline(this.control.state)) return;
    if (this.comm.state === 'communicating' && this.session.state === 'selected') return;
    this.spoolLink.store(msg);
  }

  private canSend(): boolean {
    return (
      this.comm.state === 'communicating' && isOnline(this.control.state) && this.session.state === 'selected'
    );
  }

  private fireEvent(ceid: number, force = false): void {
    void this.sendEvent(ceid, force);
  }

  private async sendEvent(ceid: number, force: boolean): Promise<boolean> {
    if (!this.reports.isEnabled(ceid)) return false;
    if (
      !(force ? this.comm.state === 'communicating' && this.session.state === 'selected' : this.canSend())
    ) {
      if (!force) this.spoolIfDown(s6f11(this.eventReport(ceid)));
      return false;
    }
    try {
      const reply = await this.sendPrimary(s6f11(this.eventReport(ceid)));
      return reply !== undefined && reply.function === 12;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  private eventReport(ceid: number): EventReport {
    this.dataId = (this.dataId + 1) >>> 0;
    return {
      dataId: this.dataId,
      ceid,
      reports: this.reports
        .reportsFor(ceid)
        .map((r) => ({ rptid: r.rptid, values: r.vids.map((v) => this.vars.item(v)) })),
    };
  }

  private controlMoved(r: FireResult<string, string>): void {
    if (!r.ok) return;
    this.emit('control-state', { from: r.from, to: r.to });
    this.persist();
    const ceid = this.model.control.events[r.to as ControlState];
    // The event of a move to offline is still reported: the host learns why it lost control.
    if (ceid !== undefined) this.fireEvent(ceid, isOnline(r.from as ControlState));
  }

  /** Send a primary; a T3 timeout is answered with S9F9 (E5) and rethrown. */
  private async sendPrimary(msg: SecsMessage): Promise<SecsMessage | undefined> {
    try {
      const reply = await this.session.send(toOutgoing(msg));
      if (reply === undefined) return undefined;
      const r = toSecsMessage(reply);
      return r.ok ? r.message : { stream: reply.stream, function: reply.function, wBit: false };
    } catch (err) {
      if (
        err instanceof HsmsError &&
        err.code === 't3-timeout' &&
        err.header !== undefined &&
        this.session.state === 'selected'
      )
        void this.session.send(toOutgoing(s9(S9.transactionTimeout, err.header))).catch(() => {});
      throw err;
    }
  }

  private fail(err: unknown): void {
    this.emit('error', err instanceof Error ? err : new Error(String(err)));
  }

  private async onPrimary(m: HsmsMessage): Promise<HandlerResult> {
    const key = `S${m.stream}F${m.function}`;
    const abort = (): HandlerResult => (m.wBit ? { stream: m.stream, function: 0 } : undefined);
    const decoded = toSecsMessage(m);
    if (!decoded.ok) {
      const fn = decoded.error.code === 'message-too-large' ? S9.dataTooLong : S9.illegalData;
      void this.sendPrimary(s9(fn, headerBytes(m))).catch(() => {});
      return undefined;
    }
    const handler = HANDLERS[key];
    if (handler === undefined) {
      const fn = STREAMS.has(m.stream) ? S9.unrecognizedFunction : S9.unrecognizedStream;
      void this.sendPrimary(s9(fn, headerBytes(m))).catch(() => {});
      return undefined;
    }
    if (key === 'S1F13') this.comm.crReceived();
    else if (this.comm.state !== 'communicating') return abort();
    if (!isOnline(this.control.state) && !OFFLINE_ALLOWED.has(key)) return abort();
    try {
      const reply = await handler(this.ctx, decoded.message.body, m);
      return reply === undefined ? undefined : toOutgoing(reply);
    } catch (err) {
      if (!(err instanceof ItemShapeError)) throw err;
      void this.sendPrimary(s9(S9.illegalData, headerBytes(m))).catch(() => {});
      return undefined;
    }
  }

  private identity(): s1.Identity {
    return { mdln: this.model.mdln, softrev: this.model.softrev };
  }

  private async runCommand(cmd: RemoteCommand): Promise<CommandReply> {
    const def = this.model.remoteCommands.find((c) => c.name === cmd.rcmd)!;
    const custom = this.commands.get(cmd.rcmd);
    if (custom !== undefined)
      return { hcack: await custom(cmd.rcmd, commandValues(this.model, cmd)), params: [] };
    if (def.processingEvent === undefined) return { hcack: HCACK.ok, params: [] };
    if (!this.processing.can(def.processingEvent)) return { hcack: HCACK.cannotPerformNow, params: [] };
    const ppid = commandValues(this.model, cmd).PPID;
    const recipeVid = this.vars.resolve('Recipe');
    if (typeof ppid === 'string' && recipeVid !== undefined && this.vars.kind(recipeVid) !== 'ec')
      this.vars.set(recipeVid, ppid);
    this.processingEvent(def.processingEvent);
    return { hcack: HCACK.ok, params: [] };
  }

  private persist(): void {
    if (this.store === undefined) return;
    const state: PersistedEquipmentState = {
      constants: this.vars.constantValues(),
      reports: this.reports.snapshot(),
      alarmsEnabled: [...this.alarmEnabled],
      control: { remote: this.control.remote },
      limits: this.limits.snapshot(),
    };
    this.saving = this.store.save(state).catch((e: unknown) => this.fail(e));
  }

  /** Apply what the store holds; items it does not hold keep the model's defaults. */
  private restore(s: PersistedEquipmentState): void {
    if (s.constants !== undefined) {
      const ok = new Map<number, Value>();
      for (const [k, v] of Object.entries(s.constants)) {
        const id = Number(k);
        const c = this.vars.constant(id);
        if (c !== undefined && typeof v === typeof c.default) ok.set(id, v);
      }
      this.vars.setConstants(ok);
    }
    if (s.reports !== undefined) this.reports.restore(s.reports);
    if (s.alarmsEnabled !== undefined) {
      this.alarmEnabled.clear();
      for (const a of s.alarmsEnabled)
        if (this.model.alarms.some((x) => x.id === a)) this.alarmEnabled.add(a);
    }
    // E30 4.3: power-up enters the configured initial state; the saved switch picks its ONLINE substate.
    if (s.control !== undefined) this.control.setRemote(s.control.remote);
    if (s.limits !== undefined) this.limits = new LimitsMonitor(this.limitVariables, s.limits);
  }

  private context(): EquipmentContext {
    const self = this;
    return {
      model: this.model,
      vars: this.vars,
      reports: this.reports,
      control: this.control,
      processing: this.processing,
      recipes: this.recipes,
      alarmEnabled: this.alarmEnabled,
      alarmSet: this.alarmSet,
      identity: () => this.identity(),
      controlMoved: (r) => this.controlMoved(r),
      constantsChanged: (values) => {
        this.vars.setConstants(values);
        const ecids = [...values.keys()];
        this.lastChangedEcid = ecids[ecids.length - 1] ?? 0;
        this.emit('constants-changed', { ecids });
        this.persist();
        if (this.model.constantChangedCeid !== undefined) this.fireEvent(this.model.constantChangedCeid);
      },
      reportsChanged: () => this.persist(),
      eventReport: (ceid) => this.eventReport(ceid),
      runCommand: (cmd) => this.runCommand(cmd),
      setTime: (ms) => {
        this.timeOffsetMs = ms - this.wallClock();
      },
      now: () => this.now(),
      spool: this.spool,
      expectProgram: (ppid) => {
        const old = this.conversations.get(ppid);
        if (old !== undefined) this.clock.clearTimeout(old);
        this.conversations.set(
          ppid,
          this.clock.setTimeout(() => {
            this.conversations.delete(ppid);
            // E5 S9F13: MEXP names the message that did not come, EDID the data it was about.
            if (this.session.state === 'selected') void this.sendPrimary(s9f13('S7F3', ppid)).catch(() => {});
          }, this.conversationTimeoutMs),
        );
      },
      programArrived: (ppid) => {
        const t = this.conversations.get(ppid);
        if (t !== undefined) this.clock.clearTimeout(t);
        this.conversations.delete(ppid);
      },
      trace: this.trace,
      get limits() {
        return self.limits;
      },
      deliverSpool: () => {
        void this.spoolLink?.deliver();
      },
      terminal: (terminal, lines) => {
        const ack = terminalAck(terminal);
        if (ack === ACKC10.accepted) this.emit('terminal', { terminal, lines });
        return ack;
      },
    };
  }
}
