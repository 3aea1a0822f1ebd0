// A binary min-heap of timed callbacks, ordered by time and then by insertion: two events at one
// virtual time run in the order they were scheduled, which keeps a run reproducible.

/** One scheduled callback. `cancelled` entries stay in the heap and are skipped when they surface. */
export interface QueuedEvent {
  readonly atS: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Min-heap on (atS, seq). */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private live = 0;

  /** Scheduled events not cancelled. */
  get size(): number {
    return this.live;
  }

  push(e: QueuedEvent): void {
    this.heap.push(e);
    this.live++;
    this.up(this.heap.length - 1);
  }

  /** Mark an event cancelled (it is dropped when it reaches the top). */
  cancel(e: QueuedEvent): void {
    if (e.cancelled) return;
    e.cancelled = true;
    this.live--;
  }

  /** The earliest live event, or undefined. */
  peek(): QueuedEvent | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Remove and return the earliest live event. */
  pop(): QueuedEvent | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.live--;
    // A popped event can no longer be cancelled: mark it so a late cancel() does not count it twice.
    top.cancelled = true;
    return top;
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled === true) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    this.down(0);
  }

  private less(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.atS < b.atS || (a.atS === b.atS && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    const e = h[i] as QueuedEvent;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = h[p] as QueuedEvent;
      if (!this.less(e, pe)) break;
      h[i] = pe;
      i = p;
    }
    h[i] = e;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const e = h[i] as QueuedEvent;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(h[r] as QueuedEvent, h[l] as QueuedEvent) ? r : l;
      const ce = h[c] as QueuedEvent;
      if (!this.less(ce, e)) break;
      h[i] = ce;
      i = c;
    }
    h[i] = e;
  }
}
