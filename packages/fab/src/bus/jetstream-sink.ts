// The RecordSink of the scaled layout: a collector's records go to the stream as messages, and the
// write resolves only when JetStream has acknowledged every message (stored it, on disk with file
// storage), the moment the collector may answer the tool. Store writers take them from there.
import { issue, ok, type Result } from '@bondline/core';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { RecordSink, SinkIssueCode } from '../pipeline/seams.js';
import { batchRows, DEFAULT_SLICE_ROWS, MAX_BATCH_RECORDS } from '../store/record-rows.js';
import type { FabRecord } from '../store/records.js';
import { messageId } from './message-id.js';
import { encodeRecords } from './record-codec.js';
import { idToken } from './subject-token.js';

type SinkResult = Result<void, SinkIssueCode>;

export interface JetStreamSinkOptions {
  /** Records in one message at most. Default 1000. */
  readonly maxMessageRecords?: number;
  /** How long to wait for JetStream's acknowledgement of a message, ms. Default 10,000. */
  readonly publishTimeoutMs?: number;
}

/** Subject token of a write whose records name no single tool (the fab's configuration, several tools). */
const NO_TOOL_TOKEN = '_';

const turn = () => new Promise((r) => setImmediate(r));

export class JetStreamSink implements RecordSink {
  readonly #js: JetStreamClient;
  readonly #prefix: string;
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  readonly #timeout: number;
  #closed = false;

  /** `maxPayloadBytes`: the server's limit on a message (its INFO `max_payload`). */
  constructor(
    js: JetStreamClient,
    subjectPrefix: string,
    maxPayloadBytes: number,
    options: JetStreamSinkOptions = {},
  ) {
    this.#js = js;
    this.#prefix = subjectPrefix;
    this.#maxRecords = options.maxMessageRecords ?? 1000;
    this.#timeout = options.publishTimeoutMs ?? 10_000;
    // Room for the headers (Nats-Msg-Id) beside the body.
    this.#maxBytes = maxPayloadBytes - 1024;
    if (!Number.isSafeInteger(this.#maxRecords) || this.#maxRecords < 1) {
      throw new RangeError(`maxMessageRecords ${this.#maxRecords} is not a positive integer`);
    }
  }

  /**
   * Check the records as the store will (a bad record is `sink-rejected` now, not lost later), publish
   * them on `<prefix>.<tool>` (the tool the records name, `_` when they name none or several) in
   * messages of at most `maxMessageRecords`, and resolve once JetStream acknowledged every message.
   * Records of one write stay together up to that size, so a tool's lot, pairs and results arrive in
   * one store batch. `sink-unavailable` when NATS or the stream did not acknowledge: retry the write
   * (a message stored twice is dropped by its Nats-Msg-Id within the duplicate window, and the store
   * ignores a record it has).
   */
  async write(records: readonly FabRecord[]): Promise<SinkResult> {
    if (this.#closed) return { ok: false, issues: [issue('sink-closed', 'the sink is closed')] };
    if (records.length === 0) return ok(undefined);
    for (let i = 0; i < records.length; i += MAX_BATCH_RECORDS) {
      const checked = await batchRows(records.slice(i, i + MAX_BATCH_RECORDS), DEFAULT_SLICE_ROWS, turn);
      if (checked.issues.length > 0) {
        const shifted = checked.issues.map((x) =>
          issue('sink-rejected', shiftIndex(x.message, i), shiftIndex(x.path ?? '', i) || undefined),
        );
        return { ok: false, issues: shifted };
      }
    }
    const subject = `${this.#prefix}.${subjectToken(records)}`;
    const bodies: { records: readonly FabRecord[]; bytes: Uint8Array }[] = [];
    for (let i = 0; i < records.length; i += this.#maxRecords)
      this.#encode(records.slice(i, i + this.#maxRecords), bodies);
    const huge = bodies.find((b) => b.bytes.length > this.#maxBytes);
    if (huge !== undefined) {
      const why = `a ${huge.records[0]?.type ?? ''} record encodes to ${huge.bytes.length} bytes, more than a message holds (${this.#maxBytes})`;
      return { ok: false, issues: [issue('sink-rejected', why)] };
    }
    try {
      await Promise.all(
        bodies.map((b) =>
          this.#js.publish(subject, b.bytes, { msgID: messageId(b.records), timeout: this.#timeout }),
        ),
      );
    } catch (e) {
      if (this.#closed)
        return { ok: false, issues: [issue('sink-closed', 'the sink was closed while publishing')] };
      return {
        ok: false,
        issues: [issue('sink-unavailable', `JetStream did not acknowledge the records: ${String(e)}`)],
      };
    }
    return ok(undefined);
  }

  /** Writes after this answer `sink-closed`; the connection belongs to the bus. */
  close(): void {
    this.#closed = true;
  }

  // Halve a message until its body fits under the server's payload limit.
  #encode(records: readonly FabRecord[], out: { records: readonly FabRecord[]; bytes: Uint8Array }[]): void {
    const bytes = encodeRecords(records);
    if (bytes.length <= this.#maxBytes || records.length === 1) {
      out.push({ records, bytes });
      return;
    }
    const half = Math.ceil(records.length / 2);
    this.#encode(records.slice(0, half), out);
    this.#encode(records.slice(half), out);
  }
}

function subjectToken(records: readonly FabRecord[]): string {
  let tool: string | undefined;
  for (const r of records) {
    if (!('toolId' in r)) continue;
    if (tool === undefined) tool = r.toolId;
    else if (tool !== r.toolId) return NO_TOOL_TOKEN;
  }
  return tool === undefined ? NO_TOOL_TOKEN : idToken(tool);
}

// An issue of chunk `offset` names its record by the write's index: records[3] → records[100003].
function shiftIndex(text: string, offset: number): string {
  return offset === 0
    ? text
    : text.replace(/records\[(\d+)\]/g, (_, n: string) => `records[${Number(n) + offset}]`);
}
