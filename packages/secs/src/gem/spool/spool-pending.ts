// The records the spool still holds, oldest first: where each sits in the segment, its size and its
// sequence number. Dropping from the front is O(1); the array is trimmed once most of it is dropped.

/** One undelivered record in the segment. */
export interface PendingRecord {
  /** Byte offset in the segment. */
  offset: number;
  /** Record size in bytes, header included. */
  size: number;
  seq: number;
}

// Trim the dropped front of the array once it is this long and more than half the array.
const TRIM_AFTER = 1024;

export class PendingRecords {
  private list: PendingRecord[] = [];
  private first = 0;
  private total = 0;

  /** Records held. */
  get count(): number {
    return this.list.length - this.first;
  }

  /** Bytes held (records with headers). */
  get bytes(): number {
    return this.total;
  }

  /** The oldest record, undefined when none is held. */
  get oldest(): PendingRecord | undefined {
    return this.list[this.first];
  }

  push(offset: number, size: number, seq: number): void {
    this.list.push({ offset, size, seq });
    this.total += size;
  }

  /** Drop the oldest record (delivered or overwritten). */
  dropOldest(): void {
    const p = this.list[this.first];
    if (p === undefined) return;
    this.total -= p.size;
    this.first++;
    if (this.first > TRIM_AFTER && this.first * 2 > this.list.length) {
      this.list = this.list.slice(this.first);
      this.first = 0;
    }
  }

  /** The segment was compacted: the records that were at `dead` and after now start at 0. */
  shiftOffsets(dead: number): void {
    this.list = this.list.slice(this.first).map((p) => ({ ...p, offset: p.offset - dead }));
    this.first = 0;
  }

  clear(): void {
    this.list = [];
    this.first = 0;
    this.total = 0;
  }
}
