// GemHost: the host side of GEM on one HSMS session. A typed method per capability; equipment
// primaries (events, alarms, terminal requests, S9 errors) are acknowledged and emitted as decoded
// objects. Event values are keyed by the names the equipment declared, learned with `learnNames`.

import { formatIssues } from '@bondline/core';
import { TypedEmitter } from '../../hsms/events.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { Item } from '../../item/item.js';
import { readBody } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { PPGNT } from '../messages/acks.js';
import * as s1 from '../messages/s1.js';
import * as s2c from '../messages/s2-constants.js';
import * as lm from '../messages/s2-limits.js';
import * as s2x from '../messages/s2-remote.js';
import * as s2r from '../messages/s2-reports.js';
import * as sp from '../messages/s2-s6-spool.js';
import * as tr from '../messages/s2-s6-trace.js';
import * as s5 from '../messages/s5-alarms.js';
import * as s6 from '../messages/s6-events.js';
import * as s7 from '../messages/s7-recipes.js';
import * as s10 from '../messages/s10-terminal.js';
import { type AckGate, GemHostError, type GemHostEvents, type HostEvent } from './host-events.js';
import { answerPrimary, hostEvent, type PrimaryPort, s9Header, traceSamples } from './host-primaries.js';
import { type PlainValue, plainValue } from './plain-value.js';
import { headerKey, headerSystemBytes, s9Discards, s9Reason } from './s9-answer.js';

export {
  type AckGate,
  type DataPrimary,
  GemHostError,
  type GemHostEvents,
  type HostAlarm,
  type HostEvent,
  type HostTrace,
} from './host-events.js';

export class GemHost extends TypedEmitter<GemHostEvents> {
  /** Names learned from the equipment (VID -> name for SVs, DVs and ECs; CEID -> name). */
  readonly vidNames = new Map<number, string>();
  readonly ceidNames = new Map<number, string>();
  /** Report definitions this host sent (RPTID -> VIDs), to name the values of events. */
  readonly reportVids = new Map<number, number[]>();
  private dataId = 0;
  private readonly traceVids = new Map<string, number[]>();

  private readonly wallClock: () => number;

  /**
   * @param options.wallClock the host's time (epoch ms) it answers the equipment's S2F17 with
   * @param options.ackGate when to acknowledge S6F11, S5F1 and S6F1 (default: at once, as received)
   */
  constructor(
    readonly session: HsmsSession,
    options: { wallClock?: () => number; ackGate?: AckGate } = {},
  ) {
    super();
    this.wallClock = options.wallClock ?? Date.now;
    const port: PrimaryPort = {
      emit: (event, arg) => this.emit(event, arg),
      badPrimary: (text) => this.emit('error', new GemHostError('bad-primary', text)),
      hostEvent: (e) => this.toHostEvent(e),
      traceSamples: (t) => traceSamples(t, this.traceVids.get(String(t.trid)) ?? [], this.vidNames),
      now: () => this.wallClock(),
      s9: (fn, header, sessionId) => this.s9(fn, header, sessionId),
      ackGate: options.ackGate,
    };
    session.onMessage((m) => answerPrimary(port, m));
    // E5: equipment that does not know our device id answers S9F1 under its own, which the session
    // hands on as a message for an unknown device rather than to the handler.
    session.on('unknown-device', ({ message: m }) => {
      if (m.stream !== 9 || m.wBit) return;
      const d = toSecsMessage(m);
      this.s9(m.function, d.ok ? s9Header(d.value.body) : undefined, m.sessionId);
    });
  }

  /** An S9 from the equipment: reported, and the request its MHEAD names ended at once (not at T3). */
  private s9(fn: number, header: Uint8Array | undefined, sessionId: number): void {
    this.emit('error-message', { function: fn, header, sessionId });
    const meaning = s9Reason(fn);
    if (header === undefined || meaning === undefined || !s9Discards(fn)) return;
    const own = this.session.config.sessionId;
    const detail =
      fn === 1 && sessionId !== own
        ? `; the equipment is device ${sessionId}, this host uses device id ${own}`
        : '';
    const text = `equipment answered ${headerKey(header)} (system bytes ${headerSystemBytes(header)}) with S9F${fn} (${meaning.text})${detail}`;
    this.session.discard(header, new GemHostError('rejected', text, fn));
  }

