// Items as plain JS values for host applications: one number/boolean for one-element items, arrays
// otherwise, text for A/J, nested arrays for lists. B is bytes, except that a one-byte B is its number:
// E5 sends byte codes such as LIMITID (a limit event's EventLimit) as B [1], and a host compares them
// with numbers, as it does a U1.

import type { Item } from '../../item/item.js';

export type PlainValue = number | bigint | string | boolean | Uint8Array | PlainValue[];

/** The plain value of an item (64-bit integers stay bigint unless they are safe integers). */
export function plainValue(item: Item): PlainValue {
  switch (item.format) {
    case 'L':
      return item.value.map(plainValue);
    case 'A':
    case 'J':
      return item.value;
    case 'B':
      return item.value.length === 1 ? item.value[0]! : item.value;
    case 'BOOLEAN':
      return item.value.length === 1 ? item.value[0]! : item.value.slice();
    default: {
      const arr = Array.from(item.value as ArrayLike<number | bigint>, (v) =>
        typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(v)
          : v,
      );
      return arr.length === 1 ? arr[0]! : arr;
    }
  }
}
