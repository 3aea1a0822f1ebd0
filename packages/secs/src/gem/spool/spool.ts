// Durable spool (E30 6.5): primary messages the equipment could not send while the link was down.
//
// How the equipment uses it:
// - At start-up: `await Spool.open({ dir, ... })` on the store directory. If `countActual > 0` the
//   spool is active again (E30: spool state survives power loss).
// - S2F43: `await setStreams(request)` -> `{ ok }` or rejections carrying STRACK codes (RSPACK 1).
// - To send a primary while the link is not communicating: `isSpoolable(s, f)`; if so `append(msg)`
//   instead of sending (the caller tells the host nothing; S1 is never spooled).
// - S6F23 RSDC 0 with the link up: `startTransmit()` returns the RSDA; then loop
//   `m = await peek()`, send `m`, await the reply (S6F2/S6F12...), `await ack()`. `ack` durably
//   advances the head before the next message goes out, so a crash mid-delivery resends at most the
//   one message in flight. If the link drops, call `linkLost()` and stop the loop.
// - S6F23 RSDC 1: `await purge()` returns the RSDA.
// - SVs: `countActual`, `countTotal`, `startTime`, `fullTime` (epoch ms, format with gem-time).
//
// Nothing blocks the event loop (spool-files.ts: one queue of asynchronous file operations, group
// commit). A call decides at once (place, counts, state: two appends keep their order whatever their
// I/O does); its promise resolves once the change is on disk. After a failed write every later one
// rejects with the same StoreError (`io-error`); reopening the spool recovers from the files.

import { type OpenedSpoolFiles, SpoolFiles } from './spool-files.js';
import { endActivation, type SpoolMeta, startActivation } from './spool-meta.js';
import type { AppendResult, SpoolOptions } from './spool-options.js';
import { PendingRecords } from './spool-pending.js';
import { decodeRecord, encodeRecord, type SpoolMessage } from './spool-record.js';
import { createSpoolState, type SpoolStateName } from './spool-state.js';
import {
  checkSpoolStreams,
  isSpooled,
  type KnownMessages,
  type SpoolSelection,
  type SpoolStreamRequest,
  type StreamRejection,
  selectionFromJson,
  selectionToJson,
} from './spool-streams.js';

export type { AppendResult, SpoolOptions } from './spool-options.js';

/** S6F24 RSDA. */
export const RSDA = { ok: 0, busy: 1, noData: 2 } as const;

// Compact the segment (copy live records to a new generation) when this much is dead and it is more than
// half the file: bounds disk use under the overwrite policy without rewriting on every drop.
const COMPACT_MIN_DEAD = 64 * 1024;

/** The durable spool with its E30 state model; one instance per equipment. */
export class Spool {
  private readonly state;
  private readonly wallTime: () => number;
  private readonly isKnown: KnownMessages;
  private selection: SpoolSelection;
  private readonly pending = new PendingRecords();
  private transmitLeft = Number.POSITIVE_INFINITY;
  private inFlight = -1;
  private fullPolicy: 'overwrite' | 'stop';
  private readonly files: SpoolFiles;
  private readonly meta: SpoolMeta;

  private constructor(
    private readonly opts: SpoolOptions,
    { files, meta, records, headOffset }: OpenedSpoolFiles,
  ) {
    this.files = files;
    this.meta = meta;
    this.wallTime = opts.wallTime ?? Date.now;
    this.fullPolicy = opts.policy;
    this.isKnown = opts.isKnown ?? (() => true);
    this.selection = selectionFromJson(this.meta.streams);
    for (const r of records) {
      if (r.offset >= headOffset) this.pending.push(r.offset, r.size, r.seq);
      if (r.seq >= this.meta.nextSeq) this.meta.nextSeq = r.seq + 1;
    }
    this.state = createSpoolState(this.countActual > 0 ? 'active/not-full/no-output' : 'inactive');
    if (this.countActual > 0 && this.isFull()) this.state.fire('fill');
  }

  /** Open (or create) the spool in `opts.dir`, recovering from a torn last append. */
  static open(opts: SpoolOptions): Promise<Spool> {
    if (!(opts.maxMessages >= 1) || !(opts.maxBytes >= 1)) throw new RangeError('spool bounds must be >= 1');
    return SpoolFiles.open(opts.dir, opts.sync ?? true).then((opened) => new Spool(opts, opened));
  }

