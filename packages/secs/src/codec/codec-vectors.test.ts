import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, F4, F8, I1, I2, I4, I8, J, L, U1, U2, U4, U8 } from '../item/constructors.js';
import type { Item } from '../item/item.js';
import { decodeItem } from './decode.js';
import { encodeItem, SecsEncodeError } from './encode.js';
import { header, hex, list, numeric } from './test-wire-writer.test-util.js';

function roundTrip(item: Item, bytes: Uint8Array | number[]): void {
  const expected = Uint8Array.from(bytes);
  // Buffer#equals: element-wise toEqual is slow on the 70000-byte vector.
  expect(Buffer.from(encodeItem(item)).equals(expected)).toBe(true);
  const d = decodeItem(expected);
  expect(d).toEqual({ ok: true, value: item });
}

describe('known-answer vectors from docs/secs.md §2.3', () => {
  it('U4 1337 = B1 04 00 00 05 39', () => roundTrip(U4(1337), hex('B1 04 00 00 05 39')));
  it('I4 [123, 234, -345]', () =>
    roundTrip(I4([123, 234, -345]), hex('71 0C 00 00 00 7B 00 00 00 EA FF FF FE A7')));
  it('Boolean true = 25 01 01', () => roundTrip(BOOLEAN(true), hex('25 01 01')));
});

