import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, F4, F8, I1, I2, I4, I8, J, L, U1, U2, U4, U8 } from './constructors.js';

describe('item constructors', () => {
  it('one value or an array, held in the format typed array', () => {
    expect(U4(1)).toEqual({ format: 'U4', value: Uint32Array.of(1) });
    expect(U4([1, 2])).toEqual({ format: 'U4', value: Uint32Array.of(1, 2) });
    expect(I8(123n)).toEqual({ format: 'I8', value: BigInt64Array.of(123n) });
    expect(U8([1, 2n])).toEqual({ format: 'U8', value: BigUint64Array.of(1n, 2n) });
    expect(F4(0.1).value[0]).toBe(Math.fround(0.1));
    expect(L(A('x'), L())).toEqual({ format: 'L', value: [A('x'), { format: 'L', value: [] }] });
    expect(BOOLEAN(true)).toEqual({ format: 'BOOLEAN', value: [true] });
  });

  it('typed arrays are taken without a copy', () => {
    const a = new Float64Array(4);
    expect(F8(a).value).toBe(a);
  });

  it('refuses values a typed array would silently wrap (RangeError)', () => {
    expect(() => U1(256)).toThrow(RangeError);
    expect(() => U2(-1)).toThrow(RangeError);
    expect(() => U4(2 ** 32)).toThrow(RangeError);
    expect(() => I1(128)).toThrow(RangeError);
    expect(() => I2(1.5)).toThrow(RangeError);
    expect(() => I4(-(2 ** 31) - 1)).toThrow(RangeError);
    expect(() => I8(2n ** 63n)).toThrow(RangeError);
    expect(() => U8(-1n)).toThrow(RangeError);
    expect(() => I8(2 ** 60)).toThrow(/safe integer/);
    expect(() => B([300])).toThrow(RangeError);
    expect(() => U4(new Int32Array(1) as unknown as Uint32Array)).toThrow(TypeError);
  });

  it('refuses text with no one-byte code', () => {
    expect(() => A('€')).toThrow(/U\+20ac/);
    expect(() => J('\\')).toThrow(RangeError); // JIS-8 byte 0x5C is ¥, not backslash
    expect(J('¥‾ｱ').value).toBe('¥‾ｱ');
  });
});
