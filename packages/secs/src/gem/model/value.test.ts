import { describe, expect, it } from 'vitest';
import { A, B, F4, F8, I2, L, U1, U2, U4 } from '../../item/constructors.js';
import { checkValue, isNumericType, itemToValue, valueToItem } from './value.js';

describe('values', () => {
  it('refuses a finite F4 value that single precision would turn into infinity', () => {
    expect(checkValue('F4', 3.4e38)).toBeUndefined();
    expect(checkValue('F4', 1e39)).toBe('1e+39 is out of range of F4 (largest 3.4028235e38)');
    expect(checkValue('F4', Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(checkValue('F8', 1e300)).toBeUndefined();
  });
  it('checks ranges per E5 integer width', () => {
    expect(checkValue('U1', 255)).toBeUndefined();
    expect(checkValue('U1', 256)).toMatch(/0..255/);
    expect(checkValue('I2', -32769)).toMatch(/-32768..32767/);
    expect(checkValue('A', 3)).toMatch(/text/);
  });
  it('reads any integer width that fits and refuses the wrong kind', () => {
    expect(itemToValue('U4', U1(7))).toEqual({ ok: true, value: 7 });
    expect(itemToValue('U1', I2(-1))).toMatchObject({ ok: false });
    expect(itemToValue('F8', U4(3))).toEqual({ ok: true, value: 3 });
    expect(itemToValue('U4', F4(3))).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ message: 'expected U4, got F4' })],
    });
    expect(itemToValue('A', L())).toMatchObject({ ok: false });
    expect(itemToValue('A', A('x'))).toEqual({ ok: true, value: 'x' });
  });
  it('builds items of the declared format', () => {
    expect(valueToItem('U2', 5)).toEqual({ format: 'U2', value: new Uint16Array([5]) });
    expect(() => valueToItem('U1', -1)).toThrow(RangeError);
  });
  it('holds an array of a numeric format as one item of that format (E5 items are arrays)', () => {
    expect(valueToItem('F8', [1.5, -2, 0])).toEqual(F8([1.5, -2, 0]));
    expect(valueToItem('U1', [0, 3, 255])).toEqual({ format: 'U1', value: new Uint8Array([0, 3, 255]) });
    expect(valueToItem('F8', [])).toEqual(F8([]));
    expect(checkValue('U1', [1, 256])).toBe('element 1: 256 is not an integer in 0..255 (U1)');
    expect(checkValue('F8', [1, Number.NaN])).toBe('element 1: expected a number for F8');
    expect(checkValue('A', ['x'])).toMatch(/text/);
    expect(checkValue('B', [1, 2])).toMatch(/number/);
  });
});

describe('B (one byte, E5 format 10)', () => {
  it('holds an integer 0..255', () => {
    expect(checkValue('B', 0)).toBeUndefined();
    expect(checkValue('B', 255)).toBeUndefined();
    expect(checkValue('B', 256)).toBe('256 is not an integer in 0..255 (B)');
    expect(checkValue('B', 1.5)).toBe('1.5 is not an integer in 0..255 (B)');
    expect(checkValue('B', true)).toBe('expected a number for B');
  });
  it('goes out as B [1]', () => {
    expect(valueToItem('B', 1)).toEqual({ format: 'B', value: new Uint8Array([1]) });
    expect(valueToItem('B', 255)).toEqual(B([255]));
    expect(() => valueToItem('B', -1)).toThrow(RangeError);
  });
  it('reads a one-byte B, and an integer item in 0..255 from a lenient host', () => {
    expect(itemToValue('B', B([7]))).toEqual({ ok: true, value: 7 });
    expect(itemToValue('B', U1(7))).toEqual({ ok: true, value: 7 });
    expect(itemToValue('B', U2(200))).toEqual({ ok: true, value: 200 });
    expect(itemToValue('B', U2(256))).toEqual({
      ok: false,
      issues: [{ code: 'out-of-range', message: '256 is not an integer in 0..255 (B)' }],
    });
  });
  it('refuses bytes of another length, floats, text and booleans', () => {
    expect(itemToValue('B', B([]))).toEqual({
      ok: false,
      issues: [{ code: 'wrong-count', message: 'expected one byte (B), got 0' }],
    });
    expect(itemToValue('B', B([1, 2]))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ message: 'expected one byte (B), got 2' })],
    });
    expect(itemToValue('B', F8(1))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ message: 'expected B, got F8' })],
    });
    expect(itemToValue('B', A('1'))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ message: 'expected B, got A' })],
    });
  });
  it('is still refused where an integer type is declared', () => {
    expect(itemToValue('U1', B([1]))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ message: 'expected U1, got B' })],
    });
  });
  it('is a code, not a measured quantity: no limits monitoring', () => {
    expect(isNumericType('B')).toBe(false);
    expect(isNumericType('F4')).toBe(true);
    expect(isNumericType('U1')).toBe(true);
  });
});

describe('L (ids of the list builtins AlarmsEnabled, AlarmsSet, EventsEnabled)', () => {
  it('holds U4 ids', () => {
    expect(checkValue('L', [])).toBeUndefined();
    expect(checkValue('L', [1, 4294967295])).toBeUndefined();
    expect(checkValue('L', 1)).toBe('expected a list of ids for L');
    expect(checkValue('L', [1, -1])).toBe('-1 is not an id (U4) in the list');
    expect(checkValue('L', ['1'])).toBe('1 is not an id (U4) in the list');
  });
  it('is sent as <L <U4 id> ...> and read back from any unsigned integer items', () => {
    expect(valueToItem('L', [3, 7])).toEqual(L(U4(3), U4(7)));
    expect(valueToItem('L', [])).toEqual(L());
    expect(itemToValue('L', L(U4(3), U1(7)))).toEqual({ ok: true, value: [3, 7] });
    expect(itemToValue('L', U4(3))).toEqual({
      ok: false,
      issues: [expect.objectContaining({ message: 'expected L, got U4' })],
    });
    expect(itemToValue('L', L(U4(1), A('x')))).toEqual({
      ok: false,
      issues: [{ code: 'wrong-format', message: 'list element 1: expected U4, got A', path: '[1]' }],
    });
  });
  it('is not a measured quantity: no limits monitoring', () => {
    expect(isNumericType('L')).toBe(false);
  });
});
