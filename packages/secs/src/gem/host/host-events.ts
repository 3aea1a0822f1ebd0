// What a GemHost hands its application: decoded event reports, the equipment primaries it emits,
// and the typed failure of a request.

import type { Item } from '../../item/item.js';
import type * as tr from '../messages/s2-s6-trace.js';
import type * as s5 from '../messages/s5-alarms.js';
import type { PlainValue } from './plain-value.js';
import { type S9Reason, s9Reason } from './s9-answer.js';

/** An event report as the host application sees it. */
export interface HostEvent {
  ceid: number;
  /** CENAME from S1F24, or `CE<ceid>` when not learned. */
  name: string;
  /** DATAID as the equipment sent it: an integer, or text (E5 allows both). */
  dataId: number | string;
  /** Every reported value keyed by variable name (or `V<vid>` when the VID is unknown). */
  values: Record<string, PlainValue>;
  reports: { rptid: number; items: Item[] }[];
}

/** An alarm report (S5F1) as the host application sees it. */
export type HostAlarm = s5.AlarmReport & { set: boolean };
/** Trace data (S6F1) as the host application sees it. */
export type HostTrace = tr.TraceData & { samples: Record<string, PlainValue>[] };

/** An equipment primary that carries data (S6F11, S5F1, S6F1), for a host that acknowledges it late. */
export type DataPrimary =
  | { kind: 'event'; event: HostEvent }
  | { kind: 'alarm'; alarm: HostAlarm }
  | { kind: 'trace'; trace: HostTrace };

/**
 * When to acknowledge a data primary: its reply (S6F12, S5F2, S6F2, ack 0) is sent once the promise
 * resolves true, none when it resolves false (the link that carried it is gone, or the host is
 * closing; the equipment keeps what it did not get acknowledged, E30 6.5). A host that acknowledges
 * only what it has made durable (the fab's collector) waits here for its store. A rejection is a bug:
 * it is reported as the session's handler error and nothing is sent.
 */
export type AckGate = (primary: DataPrimary) => Promise<boolean>;

export interface GemHostEvents {
  event: HostEvent;
  alarm: HostAlarm;
  /** S6F1 trace data; `samples` splits the flat value list into one record per sample, keyed by name. */
  trace: HostTrace;
  terminal: { terminal: number; text: string };
  /**
   * An S9 error message from the equipment: its function, the header it reports (MHEAD, or SHEAD for
   * S9F9), and the session id it came with (for S9F1, the equipment's own device id). Emitted for
   * every S9, including one that ended a request (which then also rejects with GemHostError
   * `rejected`).
   */
  'error-message': { function: number; header: Uint8Array | undefined; sessionId: number };
  /** A primary from the equipment that could not be decoded or read (`code` `bad-primary`). */
  error: GemHostError;
}

/**
 * A typed failure of a host request: the reply had an unexpected form (`bad-reply`), was SxF0
 * (`aborted`), did not come (`no-reply`), or the equipment answered with an S9 whose MHEAD names the
 * request (`rejected`; `s9` the S9 function, `s9Reason` what it means) and will send no reply. On the
 * `error` event: an equipment primary that could not be decoded or read (`bad-primary`).
 */
export class GemHostError extends Error {
  override readonly name = 'GemHostError';
  constructor(
    readonly code: 'bad-reply' | 'aborted' | 'no-reply' | 'rejected' | 'bad-primary',
    message: string,
    readonly s9?: number,
  ) {
    super(message);
  }

  /** For `rejected`: what the S9 says (`unrecognized-device-id` for S9F1, ...). */
  get s9Reason(): S9Reason | undefined {
    return this.s9 === undefined ? undefined : s9Reason(this.s9)?.reason;
  }
}