  /** Send a primary and decode the reply; SxF0 (abort) becomes GemHostError 'aborted'. */
  async request(msg: SecsMessage): Promise<SecsMessage> {
    const reply = await this.session.send(toOutgoing(msg));
    if (reply === undefined)
      throw new GemHostError('no-reply', `S${msg.stream}F${msg.function} has no reply`);
    if (reply.function === 0)
      throw new GemHostError(
        'aborted',
        `equipment aborted S${msg.stream}F${msg.function} (S${reply.stream}F0)`,
      );
    const r = toSecsMessage(reply);
    if (!r.ok)
      throw new GemHostError('bad-reply', `S${reply.stream}F${reply.function}: ${formatIssues(r.issues)}`);
    return r.value;
  }

  private async ask<T>(msg: SecsMessage, parse: (b: Item | undefined) => T): Promise<T> {
    const reply = await this.request(msg);
    const r = readBody(reply.body, (b) => parse(b.item));
    if (!r.ok)
      throw new GemHostError('bad-reply', `S${reply.stream}F${reply.function}: ${formatIssues(r.issues)}`);
    return r.value;
  }

  // ---- S1 --------------------------------------------------------------------------------------

  /** S1F13: establish communications; resolves with COMMACK and the equipment's identity. */
  establishCommunications(): Promise<{ commack: number; identity: s1.Identity | undefined }> {
    return this.ask(s1.s1f13(), s1.parseS1f14);
  }
  /** S1F1: are you there. */
  areYouThere(): Promise<s1.Identity | undefined> {
    return this.ask(s1.s1f1(), s1.parseIdentity);
  }
  /** S1F17: request online; ONLACK. */
  requestOnline(): Promise<number> {
    return this.ask(s1.s1f17(), s1.parseAck);
  }
  /** S1F15: request offline; OFLACK. */
  requestOffline(): Promise<number> {
    return this.ask(s1.s1f15(), s1.parseAck);
  }

  /** S1F11 + S1F21 + S2F29 + S1F23: learn every variable and event name. */
  async learnNames(): Promise<void> {
    for (const e of await this.statusNames()) this.vidNames.set(e.id, e.name);
    for (const e of await this.dataNames()) this.vidNames.set(e.id, e.name);
    for (const e of await this.constantNames()) this.vidNames.set(e.ecid, e.name);
    for (const e of await this.eventNames()) this.ceidNames.set(e.ceid, e.name);
  }
  statusNames(svids: readonly number[] = []): Promise<s1.NameEntry[]> {
    return this.ask(s1.s1f11(svids), s1.parseS1f12);
  }
  dataNames(vids: readonly number[] = []): Promise<s1.NameEntry[]> {
    return this.ask(s1.s1f21(vids), s1.parseS1f22);
  }
  eventNames(ceids: readonly number[] = []): Promise<s1.EventNameEntry[]> {
    return this.ask(s1.s1f23(ceids), s1.parseS1f24);
  }

  /** S1F3: status values by id or learned name, keyed as asked. Unknown SVIDs read as an empty list. */
  async readStatus(keys: readonly (number | string)[]): Promise<Record<string, PlainValue>> {
    const ids = keys.map((k) => this.vid(k));
    const items = await this.ask(s1.s1f3(ids), s1.parseS1f4);
    if (items.length !== ids.length)
      throw new GemHostError('bad-reply', `S1F4: ${items.length} values for ${ids.length} SVIDs`);
    return Object.fromEntries(keys.map((k, i) => [String(k), plainValue(items[i]!)]));
  }
  /** S1F3 raw: items in request order. */
  readStatusItems(svids: readonly number[]): Promise<Item[]> {
    return this.ask(s1.s1f3(svids), s1.parseS1f4);
  }

  // ---- S2 --------------------------------------------------------------------------------------

