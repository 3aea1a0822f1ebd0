// GemEquipment: a GEM (E30) equipment on one HSMS session, built from a declarative model. This is the
// API the tool code and operator use: start and stop, set variables, fire events and alarms, take
// processing and control-state moves, ask the host at the terminal. The parts behind it and their
// wiring are in equipment-parts.ts, the session hooks in session-wiring.ts, what persists in
// equipment-persistence.ts.

import type { FireResult } from '@bondline/core';
import { TypedEmitter } from '../../hsms/events.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { Item } from '../../item/item.js';
import { isProgrammerError } from '../../programmer-error.js';
import type { LimitsMonitor } from '../limits/limits-monitor.js';
import * as s1 from '../messages/s1.js';
import { s10f1 } from '../messages/s10-terminal.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Value } from '../model/value.js';
import type { Spool } from '../spool/spool.js';
import type { CommunicationState } from '../state/communication-state.js';
import type { ControlState, ControlStateMachine } from '../state/control-state.js';
import type { ProcessingFireResult, ProcessingStateMachine } from '../state/processing-state.js';
import type { TraceEngine } from '../trace/trace-engine.js';
import { EquipmentParts } from './equipment-parts.js';
import type { GemEquipmentEvents, GemEquipmentOptions } from './gem-equipment-options.js';
import type { RecipeStore } from './recipe-directory.js';
import type { CommandRunner } from './remote-command.js';
import type { ReportTable } from './report-table.js';
import { attachToSession } from './session-wiring.js';
import type { VariableStore } from './variable-store.js';

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
  readonly alarmEnabled: Set<number>;
  readonly alarmSet: Set<number>;
  readonly spool: Spool | undefined;
  readonly trace: TraceEngine<Item>;
  readonly commands: Map<string, CommandRunner>;
  private readonly parts: EquipmentParts;
  private detach: (() => void) | undefined;

  constructor(options: GemEquipmentOptions) {
    super();
    const p = new EquipmentParts(options, {
      emit: (event, arg) => this.emit(event, arg),
      processingEvent: (event) => void this.processingEvent(event),
    });
    this.parts = p;
    this.model = p.model;
    this.session = p.session;
    this.vars = p.vars;
    this.reports = p.reports;
    this.control = p.control;
    this.processing = p.processing;
    this.recipes = p.recipes;
    this.alarmEnabled = p.alarmEnabled;
    this.alarmSet = p.alarmSet;
    this.spool = p.spool;
    this.trace = p.trace;
    this.commands = p.commands;
  }

  /** Limits monitoring (replaced by the stored definitions at start). */
  get limits(): LimitsMonitor {
    return this.parts.limits;
  }

  /** Restore persisted state (if a store is configured), attach to the session and enable communication. */
  async start(): Promise<void> {
    await this.parts.persistence.restore();
    // Restored values of the ECs GEM acts on (OverWriteSpool...) take effect before anything is spooled.
    this.parts.applyConstants();
    this.detach = attachToSession(this.parts);
    this.parts.comm.enable();
  }

  /** Detach from the session and stop timers. */
  stop(): void {
    this.detach?.();
    this.detach = undefined;
    this.parts.comm.stop();
    this.trace.stopAll();
    this.parts.conversations.stop();
  }

  /** Resolves once the persisted state written so far is on disk. */
  flush(): Promise<void> {
    return this.parts.persistence.flush();
  }

  get communicationState(): CommunicationState {
    return this.parts.comm.state;
  }

  /** Register the code that carries out a remote command (default: its processing transition). */
  onCommand(name: string, run: CommandRunner): void {
    if (!this.model.remoteCommands.some((c) => c.name === name))
      throw new RangeError(`no remote command '${name}' in the model`);
    this.commands.set(name, run);
  }

  /**
   * Set a status variable, data variable or equipment constant by name or id. An EC set here is an
   * operator's change at the tool (E30): checked like S2F15 (type, min/max, a builtin's own range),
   * stored, put into effect (spool policy...), persisted and reported with ChangedEcid and the
   * constant-changed event. A value that does not fit throws a RangeError naming the limit.
   */
  set(nameOrId: string | number, value: Value): void {
    const vid = this.vars.resolve(nameOrId);
    if (vid === undefined) throw new RangeError(`no variable '${nameOrId}'`);
    if (this.vars.kind(vid) === 'ec') {
      this.setConstant(vid, value);
      return;
    }
    this.vars.set(vid, value);
    const p = this.parts;
    if (typeof value !== 'number' || this.model.limits === undefined) return;
    // E30 4.2.4: each zone change of a monitored variable is reported with its limit event.
    for (const t of p.limits.update(vid, value)) {
      p.lastLimit = { vid: t.vid, limitId: t.limitId, transitionType: t.transitionType };
      void p.events.sendEvent(this.model.limits.ceid, false);
    }
  }

  private setConstant(ecid: number, value: Value): void {
    const why = this.vars.constantProblem(ecid, value);
    if (why !== undefined) {
      const name = this.vars.constant(ecid)?.name;
      throw new RangeError(`equipment constant ${name} (${ecid}): ${why}`);
    }
    // The path an accepted S2F15 takes: store, ChangedEcid, apply, tell the tool, persist, report.
    this.parts.ctx.constantsChanged(new Map([[ecid, value]]));
  }

  /** Equipment time, epoch ms (wall time plus the offset the host set with S2F31). */
  now(): number {
    return this.parts.time.now();
  }

  // ---- operator actions ------------------------------------------------------------------------

  /** Operator switches ONLINE: ATTEMPT ON-LINE, S1F1, then online or back offline. Resolves with the new state. */
  async operatorOnline(): Promise<ControlState> {
    const p = this.parts;
    const r = this.control.operatorOnline();
    if (!r.ok) return this.control.state;
    p.controlMoved(r);
    let ok = false;
    if (p.comm.state === 'communicating') {
      try {
        const reply = await p.sendPrimary(s1.s1f1());
        ok = reply !== undefined && reply.function === 2;
      } catch (err) {
        // No S1F2 (T3, link loss): the attempt failed (E30); a bug is not a failed attempt.
        if (isProgrammerError(err)) throw err;
        ok = false;
      }
    }
    p.controlMoved(this.control.attemptResult(ok));
    return this.control.state;
  }

  operatorOffline(): FireResult<string, string> {
    const r = this.control.operatorOffline();
    this.parts.controlMoved(r);
    return r;
  }

  /** The LOCAL/REMOTE switch. */
  setRemote(remote: boolean): void {
    const r = this.control.setRemote(remote);
    if (r !== undefined) this.parts.controlMoved(r);
    this.parts.persist();
  }

  /** Take a processing-state transition; reports its collection event. */
  processingEvent(event: string): ProcessingFireResult {
    const r = this.processing.fire(event);
    if (r.ok) {
      this.emit('processing-state', { from: r.value.from, to: r.value.to, event });
      if (r.value.ceid !== undefined) void this.parts.events.sendEvent(r.value.ceid, false);
    }
    return r;
  }

  /**
   * Report a collection event (S6F11 W) if communicating, online and enabled. Resolves when the host
   * acknowledged (true) or when nothing was sent (false); a report that went to the spool is on disk
   * by then.
   */
  async triggerEvent(ceid: number): Promise<boolean> {
    if (!this.model.events.some((e) => e.id === ceid)) throw new RangeError(`no collection event ${ceid}`);
    return this.parts.events.sendEvent(ceid, false);
  }

  /** Set an alarm: S5F1 (if enabled) and its set event. */
  async setAlarm(alid: number): Promise<void> {
    await this.parts.events.alarm(alid, true);
  }

  async clearAlarm(alid: number): Promise<void> {
    await this.parts.events.alarm(alid, false);
  }

  /**
   * Operator terminal request to the host (S10F1); resolves with ACKC10, or undefined if not sent
   * (with the link down it is spooled when S2F43 selected S10F1, E30 6.5, and on disk on return).
   */
  async terminalRequest(text: string): Promise<number | undefined> {
    const msg = s10f1(0, text);
    if (!this.parts.out.canSend()) {
      await this.parts.spoolIfDown(msg);
      return undefined;
    }
    const reply = await this.parts.sendSpoolable(msg);
    return reply === undefined ? undefined : s1.parseAck(reply.body);
  }
}