  /** E30 spool state (flattened, e.g. `active/full/transmit`). */
  get stateName(): SpoolStateName {
    return this.state.state;
  }

  /** SpoolCountActual: messages held now. */
  get countActual(): number {
    return this.pending.count;
  }

  /** SpoolCountTotal: messages directed to the spool since it became active (including overwritten/refused). */
  get countTotal(): number {
    return this.state.state === 'inactive' ? 0 : this.meta.nextSeq - this.meta.baseSeq + this.meta.refused;
  }

  /** Messages written to the spool since it became active: countTotal less those refused when full. */
  get countWritten(): number {
    return this.state.state === 'inactive' ? 0 : this.meta.nextSeq - this.meta.baseSeq;
  }

  /** SpoolStartTime (epoch ms) of the current activation, undefined when inactive. */
  get startTime(): number | undefined {
    return this.meta.startTime ?? undefined;
  }

  /** SpoolFullTime (epoch ms) of the current activation, undefined if it never filled. */
  get fullTime(): number | undefined {
    return this.meta.fullTime ?? undefined;
  }

  /** Bytes held (records with headers). */
  get bytesHeld(): number {
    return this.pending.bytes;
  }

  /** S2F43: replace the spooled stream/function set; resolves once it is persisted. */
  setStreams(
    req: readonly SpoolStreamRequest[],
  ): Promise<{ ok: true } | { ok: false; rejections: StreamRejection[] }> {
    const r = checkSpoolStreams(req, this.isKnown);
    if (!r.ok) return Promise.resolve(r);
    this.selection = r.selection;
    this.meta.streams = selectionToJson(r.selection);
    return this.saveMeta().then(() => ({ ok: true }));
  }

  /** The current S2F43 selection, as stored. */
  get streams(): SpoolStreamRequest[] {
    return selectionToJson(this.selection);
  }

  /** True when a primary `stream`/`fn` must be spooled while the link is down. */
  isSpoolable(stream: number, fn: number): boolean {
    return isSpooled(this.selection, stream, fn);
  }

  /**
   * Spool a primary message (call only while the link is down). Its place, the counts and the state
   * change at the call; the promise resolves once the message is on disk (it rejects with StoreError
   * when the write fails).
   */
  append(m: SpoolMessage): Promise<AppendResult> {
    if (this.files.failed !== undefined) return Promise.reject(this.files.failed);
    if (!this.isSpoolable(m.stream, m.function))
      return Promise.resolve({ spooled: false, reason: 'not-spoolable' });
    const rec = encodeRecord(this.meta.nextSeq, m);
    if (rec.length > this.opts.maxBytes) return Promise.resolve({ spooled: false, reason: 'too-large' });
    if (this.state.state === 'inactive') {
      this.state.fire('activate');
      startActivation(this.meta, this.wallTime());
      void this.saveMeta();
    }
    let overwritten = 0;
    if (this.wouldExceed(rec.length)) {
      this.markFull();
      if (this.fullPolicy === 'stop') {
        // Counted for SpoolCountTotal; persisted with the next state change or close, not per refusal.
        this.meta.refused++;
        return Promise.resolve({ spooled: false, reason: 'full' });
      }
      while (this.countActual > 0 && this.wouldExceed(rec.length)) {
        this.pending.dropOldest();
        overwritten++;
      }
      void this.moveHead();
    }
    // Delivered (partial transmits) and overwritten records leave dead bytes at the front.
    this.maybeCompact();
    const { offset, durable } = this.files.append(rec);
    this.pending.push(offset, rec.length, this.meta.nextSeq);
    this.meta.nextSeq++;
    if (this.isFull()) this.markFull();
    const result: AppendResult = { spooled: true, overwritten };
    return durable.then(() => result);
  }

  /**
   * S6F23 RSDC 0: begin delivery (the link must be up). `maxTransmit` is the MaxSpoolTransmit EC: after
   * that many acknowledged messages the transmission pauses until the next request (0 = no limit).
   * Returns the RSDA for S6F24.
   */
  startTransmit(maxTransmit = 0): number {
    if (this.countActual === 0) return RSDA.noData;
    if (this.state.peek('transmit') === undefined) return RSDA.busy;
    this.state.fire('transmit');
    this.transmitLeft = maxTransmit > 0 ? maxTransmit : Number.POSITIVE_INFINITY;
    return RSDA.ok;
  }

