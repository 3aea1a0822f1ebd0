import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, F4, I8, L, U1, U2, U4 } from './constructors.js';
import { ItemShapeError, readBody, readItem } from './reader.js';

// An S1F4-like body: list of status values.
const body = L(U4(7), L(A('MDLN'), U1(3)), BOOLEAN(true), F4(1.5), B([1, 2]), I8(5n));

describe('item reader', () => {
  it('reads the expected shape', () => {
    const [a, b, c, d, e, f] = readItem(body).list(6);
    expect(a!.integer()).toBe(7);
    const [name, n] = b!.list(2);
    expect(name!.ascii()).toBe('MDLN');
    expect(n!.integer()).toBe(3);
    expect(c!.boolean()).toBe(true);
    expect(d!.float()).toBe(1.5);
    expect(e!.binary()).toEqual(Uint8Array.of(1, 2));
    expect(f!.integer(['I8'])).toBe(5);
    expect(a!.array('U4')).toEqual(Uint32Array.of(7));
    expect(a!.is('U4')).toBe(true);
  });

  it('names the path where the body differs', () => {
    const r = readBody(body, (b) => b.list(6)[1]!.list(2)[0]!.array('U4'));
    expect(r.ok).toBe(false);
    expect(r).toEqual({
      ok: false,
      issues: [{ code: 'unexpected-item', message: 'body[1][0]: expected U4, got A', path: 'body[1][0]' }],
    });
    expect(() => readItem(body).list(6)[1]!.list(2)[0]!.array('U4')).toThrow(ItemShapeError);
  });

  it('list counts, missing bodies and multi-value items are shape errors', () => {
    expect(() => readItem(body).list(2)).toThrow('body: expected L [2], got L [6]');
    expect(() => readItem(undefined).present()).toThrow('body: expected an item, got nothing');
    expect(() => readItem(U2([1, 2])).integer()).toThrow('expected one of I1/I2/I4/U1/U2/U4 [1], got U2');
  });

  it('readBody returns the value when the shape fits', () => {
    expect(readBody(U4(9), (b) => b.integer())).toEqual({ ok: true, value: 9 });
  });
});
