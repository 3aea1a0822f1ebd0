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
//   one message in flight. If the link drops, call `linkLost()` and stop the loop. With a window
//   (`transmitWindow`, spool-link.ts): `next(seq)` gives the message after the last one sent while
//   `mayTransmit(inFlight)`, and `ackSeq(seq)` acknowledges each in order as its reply comes.
// - S6F23 RSDC 1: `await purge()` returns the RSDA.
// - SVs: `countActual`, `countTotal`, `startTime`, `fullTime` (epoch ms, format with gem-time).
//
// Nothing blocks the event loop (spool-files.ts: one queue of asynchronous file operations, group
// commit). A call decides at once (place, counts, state: two appends keep their order whatever their
// I/O does); its promise resolves once the change is on disk. Memory is bounded whatever the rate of
// appends: at most `maxPendingAppends` / `maxPendingBytes` of records wait for the disk (spool-held.ts).
//
// Failures: `append`, `setStreams`, `purge` and `startTransmit` never reject; after a file operation
// failed the spool is failed: `failed` holds the StoreError, `onFailure` listeners hear of it once,
// the records not yet on disk are dropped, new messages are refused (`storage-failed`), S6F23 gets
// RSDA 1 and S2F43 STRACK 1, and what is on disk stays there for the next open. `peek`, `ack` and
// `flush` reject with the failure (their callers await them).

import { StoreError } from '../store/store-error.js';
import { SpoolBounds } from './spool-bounds.js';
import { SpoolFiles } from './spool-files.js';
import type { HeldRecords } from './spool-held.js';
import { endActivation, type SpoolMeta, startActivation } from './spool-meta.js';
import type { AppendResult, SpoolOptions, SpoolStats } from './spool-options.js';
import { decodeRecord, encodeRecord, type SpoolMessage } from './spool-record.js';
import { createSpoolState, type SpoolStateName } from './spool-state.js';
import {
  checkSpoolStreams,
  isSpooled,
  type KnownMessages,
  notAllowed,
  type SpoolSelection,
  type SpoolStreamRequest,
  type StreamRejection,
  selectionFromJson,
  selectionToJson,
} from './spool-streams.js';

export type { AppendResult, SpoolOptions, SpoolStats } from './spool-options.js';

/** S6F24 RSDA. */
export const RSDA = { ok: 0, busy: 1, noData: 2 } as const;

const answer = (r: AppendResult): Promise<AppendResult> => Promise.resolve(r);

/** The durable spool with its E30 state model; one instance per equipment. */
export class Spool {
  private readonly state;
  private readonly wallTime: () => number;
  private readonly isKnown: KnownMessages;
  private selection: SpoolSelection;
  private readonly held: HeldRecords;
  private transmitLeft = Number.POSITIVE_INFINITY;
  private inFlight = -1;
  /** Messages a delivery keeps in flight (SpoolOptions.transmitWindow). */
  readonly transmitWindow: number;
  private fullPolicy: 'overwrite' | 'stop';
  private readonly counts = { droppedUnwritten: 0, refusedBacklog: 0, refusedFailed: 0 };
  private readonly failureListeners = new Set<(err: StoreError) => void>();
  private closed = false;

  private constructor(
    opts: SpoolOptions,
    private readonly bounds: SpoolBounds,
    private readonly files: SpoolFiles,
    private readonly meta: SpoolMeta,
  ) {
    this.held = files.held;
    this.transmitWindow = opts.transmitWindow ?? 16;
    if (!Number.isInteger(this.transmitWindow) || this.transmitWindow < 1)
      throw new RangeError(`spool transmitWindow must be a positive integer, not ${opts.transmitWindow}`);
    this.wallTime = opts.wallTime ?? Date.now;
    this.fullPolicy = opts.policy;
    this.isKnown = opts.isKnown ?? (() => true);
    this.selection = selectionFromJson(this.meta.streams);
    this.state = createSpoolState(this.countActual > 0 ? 'active/not-full/no-output' : 'inactive');
    if (this.countActual > 0 && bounds.isFull(this.held)) this.state.fire('fill');
    files.onFailure = (err) => {
      for (const fn of this.failureListeners) fn(err);
    };
  }

