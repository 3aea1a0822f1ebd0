// The host's side of the equipment's primaries: each is decoded, handed to the application as a typed
// event, and acknowledged as E5 wants (S6F12, S5F2, S6F2, S10F2, S1F14, S1F2, S2F18); S9 messages are
// reported and end the request they name; anything else with W is aborted with SxF0.

import { formatIssues } from '@bondline/core';
import type { HandlerResult } from '../../hsms/message-handler.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { OutgoingMessage } from '../../hsms/session-types.js';
import type { HsmsMessage } from '../../hsms/transactions.js';
import type { Item } from '../../item/item.js';
import { readBody } from '../../item/reader.js';
import { formatGemTime } from '../equipment/gem-time.js';
import { ACKC5, ACKC6, ACKC10, COMMACK } from '../messages/acks.js';
import * as s1 from '../messages/s1.js';
import * as s2c from '../messages/s2-constants.js';
import * as tr from '../messages/s2-s6-trace.js';
import * as s5 from '../messages/s5-alarms.js';
import * as s6 from '../messages/s6-events.js';
import { parseS9Header } from '../messages/s9-errors.js';
import * as s10 from '../messages/s10-terminal.js';
import type { AckGate, DataPrimary, GemHostEvents, HostEvent } from './host-events.js';
import { type PlainValue, plainValue } from './plain-value.js';

/** What answering the equipment's primaries needs from the host. */
export interface PrimaryPort {
  emit<K extends keyof GemHostEvents>(event: K, arg: GemHostEvents[K]): void;
  /** A primary that could not be decoded (reported as an 'error' event). */
  badPrimary(text: string): void;
  hostEvent(e: s6.EventReport): HostEvent;
  traceSamples(t: tr.TraceData): Record<string, PlainValue>[];
  /** The host's time, epoch ms (S2F18). */
  now(): number;
  /** An S9 arrived (with this session id): end the request its header names. */
  s9(fn: number, header: Uint8Array | undefined, sessionId: number): void;
  /** Set when the application decides when data primaries are acknowledged (see AckGate). */
  readonly ackGate: AckGate | undefined;
}

/** The reply `ok` once the gate (if any) lets it go; none when the gate says no. */
function afterGate(
  port: PrimaryPort,
  primary: DataPrimary,
  ok: OutgoingMessage,
): OutgoingMessage | Promise<OutgoingMessage | undefined> {
  const gate = port.ackGate;
  if (gate === undefined) return ok;
  return gate(primary).then((go) => (go ? ok : undefined));
}

export function answerPrimary(port: PrimaryPort, m: HsmsMessage): HandlerResult | Promise<HandlerResult> {
  const key = `S${m.stream}F${m.function}`;
  const d = toSecsMessage(m);
  if (!d.ok) {
    port.badPrimary(`${key}: ${formatIssues(d.issues)}`);
    // A host sends no S9: a W primary it cannot decode is aborted (SxF0) rather than left to T3.
    return m.wBit ? { stream: m.stream, function: 0 } : undefined;
  }
  const body = d.value.body;
  const read = <T>(parse: (b: Item | undefined) => T): T | undefined => {
    const r = readBody(body, (b) => parse(b.item));
    if (r.ok) return r.value;
    port.badPrimary(`${key}: ${formatIssues(r.issues)}`);
    return undefined;
  };
  switch (key) {
    case 'S6F11': {
      const e = read(s6.parseEventReport);
      if (e === undefined) return toOutgoing(s6.s6f12(ACKC6.error));
      const event = port.hostEvent(e);
      port.emit('event', event);
      return afterGate(port, { kind: 'event', event }, toOutgoing(s6.s6f12(ACKC6.ok)));
    }
    case 'S5F1': {
      const a = read(s5.parseS5f1);
      if (a === undefined) return toOutgoing(s5.s5f2(ACKC5.error));
      const alarm = { ...a, set: (a.alcd & 0x80) !== 0 };
      port.emit('alarm', alarm);
      return afterGate(port, { kind: 'alarm', alarm }, toOutgoing(s5.s5f2(ACKC5.ok)));
    }
    case 'S6F1': {
      const t = read(tr.parseS6f1);
      if (t === undefined) return toOutgoing(tr.s6f2(ACKC6.error));
      const trace = { ...t, samples: port.traceSamples(t) };
      port.emit('trace', trace);
      return afterGate(port, { kind: 'trace', trace }, toOutgoing(tr.s6f2(ACKC6.ok)));
    }
    case 'S10F1': {
      const t = read(s10.parseTerminalText);
      if (t !== undefined) port.emit('terminal', t);
      return toOutgoing(s10.s10Ack(2, t === undefined ? ACKC10.notDisplayed : ACKC10.accepted));
    }
    case 'S1F13':
      return toOutgoing(s1.s1f14(COMMACK.accepted));
    case 'S1F1':
      return toOutgoing(s1.s1f2());
    case 'S2F17': // E30 clock: the equipment may ask the host for the time to synchronize with
      return toOutgoing(s2c.s2f18(formatGemTime(port.now())));
    default:
      if (m.stream === 9) {
        port.s9(m.function, s9Header(body), m.sessionId);
        return undefined;
      }
      // E5: SxF0 aborts a transaction we cannot handle.
      return m.wBit ? { stream: m.stream, function: 0 } : undefined;
  }
}

/** An S6F11/S6F16 body as the application sees it: values keyed by the names learned. */
export function hostEvent(
  e: s6.EventReport,
  names: {
    reportVids: ReadonlyMap<number, number[]>;
    vidNames: ReadonlyMap<number, string>;
    ceidNames: ReadonlyMap<number, string>;
  },
): HostEvent {
  const values: Record<string, PlainValue> = {};
  for (const r of e.reports) {
    const vids = names.reportVids.get(r.rptid) ?? [];
    r.values.forEach((item, i) => {
      const vid = vids[i];
      const key = vid === undefined ? `R${r.rptid}[${i}]` : (names.vidNames.get(vid) ?? `V${vid}`);
      values[key] = plainValue(item);
    });
  }
  return {
    ceid: e.ceid,
    name: names.ceidNames.get(e.ceid) ?? `CE${e.ceid}`,
    dataId: e.dataId,
    values,
    reports: e.reports.map((r) => ({ rptid: r.rptid, items: r.values })),
  };
}

/** Split an S6F1's flat value list into one record per sample, keyed by name. */
export function traceSamples(
  t: tr.TraceData,
  vids: readonly number[],
  vidNames: ReadonlyMap<number, string>,
): Record<string, PlainValue>[] {
  const out: Record<string, PlainValue>[] = [];
  if (vids.length === 0) return out;
  for (let i = 0; i + vids.length <= t.values.length; i += vids.length) {
    const rec: Record<string, PlainValue> = {};
    vids.forEach((v, j) => {
      rec[vidNames.get(v) ?? `V${v}`] = plainValue(t.values[i + j]!);
    });
    out.push(rec);
  }
  return out;
}

/** The MHEAD (SHEAD) of an S9 body: a 10-byte binary item, undefined when it is not one. */
export function s9Header(body: Item | undefined): Uint8Array | undefined {
  const h = readBody(body, (b) => parseS9Header(b.item));
  return h.ok && h.value.length === 10 ? h.value : undefined;
}