  /** The OverWriteSpool EC: change the policy at run time (held messages are kept). */
  setPolicy(policy: 'overwrite' | 'stop'): void {
    this.fullPolicy = policy;
  }

  /** The policy at the bound now (as opened, or as last set by `setPolicy`). */
  get policy(): 'overwrite' | 'stop' {
    return this.fullPolicy;
  }

  /** The next message to deliver (the one in flight until `ack`), or undefined when none is left. */
  async peek(): Promise<SpoolMessage | undefined> {
    const p = this.pending.oldest;
    if (p === undefined) return undefined;
    this.inFlight = p.seq;
    return decodeRecord(await this.files.read(p.offset, p.size)).message;
  }

  /**
   * The host acknowledged the message last returned by `peek`: mark it delivered at once, durably when
   * the promise resolves (await it before sending the next one).
   */
  ack(): Promise<void> {
    if (!this.state.state.endsWith('/transmit'))
      throw new TypeError(`spool ack in state ${this.state.state}`);
    // If the overwrite policy already dropped the message in flight, there is nothing more to drop.
    if (this.pending.oldest?.seq === this.inFlight) this.pending.dropOldest();
    if (this.countActual === 0) return this.finish();
    const moved = this.moveHead();
    if (--this.transmitLeft <= 0) this.state.fire('pause');
    return moved;
  }

  /** Delivery in order: yields each message; the caller must `await ack()` before asking for the next. */
  async *messages(): AsyncGenerator<SpoolMessage, void, void> {
    for (;;) {
      const before = this.countActual;
      const m = await this.peek();
      if (m === undefined || !this.state.state.endsWith('/transmit')) return;
      yield m;
      if (this.countActual === before) return; // not acknowledged: stop rather than resend
    }
  }

  /** The link dropped during delivery: stop transmitting, keep the rest. */
  linkLost(): void {
    if (this.state.state.endsWith('/transmit')) this.state.fire('link-lost');
  }

  /**
   * S6F23 RSDC 1: discard everything spooled (at once); resolves with the RSDA for S6F24 once the
   * purge is durable.
   */
  purge(): Promise<number> {
    if (this.countActual === 0) return Promise.resolve(RSDA.noData);
    const r = this.state.fire('purge');
    if (!r.ok) return Promise.resolve(RSDA.busy);
    return this.finish().then(() => RSDA.ok);
  }

  /** fdatasyncs of appends so far: with group commit, several appends share one. */
  get appendSyncs(): number {
    return this.files.appendSyncs;
  }

  /** Resolves once every operation asked for so far is on disk; rejects if one of them failed. */
  flush(): Promise<void> {
    return this.files.flush();
  }

  /** Write the spool document, wait for every operation asked for, close the files. */
  close(): Promise<void> {
    return this.files.close(this.meta);
  }

  // Queued after the appends before it, each of which is synced before it completes: a head never
  // points past records that are not on disk.
  private moveHead(): Promise<void> {
    return this.files.moveHead(this.headOffset());
  }

  private wouldExceed(size: number): boolean {
    return this.countActual + 1 > this.opts.maxMessages || this.pending.bytes + size > this.opts.maxBytes;
  }

  private isFull(): boolean {
    return this.countActual >= this.opts.maxMessages || this.pending.bytes >= this.opts.maxBytes;
  }

  private markFull(): void {
    if (this.state.peek('fill') === undefined) return;
    this.state.fire('fill');
    this.meta.fullTime = this.wallTime();
    void this.saveMeta();
  }

  private headOffset(): number {
    return this.pending.oldest?.offset ?? this.files.end;
  }

  /**
   * Everything delivered or purged: start an empty segment generation and go inactive. Resolves once
   * both the new generation and the spool document are durable (the queue runs them in order and
   * refuses the second if the first failed).
   */
  private finish(): Promise<void> {
    this.pending.clear();
    void this.files.restart(this.files.end);
    this.state.fire('emptied');
    endActivation(this.meta);
    return this.saveMeta();
  }

  private maybeCompact(): void {
    const dead = this.headOffset();
    const end = this.files.end;
    if (dead < (this.opts.compactMinBytes ?? COMPACT_MIN_DEAD) || dead * 2 < end) return;
    void this.files.restart(dead);
    this.pending.shiftOffsets(dead);
  }

  private saveMeta(): Promise<void> {
    return this.files.saveMeta(this.meta);
  }
}
