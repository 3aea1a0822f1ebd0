// The embedded RecordSink: writes go straight into the store, and writes that arrive while a
// transaction commits (from many tools of many collectors) are grouped into the next one. A commit
// costs the same fsync for 1 record or 10,000 (docs/fab.md §1.5), so grouping is what lets one SQLite
// file take every tool's events: each caller is answered when the transaction holding its records has
// committed, never before.
import { ok, type Result } from '@bondline/core';
import type { RecordSink, SinkIssueCode } from '../pipeline/seams.js';
import type { FabStore } from '../store/fab-store.js';
import { MAX_BATCH_RECORDS } from '../store/record-rows.js';
import type { FabRecord } from '../store/records.js';
import type { InProcessFeed } from './in-process-feed.js';
import { isTransient, sinkIssue } from './sink-issues.js';

type SinkResult = Result<void, SinkIssueCode>;

interface PendingWrite {
  readonly records: readonly FabRecord[];
  readonly resolve: (r: SinkResult) => void;
}

export interface GroupCommitOptions {
  /** Records in one grouped transaction at most (a single larger write is still one transaction, up to MAX_BATCH_RECORDS). Default 10,000. */
  readonly maxGroupRecords?: number;
}

const DEFAULT_GROUP_RECORDS = 10_000;

export class GroupCommitSink implements RecordSink {
  readonly #store: FabStore;
  readonly #feed: InProcessFeed;
  readonly #maxGroup: number;
  readonly #queue: PendingWrite[] = [];
  #draining: Promise<void> | undefined;
  #closed = false;

  constructor(store: FabStore, feed: InProcessFeed, options: GroupCommitOptions = {}) {
    this.#store = store;
    this.#feed = feed;
    this.#maxGroup = options.maxGroupRecords ?? DEFAULT_GROUP_RECORDS;
    if (!Number.isSafeInteger(this.#maxGroup) || this.#maxGroup < 1 || this.#maxGroup > MAX_BATCH_RECORDS) {
      throw new RangeError(`maxGroupRecords ${this.#maxGroup} is not an integer 1..${MAX_BATCH_RECORDS}`);
    }
  }

  /**
   * Resolves once `records` are committed (or refused). A write of more than MAX_BATCH_RECORDS is
   * committed in chunks of that size, in order; it resolves ok when every chunk has, and a chunk that
   * fails leaves the chunks before it stored (storing them again changes nothing).
   */
  async write(records: readonly FabRecord[]): Promise<SinkResult> {
    if (this.#closed) return { ok: false, issues: [{ code: 'sink-closed', message: 'the sink is closed' }] };
    if (records.length === 0) return ok(undefined);
    const chunks: (readonly FabRecord[])[] = [];
    for (let i = 0; i < records.length; i += MAX_BATCH_RECORDS)
      chunks.push(records.slice(i, i + MAX_BATCH_RECORDS));
    const results = await Promise.all(chunks.map((c) => this.#enqueue(c)));
    return results.find((r) => !r.ok) ?? ok(undefined);
  }

  /** Stop taking writes; resolves when the writes already taken are committed or refused. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#draining;
  }

  #enqueue(records: readonly FabRecord[]): Promise<SinkResult> {
    return new Promise((resolve) => {
      this.#queue.push({ records, resolve });
      this.#draining ??= this.#drain().finally(() => {
        this.#draining = undefined;
      });
    });
  }

  async #drain(): Promise<void> {
    // One turn first, so the writes of this turn are grouped with the first.
    await new Promise((r) => setImmediate(r));
    while (this.#queue.length > 0) {
      const group: PendingWrite[] = [];
      let size = 0;
      while (this.#queue.length > 0) {
        const next = this.#queue[0];
        if (next === undefined || (group.length > 0 && size + next.records.length > this.#maxGroup)) break;
        this.#queue.shift();
        group.push(next);
        size += next.records.length;
      }
      await this.#commit(group);
    }
  }

  async #commit(group: readonly PendingWrite[]): Promise<void> {
    const records = group.length === 1 ? (group[0]?.records ?? []) : group.flatMap((w) => w.records);
    const r = await this.#store.writeBatch(records);
    if (r.ok) {
      this.#feed.emit(records);
      for (const w of group) w.resolve(ok(undefined));
      return;
    }
    if (group.length === 1 || r.issues.some((i) => isTransient(i.code))) {
      const failed: SinkResult = { ok: false, issues: r.issues.map(sinkIssue) };
      for (const w of group) w.resolve(failed);
      return;
    }
    // One write's bad record refused the group: write each alone, so only that write is refused (and
    // its issues name its own records: `records[3]`, not the group's index).
    for (const w of group) await this.#commit([w]);
  }
}
