// How a spool is opened (bounds, full policy, durability, how far its writes may fall behind) and
// what an append answers.

import type { KnownMessages } from './spool-streams.js';

export interface SpoolOptions {
  /** Store directory (the spool keeps `spool-head.bin`, `spool-<n>.seg` and the `spool` document there). */
  dir: string;
  /** Bound on messages held (E30 "spool full"). */
  maxMessages: number;
  /** Bound on bytes held (records including their 8-byte headers). */
  maxBytes: number;
  /** At the bound: drop the oldest message (`overwrite`) or refuse new ones (`stop`); the OverWriteSpool EC. */
  policy: 'overwrite' | 'stop';
  /** Wall time in epoch ms for SpoolStartTime / SpoolFullTime (default Date.now). */
  wallTime?: () => number;
  /** Known streams/functions for S2F43 checks (default: any). */
  isKnown?: KnownMessages;
  /**
   * fdatasync before an append or head move is acknowledged (default true). Appends asked for while an
   * earlier write is in progress share one fdatasync (group commit). `false` (tests) keeps records
   * across a process crash (page cache) but not across power loss.
   */
  sync?: boolean;
  /** Dead bytes at the segment front before it is compacted (default 64 KiB; also needs > half the file). */
  compactMinBytes?: number;
  /**
   * Most appends not yet on disk (default 16,384): their records wait in memory for the disk. At the
   * bound the overwrite policy drops the oldest of them (counted in `stats.droppedUnwritten`) and the
   * stop policy refuses the new message (`backlog`), so a producer faster than the disk costs bounded
   * memory. One write takes at most half of the bound.
   */
  maxPendingAppends?: number;
  /** Most bytes of appends not yet on disk (default 8 MiB; a single larger record is still taken). */
  maxPendingBytes?: number;
  /**
   * Spooled messages in flight during a delivery: sent and their reply awaited (default 16; 1 sends
   * each only once the previous one was acknowledged). The head still advances in order, each message
   * once the host acknowledged it and every older one, so a crash or a lost link resends at most this
   * many (a host that stores by DATAID stores them once). One at a time, delivery is bound to one round
   * trip, one host commit and one head write per message.
   */
  transmitWindow?: number;
}

export type AppendResult =
  | { spooled: true; overwritten: number }
  | {
      spooled: false;
      /**
       * `full`: at the bound with the stop policy; `backlog`: writes behind by `maxPendingAppends` or
       * `maxPendingBytes` with the stop policy (or nothing left to drop with overwrite);
       * `storage-failed`: a file operation failed (the spool stays failed until reopened); `closed`.
       */
      reason: 'not-spoolable' | 'full' | 'too-large' | 'backlog' | 'storage-failed' | 'closed';
    };

/** Counters of what the spool holds in memory and what it dropped or refused, since it was opened. */
export interface SpoolStats {
  /** Appends whose record is not yet on disk (waiting for a write, or being written). */
  pendingAppends: number;
  /** Their bytes (records including headers). */
  pendingBytes: number;
  /** The most of each at any moment. */
  peakPendingAppends: number;
  peakPendingBytes: number;
  /** Overwrite policy: messages dropped before they reached the disk because the writes were behind. */
  droppedUnwritten: number;
  /** Messages refused because the writes were behind (`backlog`). */
  refusedBacklog: number;
  /** Messages refused because the spool had failed (`storage-failed`). */
  refusedFailed: number;
}
