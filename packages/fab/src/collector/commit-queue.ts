// The collector's one queue of received messages not yet durable (docs/fab.md §2.2). Messages of every
// tool wait in arrival order (so each tool's order is kept) and are written to the sink together: while
// one write is in flight, the next messages gather, and the next write takes them all (up to
// maxBatchRecords), so a commit serves many messages and many tools. A message is settled `true` once its
// records are durable (the collector then acknowledges it), `false` if the queue closes first. A sink
// that cannot take records now is retried with a doubling backoff; records it refuses for good are
// isolated message by message, reported, and acknowledged (retrying cannot store them).
import type { Issue } from '@bondline/core';
import type { RecordSink } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';

export interface PendingMessage {
  readonly toolId: string;
  readonly records: readonly FabRecord[];
  /** performance.now() when it was received, for the receive-to-commit latency. */
  readonly receivedAt: number;
  /** The collector's own rows for a tool (its setup), not a message of the tool: not counted as stored. */
  readonly ownRecords?: true;
  settle(durable: boolean): void;
}

export interface CommitQueueOptions {
  readonly maxBatchRecords: number;
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  /** A message's records were refused by the sink: they are dropped (and the message acknowledged). */
  readonly rejected: (m: PendingMessage, issues: readonly Issue[]) => void;
  /** The sink failed (first failure after a success) or works again. */
  readonly sinkState: (failing: boolean) => void;
}

/** Most latencies kept for `latencies()` (the newest). */
const LATENCY_WINDOW = 100_000;

export class CommitQueue {
  private readonly queue: PendingMessage[] = [];
  private head = 0;
  private writing = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly perTool = new Map<string, number>();
  private readonly latencyMs: number[] = [];
  private latencyNext = 0;
  /** performance.now() of the first failure of the current run of failures. */
  failingSince: number | undefined;
  stored = 0;
  commits = 0;
  rejectedMessages = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly o: CommitQueueOptions,
  ) {}

  /** Messages waiting (all tools, or one). */
  pending(toolId?: string): number {
    return toolId === undefined ? this.queue.length - this.head : (this.perTool.get(toolId) ?? 0);
  }

  push(m: PendingMessage): void {
    if (this.closed) {
      m.settle(false);
      return;
    }
    this.queue.push(m);
    this.perTool.set(m.toolId, (this.perTool.get(m.toolId) ?? 0) + 1);
    if (!this.writing) void this.drain();
  }

  /** Receive-to-commit latencies (ms) of the newest messages stored, in no order. */
  latencies(): readonly number[] {
    return this.latencyMs;
  }

  /** Settle what waits with `false` and stop. */
  close(): void {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.wake?.();
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]?.settle(false);
    this.queue.length = 0;
    this.head = 0;
    this.perTool.clear();
  }

  private async drain(): Promise<void> {
    this.writing = true;
    let backoff = this.o.retryMinMs;
    try {
      while (!this.closed && this.head < this.queue.length) {
        const batch = this.takeBatch();
        const records = batch.length === 1 ? (batch[0]?.records ?? []) : concatRecords(batch);
        const r = await this.sink.write(records);
        if (this.closed) return;
        if (r.ok) {
          this.done(batch);
          backoff = this.o.retryMinMs;
          if (this.failingSince !== undefined) {
            this.failingSince = undefined;
            this.o.sinkState(false);
          }
          continue;
        }
        const code = r.issues[0]?.code;
        if (code === 'sink-closed') {
          this.close();
          return;
        }
        if (code === 'sink-rejected') {
          await this.isolate(batch);
          continue;
        }
        if (this.failingSince === undefined) {
          this.failingSince = performance.now();
          this.o.sinkState(true);
        }
        await this.sleep(backoff);
        backoff = Math.min(this.o.retryMaxMs, backoff * 2);
      }
    } finally {
      this.writing = false;
      this.compact();
    }
  }

  /** The oldest messages, up to maxBatchRecords records (at least one message); left in the queue. */
  private takeBatch(): PendingMessage[] {
    const out: PendingMessage[] = [];
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const m = this.queue[i];
      if (m === undefined) break;
      if (out.length > 0 && n + m.records.length > this.o.maxBatchRecords) break;
      out.push(m);
      n += m.records.length;
    }
    return out;
  }

  private done(batch: readonly PendingMessage[]): void {
    const now = performance.now();
    this.commits++;
    for (const m of batch) {
      this.head++;
      const left = (this.perTool.get(m.toolId) ?? 1) - 1;
      if (left === 0) this.perTool.delete(m.toolId);
      else this.perTool.set(m.toolId, left);
      if (m.ownRecords !== true) {
        this.stored++;
        this.latencyMs[this.latencyNext] = now - m.receivedAt;
        this.latencyNext = (this.latencyNext + 1) % LATENCY_WINDOW;
      }
      m.settle(true);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) this.compact();
  }

  /** A refused batch written message by message: the refused ones are reported and dropped. */
  private async isolate(batch: readonly PendingMessage[]): Promise<void> {
    for (const m of batch) {
      const r = await this.sink.write(m.records);
      if (this.closed) return;
      if (!r.ok && r.issues[0]?.code === 'sink-rejected') {
        this.rejectedMessages++;
        this.o.rejected(m, r.issues);
      } else if (!r.ok) return; // unavailable or closed: the drain loop retries what is left
      this.done([m]);
    }
  }

  private compact(): void {
    if (this.head === 0) return;
    this.queue.splice(0, this.head);
    this.head = 0;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.wake = undefined;
        resolve();
      }, ms);
    });
  }
}

/** The records of a batch's messages in order, in one array of the right length. */
function concatRecords(batch: readonly PendingMessage[]): FabRecord[] {
  let n = 0;
  for (const m of batch) n += m.records.length;
  const out = new Array<FabRecord>(n);
  let i = 0;
  for (const m of batch) for (const r of m.records) out[i++] = r;
  return out;
}
