// The spool's files: the current segment (`spool-<generation>.seg`, append-only records), the head
// pointer naming it and the first undelivered record, and the `spool` document (spool-meta.ts);
// opening them is spool-recover.ts.
//
// Every file operation is asynchronous and runs in one SerialQueue, one at a time, in the order asked
// for: a generation switch never overlaps an append, a read or a head write. After a failure the queue
// refuses everything that follows (what is on disk no longer matches), the records not yet on disk are
// dropped with their appends answered `storage-failed`, and `onFailure` hears of it once.
//
// Each operation reads the held records (spool-held.ts) when it runs, not when it was asked for, so
// the queue stays a few operations long whatever the rate of appends:
// - a write takes the records appended while it waited and places them at the segment's end (group
//   commit: one write and one fdatasync for all of them, at most half the pending bound each);
// - a head write records the oldest held record on disk, or the end when none is; one not yet
//   started serves every move asked for meanwhile;
// - a generation switch (compaction, or emptying) copies the held records on disk into a new segment.
// Delivery reads ahead: one read brings the next 64 KiB of records, so a message usually costs one trip
// to the thread pool (its head write), not two.

import { constants, type FileHandle, open, rm } from 'node:fs/promises';
import { fsyncDirectory } from '@bondline/core';
import type { DocumentStore } from '../store/document-store.js';
import { copyFully, durableFlags, fileReadAt, readFully, writeFully } from '../store/positional-io.js';
import { SerialQueue } from '../store/serial-queue.js';
import { StoreError } from '../store/store-error.js';
import type { HeadFile } from './spool-head.js';
import { type HeldRecord, HeldRecords } from './spool-held.js';
import { type SpoolMeta, writeMeta } from './spool-meta.js';
import { recoverSpool, segmentPath } from './spool-recover.js';

// Bytes a delivery read brings in at once (more when a record is larger).
const READ_AHEAD = 64 * 1024;

/** How the files behave (spool-options.ts). */
export interface SpoolFilesOptions {
  /** Durable writes (O_DSYNC, or write + fdatasync), fsync of the directory on a generation switch. */
  sync: boolean;
  /** Dead bytes at the segment front before a compaction is worth it (it also needs > half the file). */
  compactMinBytes: number;
  /** Most records and bytes one write takes. */
  writeMaxRecords: number;
  writeMaxBytes: number;
}

/** An operation waiting in the queue that later requests may join until it starts. */
interface Joinable {
  started: boolean;
  done: Promise<void>;
}

/** The files of one spool directory, the records held, and the queue their operations run in. */
export class SpoolFiles {
  private readonly io = new SerialQueue();
  private durableWrites = 0;
  private failure: StoreError | undefined;
  private closing: Promise<void> | undefined;
  // Bytes read ahead: positions never change meaning (the stream only grows), so they stay valid.
  private ahead: { at: number; bytes: Buffer } | undefined;
  // Syncing where O_DSYNC is missing: fdatasync after writing.
  private readonly datasync: boolean;
  // The write still open to new records: joined while nothing else was queued after it.
  private openWrite: { upTo: number; ticket: number; started: boolean } | undefined;
  private headOp: Joinable | undefined;
  private switchOp: (Joinable & { force: boolean }) | undefined;
  private lastHead: { generation: number; offset: number };
  /** Told once, with the first failure. */
  onFailure: ((err: StoreError) => void) | undefined;

  private constructor(
    private readonly dir: string,
    private readonly opts: SpoolFilesOptions,
    private readonly store: DocumentStore,
    private readonly head: HeadFile,
    private fh: FileHandle,
    private gen: number,
    /** Stream position of the current segment's byte 0. */
    private base: number,
    /** Stream position where the next write goes (the end of what writes placed). */
    private end: number,
    readonly held: HeldRecords,
  ) {
    this.datasync = opts.sync && !durableFlags(opts.sync).dsync;
    this.lastHead = { generation: gen, offset: 0 };
  }