  /** Open (or create) the spool in `opts.dir`, recovering from a torn last append. */
  static open(opts: SpoolOptions): Promise<Spool> {
    const bounds = new SpoolBounds(opts);
    return SpoolFiles.open(opts.dir, bounds.files(opts)).then(
      ({ files, meta }) => new Spool(opts, bounds, files, meta),
    );
  }

  /** E30 spool state (flattened, e.g. `active/full/transmit`). */
  get stateName(): SpoolStateName {
    return this.state.state;
  }

  /** SpoolCountActual: messages held now. */
  get countActual(): number {
    return this.held.count;
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
    return this.held.bytes;
  }

  /** What waits in memory for the disk, and what was dropped or refused since the spool was opened. */
  get stats(): SpoolStats {
    const h = this.held;
    return {
      pendingAppends: h.pendingAppends,
      pendingBytes: h.pendingBytes,
      peakPendingAppends: h.peakPendingAppends,
      peakPendingBytes: h.peakPendingBytes,
      ...this.counts,
    };
  }

  /** The first storage failure, after which the spool refuses new messages; undefined while healthy. */
  get failed(): StoreError | undefined {
    return this.files.failed;
  }

  /** Hear of the first storage failure (once, after the call that met it). Returns the unsubscribe. */
  onFailure(fn: (err: StoreError) => void): () => void {
    this.failureListeners.add(fn);
    return () => this.failureListeners.delete(fn);
  }

