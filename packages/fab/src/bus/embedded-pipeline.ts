// The embedded layout (`bondline fab up`, FAB.md "Two ways to run, one code path"): one process, the
// store in it, and the three seams wired in memory.
import type { LiveFeed, RecordSink, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabStore } from '../store/fab-store.js';
import { type GroupCommitOptions, GroupCommitSink } from './group-commit-sink.js';
import { InProcessFeed } from './in-process-feed.js';
import { MemoryStatusBoard } from './memory-status-board.js';

export interface EmbeddedPipeline {
  /** Writes into the store with group commit; resolves when committed. */
  readonly sink: RecordSink;
  /** Each committed batch, in commit order. */
  readonly feed: LiveFeed;
  /** Tool statuses, in memory. */
  readonly statusBoard: ToolStatusBoard;
  /** Stop taking writes and wait for those taken; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

/** The seams of a one-process fab over `store` (migrated by the caller). */
export function createEmbeddedPipeline(store: FabStore, options: GroupCommitOptions = {}): EmbeddedPipeline {
  const feed = new InProcessFeed();
  const sink = new GroupCommitSink(store, feed, options);
  return { sink, feed, statusBoard: new MemoryStatusBoard(), close: () => sink.close() };
}