  /** Open (or create) the files in `dir`; the held records are the undelivered ones found there. */
  static async open(dir: string, opts: SpoolFilesOptions): Promise<{ files: SpoolFiles; meta: SpoolMeta }> {
    const r = await recoverSpool(dir, opts.sync);
    const held = new HeldRecords();
    for (const rec of r.records) {
      if (rec.offset >= r.headOffset) held.recover(rec.seq, rec.size, rec.offset);
      // Sequence numbers never repeat, delivered records' included (the document is not written per append).
      if (rec.seq >= r.meta.nextSeq) r.meta.nextSeq = rec.seq + 1;
    }
    const files = new SpoolFiles(dir, opts, r.store, r.head, r.fh, r.generation, 0, r.validEnd, held);
    files.lastHead = { generation: r.generation, offset: r.headOffset };
    return { files, meta: r.meta };
  }

  /** The first failed operation, after which every operation is refused. */
  get failed(): StoreError | undefined {
    return this.failure;
  }

  /** Durable writes of appended records so far (group commit makes them far fewer than the appends). */
  get appendSyncs(): number {
    return this.durableWrites;
  }

  /** Bytes of the current segment, as placed by writes so far. */
  get segmentBytes(): number {
    return this.end - this.base;
  }

  /**
   * Write the records appended so far, up to sequence `upTo`, in their turn: joins the write waiting
   * at the tail of the queue if nothing was queued after it. Their appends are answered as they land.
   */
  write(upTo: number): void {
    const w = this.openWrite;
    if (w !== undefined && !w.started && w.ticket === this.io.enqueued) {
      w.upTo = upTo;
      return;
    }
    const op = { upTo, ticket: 0, started: false };
    void this.run('append', () => this.writeRecords(op));
    op.ticket = this.io.enqueued;
    this.openWrite = op;
  }

  /** Record the head (the oldest held record on disk) in its turn; resolves once durable. */
  moveHead(): Promise<void> {
    const h = this.headOp;
    if (h !== undefined && !h.started) return h.done;
    const op: Joinable = { started: false, done: Promise.resolve() };
    op.done = this.run('head write', async () => {
      op.started = true;
      await this.writeHead();
    });
    this.headOp = op;
    return op.done;
  }

  /**
   * Continue in a new segment generation holding only the held records, in its turn: when compaction
   * is worth it (dead bytes at the front), or always with `force` (the spool was emptied). Resolves
   * once the new generation is in place.
   */
  switchGeneration(force: boolean): Promise<void> {
    const s = this.switchOp;
    if (s !== undefined && !s.started) {
      s.force ||= force;
      return s.done;
    }
    if (!force && !this.worthCompacting()) return Promise.resolve();
    const op = { started: false, force, done: Promise.resolve() };
    op.done = this.run('generation switch', async () => {
      op.started = true;
      // Decided again now: a switch just before this one may have compacted already.
      if (op.force || this.worthCompacting()) await this.copyToNextGeneration();
    });
    this.switchOp = op;
    return op.done;
  }

