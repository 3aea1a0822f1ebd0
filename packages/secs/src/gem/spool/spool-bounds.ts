// The spool's bounds: on what it holds (E30 "spool full": messages and bytes) and on what waits in
// memory for the disk (pending appends and their bytes), with their defaults and the checks an append
// makes against the held records.

import type { SpoolFilesOptions } from './spool-files.js';
import type { HeldRecords } from './spool-held.js';
import type { SpoolOptions } from './spool-options.js';

// Compact the segment (copy live records to a new generation) when this much is dead and it is more than
// half the file: bounds disk use under the overwrite policy without rewriting on every drop.
const COMPACT_MIN_DEAD = 64 * 1024;
const MAX_PENDING_APPENDS = 16_384;
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

export class SpoolBounds {
  private readonly maxMessages: number;
  private readonly maxBytes: number;
  private readonly maxPendingAppends: number;
  private readonly maxPendingBytes: number;

  /** The bounds of `opts` with their defaults; a bound below 1 is a programmer error (RangeError). */
  constructor(opts: SpoolOptions) {
    this.maxMessages = opts.maxMessages;
    this.maxBytes = opts.maxBytes;
    this.maxPendingAppends = opts.maxPendingAppends ?? MAX_PENDING_APPENDS;
    this.maxPendingBytes = opts.maxPendingBytes ?? MAX_PENDING_BYTES;
    if (!(this.maxMessages >= 1) || !(this.maxBytes >= 1)) throw new RangeError('spool bounds must be >= 1');
    if (!(this.maxPendingAppends >= 1) || !(this.maxPendingBytes >= 1))
      throw new RangeError('spool pending bounds must be >= 1');
  }

  /** How the files write and compact under these bounds. */
  files(opts: SpoolOptions): SpoolFilesOptions {
    return {
      sync: opts.sync ?? true,
      compactMinBytes: opts.compactMinBytes ?? COMPACT_MIN_DEAD,
      // Half the bound: while one write is in progress, the overwrite policy can drop waiting records.
      writeMaxRecords: Math.max(1, Math.floor(this.maxPendingAppends / 2)),
      writeMaxBytes: Math.max(1, Math.floor(this.maxPendingBytes / 2)),
    };
  }

  /** A record of `size` bytes is larger than the whole spool. */
  tooLarge(size: number): boolean {
    return size > this.maxBytes;
  }

  /** One more record of `size` bytes would pass the spool's bound. */
  wouldExceed(held: HeldRecords, size: number): boolean {
    return held.count + 1 > this.maxMessages || held.bytes + size > this.maxBytes;
  }

  /** One more record would pass the pending bound; a record alone may be larger than its byte bound. */
  pendingWouldExceed(held: HeldRecords, size: number): boolean {
    return (
      held.pendingAppends > 0 &&
      (held.pendingAppends + 1 > this.maxPendingAppends || held.pendingBytes + size > this.maxPendingBytes)
    );
  }

  /** At the spool's bound (E30 SPOOL FULL). */
  isFull(held: HeldRecords): boolean {
    return held.count >= this.maxMessages || held.bytes >= this.maxBytes;
  }
}
