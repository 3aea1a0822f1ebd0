// E5 format codes (the top 6 bits of an item's format byte), from the table in docs/secs.md §2.2.

import type { ItemFormat } from '../item/item.js';

/** Format code (octal, as E5 writes them) of each item format. */
export const FORMAT_CODE: Readonly<Record<ItemFormat, number>> = {
  L: 0o00,
  B: 0o10,
  BOOLEAN: 0o11,
  A: 0o20,
  J: 0o21,
  I8: 0o30,
  I1: 0o31,
  I2: 0o32,
  I4: 0o34,
  F8: 0o40,
  F4: 0o44,
  U8: 0o50,
  U1: 0o51,
  U2: 0o52,
  U4: 0o54,
};

/** Item format by format code; undefined for codes E5 does not define. */
export const FORMAT_BY_CODE: readonly (ItemFormat | undefined)[] = (() => {
  const t: (ItemFormat | undefined)[] = new Array(64).fill(undefined);
  for (const [f, c] of Object.entries(FORMAT_CODE)) t[c] = f as ItemFormat;
  return t;
})();

/** Largest length an item header can carry (3 length bytes), elements for L, bytes otherwise. */
export const MAX_ITEM_LENGTH = 0xffffff;
