// The spool's files: the current segment (`spool-<generation>.seg`, append-only records), the head
// pointer naming it and the first undelivered record, and the `spool` document (spool-meta.ts).
// Opening recovers from a crash: a torn last record is cut off, a segment orphaned by an interrupted
// generation switch is removed.
//
// Every file operation is asynchronous and runs in one SerialQueue, in the order asked for; after a
// failure the queue refuses everything that follows (what is on disk no longer matches). The
// segment's logical end moves at once when an append is asked for (so offsets are known at the call);
// the bytes follow in order. Group commit: appends asked for while the queue is busy wait in one batch,
// written with one durable write (O_DSYNC; write + fdatasync where the platform lacks it), and every
// append of the batch is acknowledged after it. Delivery reads ahead: one read brings the next 64 KiB
// of records, so a message usually costs one trip to the thread pool (its head write), not two.

import { constants, type FileHandle, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory } from '../store/atomic-write.js';
import { DocumentStore } from '../store/document-store.js';
import { durableFlags, fileReadAt, type ReadAt, readFully, writeFully } from '../store/positional-io.js';
import { SerialQueue } from '../store/serial-queue.js';
import { StoreError } from '../store/store-error.js';
import { HeadFile } from './spool-head.js';
import { readMeta, type SpoolMeta, writeMeta } from './spool-meta.js';
import { type ScannedRecord, scanRecords } from './spool-record.js';

/** Wraps the positional reads of recovery (tests inject short reads); identity by default. */
export type ReadWrap = (read: ReadAt) => ReadAt;

// Bytes a delivery read brings in at once (more when a record is larger).
const READ_AHEAD = 64 * 1024;

/** Appends waiting for the queue: written together, synced once. */
interface AppendBatch {
  /** Segment offset of the first record. */
  readonly at: number;
  readonly records: Uint8Array[];
  bytes: number;
  /** `queue.enqueued` once the batch was queued: an append joins it only while nothing was queued since. */
  ticket: number;
  started: boolean;
  /** Resolves once the batch is on disk (after its fdatasync when syncing). */
  done: Promise<void>;
}

/** What opening the files found: the spool document, the intact records, where the undelivered start. */
export interface OpenedSpoolFiles {
  files: SpoolFiles;
  meta: SpoolMeta;
  records: ScannedRecord[];
  headOffset: number;
}

/** The files of one spool directory, and the queue their operations run in. */
export class SpoolFiles {
  private readonly io = new SerialQueue();
  private batch: AppendBatch | undefined;
  private durableWrites = 0;
  // Bytes read ahead from one generation: a later read inside them needs no trip to the disk.
  private ahead: { gen: number; at: number; bytes: Buffer } | undefined;
  // Syncing where O_DSYNC is missing: fdatasync after writing.
  private readonly datasync: boolean;

  private constructor(
    private readonly dir: string,
    private readonly sync: boolean,
    private readonly store: DocumentStore,
    private readonly head: HeadFile,
    private fh: FileHandle,
    private gen: number,
    private size: number,
  ) {
    this.datasync = sync && !durableFlags(sync).dsync;
  }

  /**
   * Open (or create) the files in `dir`. Reads loop until every byte is read: a short read is not the
   * end of the file. `readWrap` wraps the reads of recovery (tests inject short reads).
   */
  static async open(dir: string, sync: boolean, readWrap: ReadWrap = (r) => r): Promise<OpenedSpoolFiles> {
    const store = await DocumentStore.open(dir, { sync });
    const meta = await readMeta(store);
    const head = await HeadFile.open(join(dir, 'spool-head.bin'), sync, readWrap);
    const h = head.initial ?? { generation: 0, offset: 0 };
    // A crash between creating the next generation and moving the head leaves an orphan after it; a
    // crash before deleting the previous one leaves that.
    await rm(segmentPath(dir, h.generation + 1), { force: true });
    if (h.generation > 0) await rm(segmentPath(dir, h.generation - 1), { force: true });
    await (await open(segmentPath(dir, h.generation), 'a')).close();
    const fh = await open(segmentPath(dir, h.generation), durableFlags(sync).flags);
    let scan: { records: ScannedRecord[]; validEnd: number };
    try {
      const buf = Buffer.alloc((await fh.stat()).size);
      const got = await readFully(readWrap(fileReadAt(fh)), buf, 0);
      scan = scanRecords(buf.subarray(0, got));
      if (scan.validEnd < buf.length) await fh.truncate(scan.validEnd); // torn last append
    } catch (err) {
      await Promise.all([fh.close(), head.close()]);
      throw err;
    }
    const { records, validEnd } = scan;
    if (h.offset > validEnd || (h.offset < validEnd && !records.some((r) => r.offset === h.offset))) {
      await Promise.all([fh.close(), head.close()]);
      throw new StoreError(
        'corrupt-document',
        'spool-head',
        `spool head offset ${h.offset} is not a record start`,
      );
    }
    return {
      files: new SpoolFiles(dir, sync, store, head, fh, h.generation, validEnd),
      meta,
      records,
      headOffset: h.offset,
    };
  }

  /** The first failed operation, after which every operation is refused. */
  get failed(): Error | undefined {
    return this.io.failed;
  }

  /** Bytes in the current segment, appends asked for included. */
  get end(): number {
    return this.size;
  }

  /** Durable writes of appended records so far (group commit makes them far fewer than the appends). */
  get appendSyncs(): number {
    return this.durableWrites;
  }

