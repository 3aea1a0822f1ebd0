// The ids of one host request as the numbers the equipment's tables take. An id that can name
// nothing here (text, negative, above 2^32 - 1: see WireId) gets a negative stand-in, -1, -2, ...,
// which no model id (0..2^32 - 1) equals, so every lookup finds nothing and the handler gives the E5
// answer for an unknown id; where the reply names the id, `echo` gives back the item as received.

import type { Item } from '../../item/item.js';
import type { IdRef, WireId } from '../messages/message-helpers.js';

export class RequestIds {
  private readonly unknown: Item[] = [];

  /** The number for `w`: its value, or a fresh negative stand-in. */
  of(w: WireId): number {
    if (w.value !== undefined) return w.value;
    this.unknown.push(w.item);
    return -this.unknown.length;
  }

  /** Numbers for a list of ids. */
  all(ws: readonly WireId[]): number[] {
    return ws.map((w) => this.of(w));
  }

  /** How to name `n` in the reply: itself, or the item a stand-in replaced. */
  echo(n: number): IdRef {
    return n < 0 ? (this.unknown[-n - 1] ?? n) : n;
  }
}
