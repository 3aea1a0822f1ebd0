// The seams between the fab's parts (docs/fab.md): a collector hands records to a RecordSink and
// answers the tool only once the sink says they are durable; the store writer, the API's live stream
// and the analytics read what was committed from a LiveFeed; a collector publishes what it knows of
// each tool's link and states on a ToolStatusBoard the API reads. Each seam has an in-process
// implementation (the embedded layout, one process) and one over NATS JetStream (the scaled layout).
import type { Result } from '@bondline/core';
import type { FabRecord } from '../store/records.js';

export type SinkIssueCode =
  /** The store or the bus cannot take records now (down, restarting, busy): keep them and retry later. */
  | 'sink-unavailable'
  /** A record failed the store's checks: retrying the same records cannot succeed. */
  | 'sink-rejected'
  /** The sink was closed. */
  | 'sink-closed';

/** Where a collector puts what it received. */
export interface RecordSink {
  /**
   * Resolves ok once every record is durable: committed in the store, or acknowledged by JetStream
   * (so a crash afterwards loses nothing). Records with an idempotency key already stored or
   * published change nothing, so a redelivery after a crash is safe.
   */
  write(records: readonly FabRecord[]): Promise<Result<void, SinkIssueCode>>;
}

/** Records as they were committed in the store, in commit order, for live views and analytics. */
export interface LiveFeed {
  /** Calls `listener` with each committed batch from now on; returns the unsubscribe function. */
  subscribe(listener: (records: readonly FabRecord[]) => void): () => void;
}

/** The HSMS link of a collector to its tool. */
export type ToolLinkState = 'disconnected' | 'connecting' | 'selected' | 'communicating';

/** What a collector knows of one tool now; fields it has not learnt yet are left out. */
export interface ToolStatus {
  readonly toolId: string;
  readonly link: ToolLinkState;
  /** GEM control state by name (`online-remote`, `host-offline`, ...). */
  readonly control?: string;
  /** The tool's processing state by name (`idle`, `executing`, ...). */
  readonly processing?: string;
  /** SEMI E10 state of the tool (`productive`, `standby`, `unscheduled-down`, ...). */
  readonly e10?: string;
  /** The lot the tool is processing, while it processes one. */
  readonly lotId?: string;
  /** When the collector last heard from the tool (ms since the epoch, UTC). */
  readonly lastMessageMs?: number;
  /** When this status was written. */
  readonly updatedMs: number;
}

/** The latest status of every tool, written by collectors, read by the API. */
export interface ToolStatusBoard {
  put(status: ToolStatus): Promise<void>;
  get(toolId: string): Promise<ToolStatus | undefined>;
  list(): Promise<readonly ToolStatus[]>;
}