  /**
   * Append one encoded record. Its offset is fixed now; `durable` resolves once it is on disk (after
   * the fdatasync it shares with the other appends of its batch, when syncing).
   */
  append(rec: Uint8Array): { offset: number; durable: Promise<void> } {
    const at = this.size;
    this.size += rec.length;
    let b = this.batch;
    if (b === undefined || b.started || b.ticket !== this.io.enqueued) {
      const batch: AppendBatch = {
        at,
        records: [],
        bytes: 0,
        ticket: 0,
        started: false,
        done: Promise.resolve(),
      };
      batch.done = this.run('append', () => this.writeBatch(batch));
      batch.ticket = this.io.enqueued;
      this.batch = batch;
      b = batch;
    }
    b.records.push(rec);
    b.bytes += rec.length;
    return { offset: at, durable: b.done };
  }

  /**
   * Read `size` bytes at `offset` (after the appends asked for before), reading ahead. Bytes of a
   * generation never change once written, so what was read ahead stays valid until the next switch.
   */
  read(offset: number, size: number): Promise<Buffer> {
    const a = this.ahead;
    if (a !== undefined && a.gen === this.gen && offset >= a.at && offset + size <= a.at + a.bytes.length)
      return Promise.resolve(Buffer.from(a.bytes.subarray(offset - a.at, offset - a.at + size)));
    const gen = this.gen;
    return this.run('read', async () => {
      const buf = Buffer.alloc(Math.max(size, READ_AHEAD));
      const got = await readFully(fileReadAt(this.fh), buf, offset);
      if (got < size)
        throw new StoreError(
          'corrupt-document',
          'spool',
          `spool segment ends at ${offset + got}, record to ${offset + size}`,
        );
      this.ahead = { gen, at: offset, bytes: buf.subarray(0, got) };
      return Buffer.from(buf.subarray(0, size));
    });
  }

  /** Move the head (first undelivered record) within the current segment; resolves once durable. */
  moveHead(offset: number): Promise<void> {
    const h = { generation: this.gen, offset };
    return this.run('head write', () => this.head.write(h));
  }

  /**
   * Continue in a new segment holding the records from `keepFrom` to the end (the live ones; the end
   * keeps nothing). The new file is written first, then the head moves to it, then the old file goes:
   * at every step the head names a complete segment. Resolves once done.
   */
  restart(keepFrom: number): Promise<void> {
    const from = this.gen;
    const to = from + 1;
    const length = this.size - keepFrom;
    this.gen = to;
    this.size = length;
    return this.run('generation switch', async () => {
      const content = Buffer.alloc(length);
      if (length > 0 && (await readFully(fileReadAt(this.fh), content, keepFrom)) < length)
        throw new StoreError(
          'corrupt-document',
          'spool',
          `spool segment ${from} is shorter than its records`,
        );
      const fh = await open(
        segmentPath(this.dir, to),
        durableFlags(this.sync, constants.O_CREAT | constants.O_TRUNC).flags,
      );
      try {
        await writeFully(fh, content, 0);
        if (this.datasync) await fh.datasync();
        // The new file's name must be on disk before the head names it.
        if (this.sync) await fsyncDirectory(this.dir);
        await this.head.write({ generation: to, offset: 0 });
      } catch (err) {
        await fh.close();
        throw err;
      }
      const old = this.fh;
      this.fh = fh;
      await old.close();
      await rm(segmentPath(this.dir, from), { force: true });
    });
  }

  /**
   * Replace the spool document with `meta` as it is now, in its turn; may be left unawaited (a failure
   * stays in the queue and refuses what follows).
   */
  saveMeta(meta: SpoolMeta): Promise<void> {
    const snapshot = structuredClone(meta);
    return this.run('document write', () => writeMeta(this.store, snapshot));
  }

  /** Resolves once every operation asked for so far is done; rejects if one of them failed. */
  flush(): Promise<void> {
    return this.io.settled();
  }

  /** Write `meta`, wait for every operation asked for, close the files. */
  async close(meta: SpoolMeta): Promise<void> {
    void this.saveMeta(meta);
    try {
      await this.io.settled();
    } finally {
      await Promise.all([this.fh.close(), this.head.close()]);
    }
  }

  /**
   * Queue `op`. A failure becomes a StoreError `io-error` naming the operation; the promise may be
   * left unawaited (the queue keeps the failure and refuses what follows).
   */
  private run<T>(what: string, op: () => Promise<T>): Promise<T> {
    const result = this.io.run(async () => {
      try {
        return await op();
      } catch (err) {
        if (err instanceof StoreError) throw err;
        const text = err instanceof Error ? err.message : String(err);
        throw new StoreError('io-error', 'spool', `spool ${what} in ${this.dir}: ${text}`, { cause: err });
      }
    });
    result.catch(() => {});
    return result;
  }

  private async writeBatch(b: AppendBatch): Promise<void> {
    b.started = true;
    if (this.batch === b) this.batch = undefined;
    const bytes = b.records.length === 1 ? b.records[0]! : Buffer.concat(b.records, b.bytes);
    await writeFully(this.fh, bytes, b.at);
    if (this.datasync) await this.fh.datasync();
    if (this.sync) this.durableWrites++;
  }
}

function segmentPath(dir: string, g: number): string {
  return join(dir, `spool-${g}.seg`);
}
