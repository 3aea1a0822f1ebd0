// How a spool is opened (bounds, full policy, durability) and what an append answers.

import type { Clock } from '../../hsms/clock.js';
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
  /** fsync every append and head move (default true). */
  sync?: boolean;
  /**
   * Group commit: instead of an fsync per append, one fsync at most `delayMs` after the first unsynced
   * append (on the injected clock). Trades a window of `delayMs` of messages at power loss for
   * throughput; a process crash loses nothing either way. Head moves (acks) are always synced.
   */
  groupCommit?: { clock: Clock; delayMs: number };
  /** Dead bytes at the segment front before it is compacted (default 64 KiB; also needs > half the file). */
  compactMinBytes?: number;
}

export type AppendResult =
  | { spooled: true; overwritten: number }
  | { spooled: false; reason: 'not-spoolable' | 'full' | 'too-large' };
