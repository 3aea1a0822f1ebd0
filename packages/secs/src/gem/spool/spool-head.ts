// The spool head pointer: which segment file is current and where its first undelivered record starts.
// Kept in a small file of two 32-byte slots written alternately in place, each with a write counter and
// a CRC-32: a crash while writing one slot leaves the other (the previous head) intact, and the reader
// takes the valid slot with the higher counter. One positional write per acknowledged message, durable on
// return (O_DSYNC, or a write + fdatasync where the platform lacks it), asynchronous (the spool runs it
// in its queue of file operations, after the appends before it).

import { type FileHandle, open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { durableFlags, fileReadAt, type ReadAt, readFully, writeFully } from '../store/positional-io.js';

export interface SpoolHead {
  /** Segment file number (`spool-<generation>.seg`). */
  generation: number;
  /** Byte offset of the first undelivered record in that segment. */
  offset: number;
}

const MAGIC = 0x424c5348; // 'BLSH'
const VERSION = 1;
const SLOT = 32;

function encodeSlot(epoch: number, h: SpoolHead): Buffer {
  const b = Buffer.alloc(SLOT);
  b.writeUInt32BE(MAGIC, 0);
  b.writeUInt16BE(VERSION, 4);
  b.writeUInt32BE(epoch >>> 0, 8);
  b.writeUInt32BE(h.generation, 12);
  b.writeDoubleBE(h.offset, 16);
  b.writeUInt32BE(crc32(b.subarray(0, 24)), 24);
  return b;
}

function decodeSlot(b: Buffer): { epoch: number; head: SpoolHead } | undefined {
  if (b.length < SLOT || b.readUInt32BE(0) !== MAGIC || b.readUInt16BE(4) !== VERSION) return undefined;
  if (crc32(b.subarray(0, 24)) !== b.readUInt32BE(24)) return undefined;
  const offset = b.readDoubleBE(16);
  if (!Number.isSafeInteger(offset) || offset < 0) return undefined;
  return { epoch: b.readUInt32BE(8), head: { generation: b.readUInt32BE(12), offset } };
}

/** The head file, open for the life of the spool. */
export class HeadFile {
  private epoch: number;

  private constructor(
    private readonly fh: FileHandle,
    /** fdatasync after each write (syncing without O_DSYNC). */
    private readonly datasync: boolean,
    epoch: number,
    readonly initial: SpoolHead | undefined,
  ) {
    this.epoch = epoch;
  }

  /**
   * Open or create; `initial` is the stored head, undefined for a new file (or one with no valid slot).
   * `readAt` wraps the file's reads (tests inject short reads).
   */
  static async open(path: string, sync: boolean, readAt = (r: ReadAt): ReadAt => r): Promise<HeadFile> {
    await (await open(path, 'a+')).close();
    const { flags, dsync } = durableFlags(sync);
    const rw = await open(path, flags);
    const buf = Buffer.alloc(SLOT * 2);
    try {
      await readFully(readAt(fileReadAt(rw)), buf, 0);
    } catch (err) {
      await rw.close();
      throw err;
    }
    const slots = [decodeSlot(buf.subarray(0, SLOT)), decodeSlot(buf.subarray(SLOT))];
    let best: { epoch: number; head: SpoolHead } | undefined;
    for (const s of slots)
      if (s !== undefined && (best === undefined || newer(s.epoch, best.epoch))) best = s;
    return new HeadFile(rw, sync && !dsync, best?.epoch ?? 0, best?.head);
  }

  /** Durably record a new head (overwrites the older slot); one write at a time. */
  async write(h: SpoolHead): Promise<void> {
    this.epoch = (this.epoch + 1) >>> 0;
    await writeFully(this.fh, encodeSlot(this.epoch, h), (this.epoch % 2) * SLOT);
    if (this.datasync) await this.fh.datasync();
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

// Serial-number comparison so the counter may wrap after 2^32 writes.
function newer(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
