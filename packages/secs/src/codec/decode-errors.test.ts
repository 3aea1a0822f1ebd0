import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, F4, F8, I2, I8, J, L, U4, U8 } from '../item/constructors.js';
import { DEFAULT_DECODE_LIMITS, decodeItem } from './decode.js';
import { encodeItem } from './encode.js';
import { hex, list, numeric } from './test-wire-writer.test-util.js';

const sample = Uint8Array.from(
  list(
    numeric('U4', [1, 2, 3]),
    [0x41, 0x02, 0x68, 0x69],
    list(numeric('F8', [0.5]), list(), numeric('I8', [-5n])),
    [0x25, 0x01, 0x01],
    numeric('U2', []),
  ),
);

describe('truncated and damaged bodies give typed errors', () => {
  it('every proper prefix of a message fails with a typed error, never a throw', () => {
    for (let n = 0; n < sample.length; n++) {
      const r = decodeItem(sample.subarray(0, n));
      expect(r.ok, `prefix of ${n} bytes`).toBe(false);
      if (!r.ok) {
        expect(['truncated', 'empty']).toContain(r.issues[0]?.code);
        expect(r.issues[0]?.offset).toBeLessThanOrEqual(n);
      }
    }
    expect(decodeItem(sample).ok).toBe(true);
  });

  it('every prefix of each item kind fails cleanly', () => {
    for (const item of [
      A('hello'),
      B([1, 2, 3]),
      BOOLEAN([true]),
      J('ｱ'),
      I2([1, -1]),
      F4(1),
      U8(7n),
      L(L()),
    ]) {
      const bytes = encodeItem(item);
      for (let n = 0; n < bytes.length; n++) expect(decodeItem(bytes.subarray(0, n)).ok).toBe(false);
    }
  });

  it('names the offset of the offending item', () => {
    // L[2] <U1 1> then a U4 item declaring 8 bytes with only 4 present (at offset 5).
    const r = decodeItem(hex('01 02 A5 01 01 B1 08 00 00 00 01'));
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'truncated',
          offset: 5,
          path: 'body[1]',
          message: 'U4 item declares 8 bytes but only 4 follow at byte 5',
        },
      ],
    });
  });

  it('unknown format code', () => {
    const r = decodeItem(hex('0D 00')); // code 0o03 is not in E5
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'unknown-format', offset: 0 });
  });

  it('zero length bytes', () => {
    const r = decodeItem(hex('01 01 B0 00'));
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'no-length-bytes', offset: 2 });
  });

  it('length not a multiple of the element size', () => {
    const r = decodeItem(hex('B1 03 00 00 01'));
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'bad-length', offset: 0 });
  });

  it('bytes after the item', () => {
    const r = decodeItem(hex('A5 01 07 00'));
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'trailing-bytes', offset: 3 });
  });

  it('empty body', () => {
    expect(decodeItem(new Uint8Array(0))).toEqual({
      ok: false,
      issues: [{ code: 'empty', offset: 0, message: 'body is empty: expected an item at byte 0' }],
    });
  });
});

describe('limits', () => {
  it('a huge declared list count is refused against the remaining bytes before allocating', () => {
    const r = decodeItem(hex('03 FF FF FF')); // L of 16777215 members, no bytes follow
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'truncated', offset: 0 });
  });

  it('a huge declared byte length is refused against the remaining bytes', () => {
    const r = decodeItem(hex('23 FF FF FF 00'));
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'truncated', offset: 0 });
  });

  it('maxBodyBytes', () => {
    const r = decodeItem(new Uint8Array(101), { maxBodyBytes: 100 });
    expect(r.ok === false && r.issues[0]?.code).toBe('message-too-large');
  });

  it('maxDepth: depth equal to the limit passes, one more fails', () => {
    const nest = (d: number): ReturnType<typeof L> => (d === 1 ? L() : L(nest(d - 1)));
    expect(decodeItem(encodeItem(nest(5)), { maxDepth: 5 }).ok).toBe(true);
    const r = decodeItem(encodeItem(nest(6)), { maxDepth: 5 });
    expect(r.ok === false && r.issues[0]).toMatchObject({
      code: 'too-deep',
      offset: 10,
      path: 'body[0][0][0][0][0]',
    });
  });

  it('maxItems counts lists and leaves; a declared list count over the budget is refused up front', () => {
    const body = encodeItem(L(U4(1), U4(2), U4(3)));
    expect(decodeItem(body, { maxItems: 4 }).ok).toBe(true);
    const r = decodeItem(body, { maxItems: 3 });
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'too-many-items', offset: 0 });
  });

  it('the default item cap (250,000) refuses a list of 250,000 members up front (with the list itself, 250,001 items)', () => {
    const n = 250_000; // L header 03 03 d0 90, then n empty U1 items (a5 00)
    const bytes = new Uint8Array(4 + 2 * n);
    bytes.set([0x03, 0x03, 0xd0, 0x90]);
    for (let i = 0; i < n; i++) bytes.set([0xa5, 0x00], 4 + 2 * i);
    const r = decodeItem(bytes);
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'too-many-items', offset: 0 });
    expect(DEFAULT_DECODE_LIMITS.maxItems).toBe(250_000);
  });

  it('deep nesting of 100000 lists does not overflow the stack with a raised depth limit', () => {
    const depth = 100000;
    const bytes = new Uint8Array(depth * 2);
    for (let i = 0; i < depth - 1; i++) bytes.set([0x01, 0x01], i * 2);
    bytes.set([0x01, 0x00], (depth - 1) * 2);
    const r = decodeItem(bytes, { maxDepth: depth, maxItems: depth });
    expect(r.ok).toBe(true);
  });

  it('F8 and I8 decode at the default limits', () => {
    expect(decodeItem(encodeItem(L(F8([1, 2]), I8(3n))))).toEqual({ ok: true, value: L(F8([1, 2]), I8(3n)) });
  });
});
