// The spool's files: the current segment (`spool-<generation>.seg`, append-only records) and the head
// pointer naming it and the first undelivered record. Opening recovers from a crash: a torn last record
// is cut off, a segment orphaned by an interrupted generation switch is removed.

import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../store/store-error.js';
import { HeadFile } from './spool-head.js';
import { type ScannedRecord, scanRecords } from './spool-record.js';

/** The segment file and head pointer of one spool directory. */
export class SpoolSegment {
  private constructor(
    private readonly dir: string,
    private readonly sync: boolean,
    private readonly head: HeadFile,
    private fd: number,
    private gen: number,
    private size: number,
  ) {}

  /** Open the files in `dir`; also returns the intact records and where the undelivered ones start. */
  static open(
    dir: string,
    sync: boolean,
  ): { segment: SpoolSegment; records: ScannedRecord[]; headOffset: number } {
    const head = HeadFile.open(join(dir, 'spool-head.bin'), sync);
    const h = head.initial ?? { generation: 0, offset: 0 };
    // A crash between creating the next generation and moving the head leaves an orphan after it; a
    // crash before deleting the previous one leaves that.
    rmSync(segmentPath(dir, h.generation + 1), { force: true });
    if (h.generation > 0) rmSync(segmentPath(dir, h.generation - 1), { force: true });
    closeSync(openSync(segmentPath(dir, h.generation), 'a'));
    const fd = openSync(segmentPath(dir, h.generation), 'r+');
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(size);
    if (size > 0) readSync(fd, buf, 0, size, 0);
    const { records, validEnd } = scanRecords(buf);
    if (validEnd < size) ftruncateSync(fd, validEnd); // torn last append
    if (h.offset > validEnd || (h.offset < validEnd && !records.some((r) => r.offset === h.offset))) {
      closeSync(fd);
      head.close();
      throw new StoreError(
        'corrupt-document',
        'spool-head',
        `spool head offset ${h.offset} is not a record start`,
      );
    }
    return {
      segment: new SpoolSegment(dir, sync, head, fd, h.generation, validEnd),
      records,
      headOffset: h.offset,
    };
  }

  /** Bytes in the current segment. */
  get end(): number {
    return this.size;
  }

  /** Append one encoded record; returns its offset. Durable on return when `sync` and not `deferSync`. */
  append(rec: Uint8Array, deferSync = false): number {
    const at = this.size;
    let off = 0;
    while (off < rec.length) off += writeSync(this.fd, rec, off, rec.length - off, at + off);
    if (this.sync && !deferSync) fdatasyncSync(this.fd);
    this.size += rec.length;
    return at;
  }

  /** Make deferred appends durable. */
  flush(): void {
    if (this.sync) fdatasyncSync(this.fd);
  }

  /** Read `size` bytes at `offset`. */
  read(offset: number, size: number): Buffer {
    const buf = Buffer.alloc(size);
    readSync(this.fd, buf, 0, size, offset);
    return buf;
  }

  /** Durably move the head (first undelivered record) within the current segment. */
  moveHead(offset: number): void {
    this.head.write({ generation: this.gen, offset });
  }

  /**
   * Continue in a new segment holding `content` (the live records, or nothing). The new file is written
   * first, then the head moves to it, then the old file goes: at every step the head names a complete
   * segment.
   */
  restart(content: Uint8Array): void {
    const next = this.gen + 1;
    const fd = openSync(segmentPath(this.dir, next), 'w+');
    let off = 0;
    while (off < content.length) off += writeSync(fd, content, off, content.length - off, off);
    if (this.sync) fdatasyncSync(fd);
    this.head.write({ generation: next, offset: 0 });
    closeSync(this.fd);
    rmSync(segmentPath(this.dir, this.gen), { force: true });
    this.fd = fd;
    this.gen = next;
    this.size = content.length;
  }

  close(): void {
    closeSync(this.fd);
    this.head.close();
  }
}

function segmentPath(dir: string, g: number): string {
  return join(dir, `spool-${g}.seg`);
}