  /** S2F43: replace the spooled stream/function set; resolves once it is persisted. */
  setStreams(
    req: readonly SpoolStreamRequest[],
  ): Promise<{ ok: true } | { ok: false; rejections: StreamRejection[] }> {
    const refused = { ok: false as const, rejections: notAllowed(req) };
    if (this.unusable()) return Promise.resolve(refused);
    const r = checkSpoolStreams(req, this.isKnown);
    if (!r.ok) return Promise.resolve(r);
    this.selection = r.selection;
    this.meta.streams = selectionToJson(r.selection);
    return this.saveMeta().then(
      () => ({ ok: true }),
      () => refused,
    );
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
   * change at the call; the promise resolves once the message is on disk, or with why it was not
   * spooled (it never rejects).
   */
  append(m: SpoolMessage): Promise<AppendResult> {
    if (this.closed) return answer({ spooled: false, reason: 'closed' });
    if (this.failed !== undefined) {
      this.counts.refusedFailed++;
      return answer({ spooled: false, reason: 'storage-failed' });
    }
    if (!this.isSpoolable(m.stream, m.function)) return answer({ spooled: false, reason: 'not-spoolable' });
    const rec = encodeRecord(this.meta.nextSeq, m);
    if (this.bounds.tooLarge(rec.length)) return answer({ spooled: false, reason: 'too-large' });
    if (this.state.state === 'inactive') {
      this.state.fire('activate');
      startActivation(this.meta, this.wallTime());
      void this.saveMeta();
    }
    const overwrite = this.fullPolicy === 'overwrite';
    const { bounds, held } = this;
    if (!overwrite && bounds.wouldExceed(held, rec.length)) {
      this.markFull();
      // Counted for SpoolCountTotal; persisted with the next state change or close, not per refusal.
      this.meta.refused++;
      return answer({ spooled: false, reason: 'full' });
    }
    let overwritten = 0;
    // Writes behind by the pending bound: the overwrite policy gives up the oldest not yet written.
    while (overwrite && bounds.pendingWouldExceed(held, rec.length) && held.dropOldestWaiting()) {
      overwritten++;
      this.counts.droppedUnwritten++;
    }
    if (bounds.pendingWouldExceed(held, rec.length)) {
      this.meta.refused++;
      this.counts.refusedBacklog++;
      return answer({ spooled: false, reason: 'backlog' });
    }
    let headMoves = false;
    if (bounds.wouldExceed(held, rec.length)) {
      this.markFull();
      while (held.count > 0 && bounds.wouldExceed(held, rec.length)) {
        if (held.dropOldest() === 'placed') headMoves = true;
        overwritten++;
      }
    }
    const seq = this.meta.nextSeq++;
    const appended = held.push(seq, rec, overwritten);
    this.files.write(seq);
    if (headMoves) void this.files.moveHead();
    // Delivered (partial transmits) and overwritten records leave dead bytes at the front.
    void this.files.switchGeneration(false);
    if (bounds.isFull(held)) this.markFull();
    return appended;
  }

  /**
   * S6F23 RSDC 0: begin delivery (the link must be up). `maxTransmit` is the MaxSpoolTransmit EC: after
   * that many acknowledged messages the transmission pauses until the next request (0 = no limit).
   * Returns the RSDA for S6F24 (busy when the spool failed).
   */
  startTransmit(maxTransmit = 0): number {
    if (this.unusable()) return RSDA.busy;
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
    const m = await this.next(undefined);
    if (m !== undefined) this.inFlight = m.seq;
    return m?.message;
  }

  /**
   * The held message after sequence number `seq` (the oldest when undefined), with its sequence number;
   * undefined when none is held after it. Dropped and compacted away while read: the next one.
   */
  async next(seq: number | undefined): Promise<{ seq: number; message: SpoolMessage } | undefined> {
    let after = seq;
    for (;;) {
      const p = this.held.after(after);
      if (p === undefined || this.closed) return undefined;
      const bytes = p.bytes ?? (await this.files.read(p));
      if (bytes !== undefined) return { seq: p.seq, message: decodeRecord(bytes).message };
      after = p.seq;
    }
  }

  /**
   * Whether a delivery with `inFlight` messages sent and not yet acknowledged may send one more: in
   * the transmit state and within what MaxSpoolTransmit leaves of this transmission.
   */
  mayTransmit(inFlight: number): boolean {
    return this.state.state.endsWith('/transmit') && this.transmitLeft > inFlight;
  }

  /**
   * The host acknowledged the message last returned by `peek`: mark it delivered at once, durably when
   * the promise resolves (await it before sending the next one).
   */
  ack(): Promise<void> {
    return this.ackSeq(this.inFlight);
  }

  /**
   * The host acknowledged message `seq` (from `next`), the oldest one in flight: mark it delivered at
   * once, durably when the promise resolves.
   */
  ackSeq(seq: number): Promise<void> {
    if (!this.state.state.endsWith('/transmit'))
      throw new TypeError(`spool ack in state ${this.state.state}`);
    // If the overwrite policy already dropped the message in flight, there is nothing more to drop.
    if (this.held.oldest?.seq === seq) this.held.dropOldest();
    if (this.countActual === 0) return this.finish();
    const moved = this.files.moveHead();
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
   * purge is durable (busy when the spool failed).
   */
  purge(): Promise<number> {
    if (this.unusable()) return Promise.resolve(RSDA.busy);
    if (this.countActual === 0) return Promise.resolve(RSDA.noData);
    const r = this.state.fire('purge');
    if (!r.ok) return Promise.resolve(RSDA.busy);
    return this.finish().then(
      () => RSDA.ok,
      () => RSDA.busy,
    );
  }

  /** fdatasyncs of appends so far: with group commit, several appends share one. */
  get appendSyncs(): number {
    return this.files.appendSyncs;
  }

  /** Resolves once every operation asked for so far is on disk; rejects if one of them failed. */
  flush(): Promise<void> {
    return this.files.flush();
  }

  /**
   * Write the spool document, wait for every operation asked for, close the files; later calls are
   * refused (`closed`). Resolves once the files are closed, after a failure too (it was reported
   * through `onFailure` and stays in `failed`).
   */
  close(): Promise<void> {
    this.closed = true;
    return this.files.close(this.meta).catch((err: unknown) => {
      if (!(err instanceof StoreError) || err !== this.failed) throw err;
    });
  }

  private unusable(): boolean {
    return this.closed || this.failed !== undefined;
  }

  private markFull(): void {
    if (this.state.peek('fill') === undefined) return;
    this.state.fire('fill');
    this.meta.fullTime = this.wallTime();
    void this.saveMeta();
  }

  /**
   * Everything delivered or purged: start an empty segment generation and go inactive. Resolves once
   * both the new generation and the spool document are durable (the queue runs them in order and
   * refuses the second if the first failed).
   */
  private finish(): Promise<void> {
    this.held.clear();
    void this.files.switchGeneration(true);
    this.state.fire('emptied');
    endActivation(this.meta);
    return this.saveMeta();
  }

  private saveMeta(): Promise<void> {
    return this.files.saveMeta(this.meta);
  }
}