  /**
   * The bytes of held record `r` (placed by a write), in its turn, reading ahead; undefined if it was
   * dropped and compacted away meanwhile.
   */
  read(r: HeldRecord): Promise<Buffer | undefined> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const a = this.ahead;
    if (a !== undefined && r.pos >= a.at && r.pos + r.size <= a.at + a.bytes.length)
      return Promise.resolve(Buffer.from(a.bytes.subarray(r.pos - a.at, r.pos - a.at + r.size)));
    return this.run('read', async () => {
      if (r.pos < this.base) return undefined;
      const buf = Buffer.alloc(Math.max(r.size, READ_AHEAD));
      const got = await readFully(fileReadAt(this.fh), buf, r.pos - this.base);
      if (got < r.size)
        throw new StoreError(
          'corrupt-document',
          'spool',
          `spool segment ends at ${r.pos - this.base + got}, record to ${r.pos - this.base + r.size}`,
        );
      this.ahead = { at: r.pos, bytes: buf.subarray(0, got) };
      return Buffer.from(buf.subarray(0, r.size));
    });
  }

  /** Replace the spool document with `meta` as it is now, in its turn; resolves once durable. */
  saveMeta(meta: SpoolMeta): Promise<void> {
    const snapshot = structuredClone(meta);
    return this.run('document write', () => writeMeta(this.store, snapshot));
  }

  /** Resolves once every operation asked for so far is done; rejects if one of them failed. */
  flush(): Promise<void> {
    return this.io.settled();
  }

  /**
   * Write `meta` (unless failed), wait for every operation asked for, close the files; again, the same
   * promise. Rejects with the failure, if any.
   */
  close(meta: SpoolMeta): Promise<void> {
    this.closing ??= (async () => {
      if (this.failure === undefined) void this.saveMeta(meta);
      try {
        await this.io.settled();
      } finally {
        await Promise.all([this.fh.close(), this.head.close()]);
      }
    })();
    return this.closing;
  }

  /**
   * Queue `op`. A failure becomes a StoreError `io-error` naming the operation (or stays the
   * StoreError it was); the promise may be left unawaited (the queue keeps the failure and refuses
   * what follows).
   */
  private run<T>(what: string, op: () => Promise<T>): Promise<T> {
    const result = this.io.run(async () => {
      try {
        return await op();
      } catch (err) {
        const e =
          err instanceof StoreError
            ? err
            : new StoreError('io-error', 'spool', `spool ${what} in ${this.dir}: ${message(err)}`, {
                cause: err,
              });
        this.fail(e);
        throw e;
      }
    });
    result.catch(() => {});
    return result;
  }

  private fail(e: StoreError): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    this.held.failPending();
    const tell = this.onFailure;
    // Outside the failing operation: a listener's own error is its own, not the queue's.
    if (tell !== undefined) queueMicrotask(() => tell(e));
  }

  private async writeRecords(op: { upTo: number; started: boolean }): Promise<void> {
    op.started = true;
    if (this.openWrite === op) this.openWrite = undefined;
    const { writeMaxRecords, writeMaxBytes } = this.opts;
    for (;;) {
      const batch = this.held.take(op.upTo, writeMaxRecords, writeMaxBytes, this.end);
      const last = batch[batch.length - 1];
      if (last === undefined) return;
      const at = this.end - this.base;
      this.end = last.pos + last.size;
      const bytes =
        batch.length === 1 && last.bytes !== undefined
          ? last.bytes
          : Buffer.concat(batch.map((r) => r.bytes ?? new Uint8Array()));
      try {
        await writeFully(this.fh, bytes, at);
        if (this.datasync) await this.fh.datasync();
      } catch (err) {
        this.held.failPending(batch);
        throw err;
      }
      if (this.opts.sync) this.durableWrites++;
      this.held.written(batch);
    }
  }

  private async writeHead(): Promise<void> {
    const h = { generation: this.gen, offset: (this.held.oldestPlaced?.pos ?? this.end) - this.base };
    if (h.generation === this.lastHead.generation && h.offset === this.lastHead.offset) return;
    await this.head.write(h);
    this.lastHead = h;
  }

  private worthCompacting(): boolean {
    const dead = (this.held.oldestPlaced?.pos ?? this.end) - this.base;
    return dead >= this.opts.compactMinBytes && dead * 2 >= this.segmentBytes;
  }

  // The new file is written first, then the head moves to it, then the old file goes: at every step
  // the head names a complete segment.
  private async copyToNextGeneration(): Promise<void> {
    const keepFrom = this.held.oldestPlaced?.pos ?? this.end;
    const from = this.gen;
    const to = from + 1;
    const fh = await open(
      segmentPath(this.dir, to),
      durableFlags(this.opts.sync, constants.O_CREAT | constants.O_TRUNC).flags,
    );
    try {
      await copyFully(this.fh, keepFrom - this.base, this.end - keepFrom, fh, 0);
      if (this.datasync) await fh.datasync();
      // The new file's name must be on disk before the head names it.
      if (this.opts.sync) await fsyncDirectory(this.dir);
      await this.head.write({ generation: to, offset: 0 });
    } catch (err) {
      await fh.close();
      throw err;
    }
    const old = this.fh;
    this.fh = fh;
    this.gen = to;
    this.base = keepFrom;
    this.lastHead = { generation: to, offset: 0 };
    await old.close();
    await rm(segmentPath(this.dir, from), { force: true });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
