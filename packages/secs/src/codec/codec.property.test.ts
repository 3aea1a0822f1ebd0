import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '../item/item.js';
import { anyItem } from '../item/test-arbitrary.test-util.js';
import { type DecodeIssueCode, decodeItem } from './decode.js';
import { encodeItem } from './encode.js';

const CODES: DecodeIssueCode[] = [
  'empty',
  'truncated',
  'unknown-format',
  'no-length-bytes',
  'bad-length',
  'too-deep',
  'too-many-items',
  'message-too-large',
  'trailing-bytes',
];

function checkNeverThrows(bytes: Uint8Array): void {
  const r = decodeItem(bytes, { maxItems: 10_000, maxDepth: 16 });
  if (!r.ok) {
    expect(r.issues).toHaveLength(1);
    const [i] = r.issues;
    expect(CODES).toContain(i?.code);
    expect(i?.offset).toBeGreaterThanOrEqual(0);
    expect(i?.offset).toBeLessThanOrEqual(bytes.length);
    expect(i?.message).toMatch(/ at byte \d+$/);
  }
}

describe('codec properties', () => {
  afterEach(() => vi.restoreAllMocks());

  it('decode(encode(item)) deep-equals item', () => {
    fc.assert(
      fc.property(anyItem, (item) => {
        expect(decodeItem(encodeItem(item))).toEqual({ ok: true, value: item });
      }),
      { numRuns: 500 },
    );
  });

  it('numeric arrays above the small-item threshold (bulk copy + swap path) round-trip', () => {
    const long = { minLength: 17, maxLength: 40 }; // 17 x 4 bytes > 64: past the per-element path
    const big: fc.Arbitrary<Item> = fc.oneof(
      fc.int8Array({ minLength: 65, maxLength: 90 }).map((value): Item => ({ format: 'I1', value })),
      fc.uint8Array({ minLength: 65, maxLength: 90 }).map((value): Item => ({ format: 'U1', value })),
      fc.int16Array({ minLength: 33, maxLength: 60 }).map((value): Item => ({ format: 'I2', value })),
      fc.uint16Array({ minLength: 33, maxLength: 60 }).map((value): Item => ({ format: 'U2', value })),
      fc.int32Array(long).map((value): Item => ({ format: 'I4', value })),
      fc.uint32Array(long).map((value): Item => ({ format: 'U4', value })),
      fc.float32Array(long).map((value): Item => ({ format: 'F4', value })),
      fc.bigInt64Array(long).map((value): Item => ({ format: 'I8', value })),
      fc.bigUint64Array(long).map((value): Item => ({ format: 'U8', value })),
      fc.float64Array(long).map((value): Item => ({ format: 'F8', value })),
      fc
        .string({ minLength: 65, maxLength: 90 })
        .map((value): Item => ({ format: 'A', value: value.replace(/[^\x00-\xff]/g, '?') })),
    );
    fc.assert(
      fc.property(big, (item) => {
        const bytes = encodeItem(item);
        expect(decodeItem(bytes)).toEqual({ ok: true, value: item });
        // Against a per-element big-endian reading written here with DataView.
        if (item.format === 'U4') {
          const dv = new DataView(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2);
          const read = Array.from({ length: item.value.length }, (_, i) => dv.getUint32(4 * i, false));
          expect(read).toEqual(Array.from(item.value));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('encode(decode(bytes)) gives back the bytes for every valid encoding', () => {
    fc.assert(
      fc.property(anyItem, (item) => {
        const bytes = encodeItem(item);
        const d = decodeItem(bytes);
        expect(d.ok && Buffer.from(encodeItem(d.value)).equals(bytes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes never throw out of decode', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), checkNeverThrows), { numRuns: 2000 });
  });

  it('mutated valid encodings never throw out of decode', () => {
    const mutated = fc
      .tuple(
        anyItem.map((i) => encodeItem(i)),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
      )
      .map(([bytes, edits, cut]) => {
        const b = Uint8Array.from(bytes);
        for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
        return b.subarray(0, b.length === 0 ? 0 : cut % (b.length + 1));
      });
    fc.assert(fc.property(mutated, checkNeverThrows), { numRuns: 1000 });
  });

  it('huge declared lengths are refused before any allocation for them', () => {
    const spy = vi.spyOn(Buffer, 'allocUnsafeSlow');
    const hugeHeader = fc
      .tuple(
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 0x10000, max: 0xffffff }),
        fc.uint8Array({ maxLength: 32 }),
      )
      .map(([code, len, tail]) =>
        Uint8Array.from([(code << 2) | 3, len >>> 16, (len >>> 8) & 0xff, len & 0xff, ...tail]),
      );
    fc.assert(
      fc.property(hugeHeader, (bytes) => {
        const r = decodeItem(bytes);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    for (const call of spy.mock.calls) expect(call[0]).toBeLessThanOrEqual(32);
  });
});
