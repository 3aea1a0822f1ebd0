// The records the spool holds, oldest first, in two parts: those a write has placed in the segment
// (their position is known; on disk once that write completes) and, after them, those still waiting
// for a write, whose bytes are in memory. An append is "pending" from the call until its record is on
// disk or dropped: the spool bounds pending appends (count and bytes), so a producer faster than the
// disk costs bounded memory. Positions are in one byte stream that only grows: a segment generation
// starts at some position (its base), so compaction moves no record's position.
//
// Each append's promise is settled here, once: when its record is on disk, when it is dropped before
// a write took it (overwritten, delivered from memory, purged), or when storage failed.

import { FifoList } from './fifo-list.js';
import type { AppendResult } from './spool-options.js';

/** One record the spool holds (or held: a dropped record may still be in a write in progress). */
export interface HeldRecord {
  readonly seq: number;
  /** Bytes including the record header. */
  readonly size: number;
  /** Position in the spool's byte stream, once a write placed it; -1 before. */
  pos: number;
  /** The encoded record until it is on disk (delivery reads it from here meanwhile). */
  bytes: Uint8Array | undefined;
  /** How many older messages its append overwrote (the append's answer). */
  readonly overwritten: number;
  /** Settles the append's promise; undefined once settled, and for records recovered from disk. */
  settle: ((r: AppendResult) => void) | undefined;
}

const FAILED: AppendResult = { spooled: false, reason: 'storage-failed' };

export class HeldRecords {
  private readonly placed = new FifoList<HeldRecord>();
  private readonly waiting = new FifoList<HeldRecord>();
  private heldBytes = 0;
  private pendingN = 0;
  private pendingB = 0;
  private peakN = 0;
  private peakB = 0;

  /** Records held. */
  get count(): number {
    return this.placed.length + this.waiting.length;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** Appends not yet on disk. */
  get pendingAppends(): number {
    return this.pendingN;
  }

  /** Their bytes. */
  get pendingBytes(): number {
    return this.pendingB;
  }

  /** The most appends pending at any moment. */
  get peakPendingAppends(): number {
    return this.peakN;
  }

  /** The most bytes pending at any moment. */
  get peakPendingBytes(): number {
    return this.peakB;
  }

  /** The oldest record held. */
  get oldest(): HeldRecord | undefined {
    return this.placed.first ?? this.waiting.first;
  }

  /**
   * The oldest record held whose sequence number is above `seq` (the oldest of all when undefined).
   * Records are held in sequence order; the scan passes only those at or below `seq` (during a
   * delivery, the messages in flight).
   */
  after(seq: number | undefined): HeldRecord | undefined {
    if (seq === undefined) return this.oldest;
    for (const list of [this.placed, this.waiting]) {
      for (let i = 0; i < list.length; i++) {
        const r = list.at(i);
        if (r !== undefined && r.seq > seq) return r;
      }
    }
    return undefined;
  }

  /** The oldest record held that a write placed (on disk whenever no write is in progress). */
  get oldestPlaced(): HeldRecord | undefined {
    return this.placed.first;
  }

  /** A record found on disk when the spool was opened. */
  recover(seq: number, size: number, pos: number): void {
    this.placed.push({ seq, size, pos, bytes: undefined, overwritten: 0, settle: undefined });
    this.heldBytes += size;
  }

  /** A new append: its record waits for a write. The promise settles as the record's fate is known. */
  push(seq: number, bytes: Uint8Array, overwritten: number): Promise<AppendResult> {
    return new Promise((settle) => {
      this.waiting.push({ seq, size: bytes.length, pos: -1, bytes, overwritten, settle });
      this.heldBytes += bytes.length;
      this.pendingN++;
      this.pendingB += bytes.length;
      if (this.pendingN > this.peakN) this.peakN = this.pendingN;
      if (this.pendingB > this.peakB) this.peakB = this.pendingB;
    });
  }

  /**
   * Drop the oldest record (delivered or overwritten). Returns where it was: `placed` (the head on
   * disk moves), `waiting` (never written), or undefined when nothing is held. A placed record whose
   * write is still in progress stays pending until that write completes.
   */
  dropOldest(): 'placed' | 'waiting' | undefined {
    const p = this.placed.shift();
    if (p !== undefined) {
      this.heldBytes -= p.size;
      return 'placed';
    }
    return this.dropOldestWaiting() ? 'waiting' : undefined;
  }

  /** Drop the oldest record still waiting for a write (the writes fell behind); false when none waits. */
  dropOldestWaiting(): boolean {
    const w = this.waiting.shift();
    if (w === undefined) return false;
    this.heldBytes -= w.size;
    this.release(w, { spooled: true, overwritten: w.overwritten });
    return true;
  }

  /**
   * Place waiting records for one write, oldest first, from stream position `pos`: those up to
   * sequence `upTo`, at most `maxCount` and `maxBytes` (always at least one). They stay pending until
   * `written`.
   */
  take(upTo: number, maxCount: number, maxBytes: number, pos: number): HeldRecord[] {
    const batch: HeldRecord[] = [];
    let bytes = 0;
    for (;;) {
      const w = this.waiting.first;
      if (w === undefined || w.seq > upTo || batch.length >= maxCount) break;
      if (batch.length > 0 && bytes + w.size > maxBytes) break;
      this.waiting.shift();
      w.pos = pos + bytes;
      bytes += w.size;
      batch.push(w);
      this.placed.push(w);
    }
    return batch;
  }

  /** The write of `batch` (from `take`) is on disk: its appends are answered. */
  written(batch: readonly HeldRecord[]): void {
    for (const r of batch) this.release(r, { spooled: true, overwritten: r.overwritten });
  }

  /**
   * Storage failed: records not on disk never will be. They leave the held records and their appends
   * are answered `storage-failed`; those of `batch` (a write that failed) too, held or not.
   */
  failPending(batch: readonly HeldRecord[] = []): void {
    // Placed but not on disk: the newest placed, as long as their bytes are still here.
    for (let p = this.placed.last; p?.bytes !== undefined; p = this.placed.last) {
      this.placed.pop();
      this.heldBytes -= p.size;
      this.release(p, FAILED);
    }
    for (const r of batch) this.release(r, FAILED);
    for (let w = this.waiting.shift(); w !== undefined; w = this.waiting.shift()) {
      this.heldBytes -= w.size;
      this.release(w, FAILED);
    }
  }

  /** Drop everything (delivered or purged); a write in progress still completes its records. */
  clear(): void {
    for (let w = this.waiting.shift(); w !== undefined; w = this.waiting.shift())
      this.release(w, { spooled: true, overwritten: w.overwritten });
    this.placed.clear();
    this.heldBytes = 0;
  }

  // Once per record: no longer pending, its bytes released, its append answered.
  private release(r: HeldRecord, result: AppendResult): void {
    if (r.bytes === undefined) return;
    this.pendingN--;
    this.pendingB -= r.bytes.length;
    r.bytes = undefined;
    r.settle?.(result);
    r.settle = undefined;
  }
}
