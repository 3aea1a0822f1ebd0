// fast-check generators of SECS-II items, for property tests (codec and SML).

import fc from 'fast-check';
import type { Item } from './item.js';
import { decodeJis8 } from './jis8.js';

const MAX = 12;

const oneByteChar = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
const jisChar = fc.integer({ min: 0, max: 255 }).map((b) => decodeJis8(Uint8Array.of(b)));

/** Any leaf (non-list) item, values anywhere in each format's range, NaN/±Inf/-0 included. */
export const leafItem: fc.Arbitrary<Item> = fc.oneof(
  fc.string({ unit: oneByteChar, maxLength: MAX }).map((value): Item => ({ format: 'A', value })),
  fc.string({ unit: jisChar, maxLength: MAX }).map((value): Item => ({ format: 'J', value })),
  fc.uint8Array({ maxLength: MAX }).map((value): Item => ({ format: 'B', value })),
  fc.array(fc.boolean(), { maxLength: MAX }).map((value): Item => ({ format: 'BOOLEAN', value })),
  fc.int8Array({ maxLength: MAX }).map((value): Item => ({ format: 'I1', value })),
  fc.int16Array({ maxLength: MAX }).map((value): Item => ({ format: 'I2', value })),
  fc.int32Array({ maxLength: MAX }).map((value): Item => ({ format: 'I4', value })),
  fc.bigInt64Array({ maxLength: MAX }).map((value): Item => ({ format: 'I8', value })),
  fc.uint8Array({ maxLength: MAX }).map((value): Item => ({ format: 'U1', value })),
  fc.uint16Array({ maxLength: MAX }).map((value): Item => ({ format: 'U2', value })),
  fc.uint32Array({ maxLength: MAX }).map((value): Item => ({ format: 'U4', value })),
  fc.bigUint64Array({ maxLength: MAX }).map((value): Item => ({ format: 'U8', value })),
  fc.float32Array({ maxLength: MAX }).map((value): Item => ({ format: 'F4', value })),
  fc.float64Array({ maxLength: MAX }).map((value): Item => ({ format: 'F8', value })),
);

/** Any item: leaves and lists nested up to 4 deep. */
export const anyItem: fc.Arbitrary<Item> = fc.letrec<{ item: Item }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafItem,
    fc.array(tie('item'), { maxLength: 5 }).map((value): Item => ({ format: 'L', value })),
  ),
})).item;