describe('every format against the independent writer', () => {
  const cases: [string, Item, number[]][] = [
    ['U1', U1([0, 1, 255]), numeric('U1', [0, 1, 255])],
    ['U2', U2([0, 0x1234, 65535]), numeric('U2', [0, 0x1234, 65535])],
    ['U4', U4([0, 0xdeadbeef]), numeric('U4', [0, 0xdeadbeef])],
    ['I1', I1([-128, -1, 127]), numeric('I1', [-128, -1, 127])],
    ['I2', I2([-32768, -2, 32767]), numeric('I2', [-32768, -2, 32767])],
    ['I4', I4([-2147483648, 2147483647]), numeric('I4', [-2147483648, 2147483647])],
    // Beyond 2^53: values a double cannot hold exactly.
    ['I8', I8([-(2n ** 63n), 2n ** 53n + 1n, -1n]), numeric('I8', [-(2n ** 63n), 2n ** 53n + 1n, -1n])],
    ['U8', U8([2n ** 64n - 1n, 2n ** 53n + 3n]), numeric('U8', [2n ** 64n - 1n, 2n ** 53n + 3n])],
    ['F4', F4([1.5, -0, 3.4028234663852886e38]), numeric('F4', [1.5, -0, 3.4028234663852886e38])],
    [
      'F8',
      F8([Math.PI, -0, Number.MIN_VALUE, Infinity]),
      numeric('F8', [Math.PI, -0, Number.MIN_VALUE, Infinity]),
    ],
    ['B', B([0, 0x7f, 0xff]), [...header('B', 3), 0, 0x7f, 0xff]],
    ['BOOLEAN', BOOLEAN([true, false]), [...header('BOOLEAN', 2), 1, 0]],
    ['A', A('Hi'), [...header('A', 2), 0x48, 0x69]],
    // JIS X 0201: ¥ is 0x5C, half-width katakana ｱ (U+FF71) is 0xB1.
    ['J', J('A¥ｱ'), [...header('J', 3), 0x41, 0x5c, 0xb1]],
    ['nested L', L(L(U1(1)), A('x'), L()), list(list(numeric('U1', [1])), [0x41, 0x01, 0x78], [0x01, 0x00])],
  ];
  for (const [name, item, bytes] of cases) it(name, () => roundTrip(item, bytes));

  it('empty arrays of every format', () => {
    for (const [f, item] of [
      ['L', L()],
      ['B', B()],
      ['BOOLEAN', BOOLEAN([])],
      ['A', A()],
      ['J', J()],
      ['I1', I1()],
      ['I2', I2()],
      ['I4', I4()],
      ['I8', I8()],
      ['U1', U1()],
      ['U2', U2()],
      ['U4', U4()],
      ['U8', U8()],
      ['F4', F4()],
      ['F8', F8()],
    ] as const) {
      roundTrip(item, header(f, 0));
    }
  });

  it('2-byte length: a 300-byte A', () => {
    const text = 'x'.repeat(300);
    const bytes = [0x42, 0x01, 0x2c, ...Array(300).fill(0x78)];
    expect(header('A', 300)).toEqual([0x42, 0x01, 0x2c]);
    roundTrip(A(text), bytes);
  });

  it('3-byte length: a 70000-byte B', () => {
    const data = Uint8Array.from({ length: 70000 }, (_, i) => (i * 7) & 0xff);
    const bytes = [0x23, 0x01, 0x11, 0x70, ...data]; // 70000 = 0x011170
    roundTrip(B(data), bytes);
  });

  it('lengths at the 1/2/3-byte boundaries', () => {
    for (const n of [255, 256, 65535, 65536]) {
      const enc = encodeItem(B(new Uint8Array(n)));
      expect(Array.from(enc.subarray(0, 4))).toEqual([...header('B', n), 0, 0, 0, 0].slice(0, 4));
    }
  });

  it('a list of 256 members takes 2 length bytes', () => {
    const members = Array.from({ length: 256 }, () => U1(0));
    roundTrip(L(...members), [0x02, 0x01, 0x00, ...members.flatMap(() => numeric('U1', [0]))]);
  });

  it('NaN bytes: F8 7FF8000000000000 and F4 7FC00000 decode to NaN and encode back canonically', () => {
    const d8 = decodeItem(hex('81 08 7F F8 00 00 00 00 00 00'));
    const d4 = decodeItem(hex('91 04 7F C0 00 00'));
    expect(d8.ok && d8.value.format === 'F8' && Number.isNaN(d8.value.value[0])).toBe(true);
    expect(d4.ok && d4.value.format === 'F4' && Number.isNaN(d4.value.value[0])).toBe(true);
    expect(encodeItem(F8(Number.NaN))).toEqual(hex('81 08 7F F8 00 00 00 00 00 00'));
    expect(encodeItem(F4(Number.NaN))).toEqual(hex('91 04 7F C0 00 00'));
  });

  it('negative zero keeps its sign bit (80 00 ...)', () => {
    expect(encodeItem(F8(-0))).toEqual(hex('81 08 80 00 00 00 00 00 00 00'));
    const d = decodeItem(hex('91 04 80 00 00 00'));
    expect(d.ok && d.value.format === 'F4' && Object.is(d.value.value[0], -0)).toBe(true);
  });

  it('A keeps 8-bit bytes (latin-1) through decode and encode', () => {
    roundTrip(A('\u00e9\u00ff\u0000'), [0x41, 0x03, 0xe9, 0xff, 0x00]);
  });

  it('non-zero boolean bytes read as true', () => {
    expect(decodeItem(hex('25 02 00 FE'))).toEqual({ ok: true, value: BOOLEAN([false, true]) });
  });

  it('decoded arrays do not alias the input buffer', () => {
    const wire = Uint8Array.from(numeric('U4', [1, 2]));
    const d = decodeItem(wire);
    wire.fill(0);
    expect(d).toEqual({ ok: true, value: U4([1, 2]) });
  });

  it('accepts any valid count of length bytes on decode; encode gives the minimal form back', () => {
    // E5 allows 1-3 length bytes for any length; writers that always use 3 exist.
    const cases: Array<[string, Item, string]> = [
      ['B2 00 04 00 00 05 39', U4(1337), 'B1 04 00 00 05 39'],
      ['B3 00 00 04 00 00 05 39', U4(1337), 'B1 04 00 00 05 39'],
      ['43 00 00 00', A(''), '41 00'],
      ['03 00 00 02 A5 01 07 26 00 01 01', L(U1(7), BOOLEAN(true)), '01 02 A5 01 07 25 01 01'],
      ['62 00 08 00 00 00 00 00 00 00 2A', I8(42n), '61 08 00 00 00 00 00 00 00 2A'],
    ];
    for (const [wire, item, minimal] of cases) {
      expect(decodeItem(hex(wire)), wire).toEqual({ ok: true, value: item });
      expect(Buffer.from(encodeItem(item)).toString('hex'), wire).toBe(
        minimal.replace(/ /g, '').toLowerCase(),
      );
    }
  });

  it('decodes values at an odd offset inside a larger buffer (unaligned view)', () => {
    const big = new Uint8Array(1 + 2 + 16);
    big.set(numeric('F8', [1.25, -2]), 1);
    expect(decodeItem(big.subarray(1))).toEqual({ ok: true, value: F8([1.25, -2]) });
  });
});

describe('encode refusals', () => {
  it('an item longer than 3 length bytes allow is a typed error naming the path', () => {
    const huge = L(A('ok'), B(new Uint8Array(0x1000000)));
    const err = (() => {
      try {
        encodeItem(huge, { maxBodyBytes: 64 * 1024 * 1024 });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SecsEncodeError);
    expect(err).toMatchObject({ code: 'item-too-long', path: 'body[1]' });
  });

  it('a body over maxBodyBytes is refused', () => {
    expect(() => encodeItem(B(new Uint8Array(100)), { maxBodyBytes: 50 })).toThrow(
      expect.objectContaining({ code: 'message-too-large' }),
    );
  });

  it('text with no one-byte code is refused', () => {
    expect(() => encodeItem({ format: 'A', value: '\u20ac' })).toThrow(
      expect.objectContaining({ code: 'not-encodable', path: 'body' }),
    );
  });
});