  /** S2F13: equipment constants by id or name. */
  async readConstants(keys: readonly (number | string)[]): Promise<Record<string, PlainValue>> {
    const ids = keys.map((k) => this.vid(k));
    const items = await this.ask(s2c.s2f13(ids), s2c.parseS2f14);
    return Object.fromEntries(
      keys.map((k, i) => [String(k), plainValue(items[i] ?? { format: 'L', value: [] })]),
    );
  }
  /** S2F15: set constants (all or none); EAC. Values are items of the constant's type. */
  setConstants(values: readonly { ecid: number | string; value: Item }[]): Promise<number> {
    return this.ask(s2c.s2f15(values.map((v) => ({ ecid: this.vid(v.ecid), value: v.value }))), s1.parseAck);
  }
  /** S2F29: constant namelist with limits and defaults. */
  constantNames(ecids: readonly number[] = []): Promise<s2c.ConstantNameEntry[]> {
    return this.ask(s2c.s2f29(ecids), s2c.parseS2f30);
  }
  /**
   * S2F17: equipment time as the equipment's TimeFormat (ECID TimeFormat) gives it: 12 characters
   * (YYMMDDhhmmss), 16 (YYYYMMDDhhmmsscc) or the extended ISO 8601 form; returned as received.
   */
  getTime(): Promise<string> {
    return this.ask(s2c.s2f17(), s2c.parseTime);
  }
  /** S2F31: set the equipment time; TIACK. */
  setTime(time: string): Promise<number> {
    return this.ask(s2c.s2f31(time), s1.parseAck);
  }
  /** S2F33: define reports (VIDs by id or name); DRACK. An empty list deletes all. */
  async defineReports(
    reports: readonly { rptid: number; vids: readonly (number | string)[] }[],
  ): Promise<number> {
    const defs = reports.map((r) => ({ rptid: r.rptid, vids: r.vids.map((v) => this.vid(v)) }));
    const drack = await this.ask(s2r.s2f33(this.nextDataId(), defs), s1.parseAck);
    if (drack === 0) {
      if (defs.length === 0) this.reportVids.clear();
      for (const d of defs) {
        if (d.vids.length === 0) this.reportVids.delete(d.rptid);
        else this.reportVids.set(d.rptid, d.vids);
      }
    }
    return drack;
  }
  /** S2F35: link reports to events; LRACK. */
  linkEvents(links: readonly s2r.EventLink[]): Promise<number> {
    return this.ask(s2r.s2f35(this.nextDataId(), links), s1.parseAck);
  }
  /** S2F37: enable/disable events (empty = all); ERACK. */
  enableEvents(enable: boolean, ceids: readonly number[] = []): Promise<number> {
    return this.ask(s2r.s2f37(enable, ceids), s1.parseAck);
  }
  /** S2F41: remote command; HCACK and CPACKs. */
  command(rcmd: string, params: readonly s2x.CommandParam[] = []): Promise<s2x.CommandReply> {
    return this.ask(s2x.s2f41({ rcmd, params: params.slice() }), s2x.parseCommandReply);
  }
  /** S2F49: enhanced remote command. */
  enhancedCommand(
    objspec: string,
    rcmd: string,
    params: readonly s2x.CommandParam[] = [],
  ): Promise<s2x.CommandReply> {
    return this.ask(
      s2x.s2f49({ dataId: this.nextDataId(), objspec, rcmd, params: params.slice() }),
      s2x.parseCommandReply,
    );
  }

  // ---- S5, S6 ----------------------------------------------------------------------------------

  /** S5F3: enable or disable one alarm (or all when `alid` is omitted); ACKC5. */
  enableAlarm(enable: boolean, alid?: number): Promise<number> {
    return this.ask(s5.s5f3(enable, alid), s1.parseAck);
  }
  /** S5F5: list alarms (empty = all). */
  listAlarms(alids: readonly number[] = []): Promise<s5.AlarmReport[]> {
    return this.ask(s5.s5f5(alids), s5.parseAlarmList);
  }
  /** S5F7: list enabled alarms. */
  listEnabledAlarms(): Promise<s5.AlarmReport[]> {
    return this.ask(s5.s5f7(), s5.parseAlarmList);
  }
  /** S6F15: the event's report now, decoded like an S6F11. */
  async requestEventReport(ceid: number): Promise<HostEvent> {
    return this.toHostEvent(await this.ask(s6.s6f15(ceid), s6.parseEventReport));
  }
  /** S6F19: one report's values now. */
  requestReport(rptid: number): Promise<Item[]> {
    return this.ask(s6.s6f19(rptid), s6.parseS6f20);
  }

