// How a spool is opened (bounds, full policy, durability) and what an append answers.

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
}

export type AppendResult =
  | { spooled: true; overwritten: number }
  | { spooled: false; reason: 'not-spoolable' | 'full' | 'too-large' };
