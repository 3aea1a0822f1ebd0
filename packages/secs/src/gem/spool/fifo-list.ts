// A first-in first-out list with O(1) push, shift and pop: the array is only compacted once most of it
// is behind the front, so a long run of shifts costs amortised constant time and the shifted items are
// released (their slots cleared) at once.

// Compact the array once this many slots are behind the front and they are more than half of it.
const TRIM_AFTER = 1024;

export class FifoList<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  /** The oldest item, undefined when empty. */
  get first(): T | undefined {
    return this.items[this.head];
  }

  /** The newest item, undefined when empty. */
  get last(): T | undefined {
    return this.length > 0 ? this.items[this.items.length - 1] : undefined;
  }

  /** The item `i` places after the oldest (0: the oldest), undefined past the newest. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.items[this.head + i] : undefined;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Remove and return the oldest item. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head > TRIM_AFTER && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Remove and return the newest item. */
  pop(): T | undefined {
    if (this.length === 0) return undefined;
    return this.items.pop();
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