  /** S2F23: start (TOTSMP > 0) or stop (TOTSMP 0) a trace; TIAACK. SVIDs by id or learned name. */
  async defineTrace(
    t: Omit<tr.TraceInit, 'svids'> & { svids: readonly (number | string)[] },
  ): Promise<number> {
    const svids = t.svids.map((v) => this.vid(v));
    // Known before the reply: the first S6F1 may be read before this continuation runs.
    const key = String(t.trid);
    const before = this.traceVids.get(key);
    this.traceVids.set(key, svids);
    const tiaack = await this.ask(tr.s2f23({ ...t, svids }), s1.parseAck).catch((err: unknown) => {
      this.restoreTrace(key, before);
      throw err;
    });
    if (tiaack !== 0) this.restoreTrace(key, before);
    return tiaack;
  }

  /** S2F45: define (or with no deadband, delete) variable limits; VLAACK and rejections. */
  defineLimits(vars: readonly lm.VariableLimits[]): Promise<lm.LimitsReply> {
    return this.ask(lm.s2f45(this.nextDataId(), vars), lm.parseS2f46);
  }
  /** S2F47: limit attributes of variables (empty = all that support limits). */
  limitAttributes(vids: readonly number[] = []): Promise<lm.LimitAttributesEntry[]> {
    return this.ask(lm.s2f47(vids), lm.parseS2f48);
  }

  /** S2F43: choose the streams/functions the equipment spools (empty list = spooling off). */
  setSpoolStreams(streams: readonly sp.StreamFunctions[]): Promise<sp.SpoolReply> {
    return this.ask(sp.s2f43(streams), sp.parseS2f44);
  }
  /** S6F23 RSDC 0: have the spooled messages sent (they arrive as ordinary events/alarms); RSDA. */
  transmitSpool(): Promise<number> {
    return this.ask(sp.s6f23(0), s1.parseAck);
  }
  /** S6F23 RSDC 1: discard the spooled messages; RSDA. */
  purgeSpool(): Promise<number> {
    return this.ask(sp.s6f23(1), s1.parseAck);
  }

  // ---- S7, S10 ---------------------------------------------------------------------------------

  /** S7F1 then S7F3: upload a process program to the equipment. Resolves with PPGNT or ACKC7. */
  async uploadRecipe(ppid: string, body: Uint8Array): Promise<{ ppgnt: number; ackc7?: number }> {
    const ppgnt = await this.ask(s7.s7f1(ppid, body.length), s1.parseAck);
    if (ppgnt !== PPGNT.ok) return { ppgnt };
    return { ppgnt, ackc7: await this.ask(s7.s7f3(ppid, body), s1.parseAck) };
  }
  /** S7F3 alone (small programs need no grant); ACKC7. */
  sendRecipe(ppid: string, body: Uint8Array): Promise<number> {
    return this.ask(s7.s7f3(ppid, body), s1.parseAck);
  }
  /** S7F5: the program's body, undefined when the equipment has none. */
  async downloadRecipe(ppid: string): Promise<Uint8Array | undefined> {
    return (await this.ask(s7.s7f5(ppid), s7.parseS7f6))?.body;
  }
  /** S7F19: the equipment's PPIDs. */
  listRecipes(): Promise<string[]> {
    return this.ask(s7.s7f19(), s7.parsePpidList);
  }
  /** S7F17: delete programs (empty = all); ACKC7. */
  deleteRecipes(ppids: readonly string[]): Promise<number> {
    return this.ask(s7.s7f17(ppids), s1.parseAck);
  }
  /** S10F3 / S10F5: show text on the equipment's terminal; ACKC10. */
  display(lines: readonly string[], terminal = 0): Promise<number> {
    return lines.length === 1
      ? this.ask(s10.s10f3(terminal, lines[0]!), s1.parseAck)
      : this.ask(s10.s10f5(terminal, lines), s1.parseAck);
  }

  // ---- event decoding, names, DATAID ------------------------------------------------------------

  private toHostEvent(e: s6.EventReport): HostEvent {
    return hostEvent(e, this);
  }

  private restoreTrace(key: string, svids: number[] | undefined): void {
    if (svids === undefined) this.traceVids.delete(key);
    else this.traceVids.set(key, svids);
  }

  private vid(k: number | string): number {
    if (typeof k === 'number') return k;
    for (const [id, name] of this.vidNames) if (name === k) return id;
    throw new RangeError(`unknown variable name '${k}' (call learnNames first)`);
  }

  private nextDataId(): number {
    this.dataId = (this.dataId + 1) >>> 0;
    return this.dataId;
  }
}
