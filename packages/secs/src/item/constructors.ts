// Small constructors for items: `U4(1)`, `U4([1, 2])`, `L(A('x'), U4(3))`, `I8(123n)`.
// Values are range-checked here, because a typed array would silently wrap an out-of-range number;
// a bad value is a programmer error (RangeError). A typed array of the right type is taken as is
// (no copy): the item owns it afterwards.

import type {
  AsciiItem,
  BinaryItem,
  BooleanItem,
  Item,
  JisItem,
  ListItem,
  NumericArrays,
  NumericFormat,
} from './item.js';
import { firstNonJis8 } from './jis8.js';

type Numbers = number | readonly number[];
type BigInts = bigint | number | readonly (bigint | number)[];

function checkedArray(format: string, v: Numbers, min: number, max: number, integer: boolean): number[] {
  const arr = typeof v === 'number' ? [v] : v;
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i]!;
    if (typeof x !== 'number') throw new TypeError(`${format}[${i}]: ${String(x)} is not a number`);
    if (!integer) continue;
    if (!Number.isInteger(x) || x < min || x > max)
      throw new RangeError(`${format}[${i}]: ${x} is not an integer in ${min}..${max}`);
  }
  return arr as number[];
}

function intItem<F extends 'I1' | 'I2' | 'I4' | 'U1' | 'U2' | 'U4'>(
  format: F,
  ctor: { new (a: number[]): NumericArrays[F] },
  min: number,
  max: number,
  v: Numbers | NumericArrays[F],
): { format: F; value: NumericArrays[F] } {
  if (ArrayBuffer.isView(v)) {
    if (!(v instanceof ctor)) throw new TypeError(`${format}: expected a ${ctor.name}`);
    return { format, value: v };
  }
  return { format, value: new ctor(checkedArray(format, v, min, max, true)) };
}

/** I1 item (signed 8-bit): one number, an array, or an Int8Array. */
export const I1 = (v: Numbers | Int8Array = []) => intItem('I1', Int8Array, -128, 127, v);
/** I2 item (signed 16-bit). */
export const I2 = (v: Numbers | Int16Array = []) => intItem('I2', Int16Array, -32768, 32767, v);
/** I4 item (signed 32-bit). */
export const I4 = (v: Numbers | Int32Array = []) => intItem('I4', Int32Array, -2147483648, 2147483647, v);
/** U1 item (unsigned 8-bit). */
export const U1 = (v: Numbers | Uint8Array = []) => intItem('U1', Uint8Array, 0, 255, v);
/** U2 item (unsigned 16-bit). */
export const U2 = (v: Numbers | Uint16Array = []) => intItem('U2', Uint16Array, 0, 65535, v);
/** U4 item (unsigned 32-bit). */
export const U4 = (v: Numbers | Uint32Array = []) => intItem('U4', Uint32Array, 0, 4294967295, v);

function bigArray(format: string, v: BigInts, min: bigint, max: bigint): bigint[] {
  const arr = typeof v === 'bigint' || typeof v === 'number' ? [v] : v;
  return arr.map((x, i) => {
    if (typeof x === 'number' && !Number.isSafeInteger(x))
      throw new RangeError(`${format}[${i}]: ${x} is not a safe integer; pass a bigint`);
    const b = BigInt(x);
    if (b < min || b > max) throw new RangeError(`${format}[${i}]: ${b} is not in ${min}..${max}`);
    return b;
  });
}

/** I8 item (signed 64-bit, bigint values; safe-integer numbers are accepted). */
export function I8(v: BigInts | BigInt64Array = []): { format: 'I8'; value: BigInt64Array } {
  if (v instanceof BigInt64Array) return { format: 'I8', value: v };
  if (ArrayBuffer.isView(v)) throw new TypeError('I8: expected a BigInt64Array');
  return { format: 'I8', value: BigInt64Array.from(bigArray('I8', v, -(1n << 63n), (1n << 63n) - 1n)) };
}

/** U8 item (unsigned 64-bit, bigint values; safe-integer numbers are accepted). */
export function U8(v: BigInts | BigUint64Array = []): { format: 'U8'; value: BigUint64Array } {
  if (v instanceof BigUint64Array) return { format: 'U8', value: v };
  if (ArrayBuffer.isView(v)) throw new TypeError('U8: expected a BigUint64Array');
  return { format: 'U8', value: BigUint64Array.from(bigArray('U8', v, 0n, (1n << 64n) - 1n)) };
}

/** F4 item (IEEE 754 single; numbers are rounded to single precision). */
export function F4(v: Numbers | Float32Array = []): { format: 'F4'; value: Float32Array } {
  if (v instanceof Float32Array) return { format: 'F4', value: v };
  if (ArrayBuffer.isView(v)) throw new TypeError('F4: expected a Float32Array');
  return { format: 'F4', value: Float32Array.from(checkedArray('F4', v, 0, 0, false)) };
}

/** F8 item (IEEE 754 double). */
export function F8(v: Numbers | Float64Array = []): { format: 'F8'; value: Float64Array } {
  if (v instanceof Float64Array) return { format: 'F8', value: v };
  if (ArrayBuffer.isView(v)) throw new TypeError('F8: expected a Float64Array');
  return { format: 'F8', value: Float64Array.from(checkedArray('F8', v, 0, 0, false)) };
}

/** List item of the given members (a few, written out: `L(A('x'), U4(3))`; for many, `L.from`). */
export function L(...items: Item[]): ListItem {
  return { format: 'L', value: items };
}

/**
 * List item of an array of members, any number of them: the list owns the array afterwards (no
 * copy). Use it for members built from data (`L.from(ids.map(id))`): spreading thousands of members
 * into `L(...)` overflows the call stack (V8 takes about 120,000 arguments).
 */
L.from = (items: readonly Item[]): ListItem => ({ format: 'L', value: items as Item[] });

/** Binary item: a Uint8Array (taken as is), an array of byte values, or one byte value. */
export function B(v: Uint8Array | Numbers = []): BinaryItem {
  if (v instanceof Uint8Array) return { format: 'B', value: v };
  return { format: 'B', value: Uint8Array.from(checkedArray('B', v, 0, 255, true)) };
}

/** BOOLEAN item: one boolean or an array. */
export function BOOLEAN(v: boolean | readonly boolean[] = []): BooleanItem {
  return { format: 'BOOLEAN', value: typeof v === 'boolean' ? [v] : v.slice() };
}

/** ASCII item; characters above U+00FF cannot be one byte and are refused (RangeError). */
export function A(text = ''): AsciiItem {
  const bad = text.search(/[^\u0000-\u00ff]/);
  if (bad >= 0)
    throw new RangeError(`A: character ${bad} (U+${text.charCodeAt(bad).toString(16)}) is not one byte`);
  return { format: 'A', value: text };
}

/** JIS-8 item; characters JIS X 0201 cannot represent are refused (RangeError). Use '¥' and '‾'. */
export function J(text = ''): JisItem {
  const bad = firstNonJis8(text);
  if (bad >= 0)
    throw new RangeError(`J: character ${bad} (U+${text.charCodeAt(bad).toString(16)}) is not in JIS-8`);
  return { format: 'J', value: text };
}

/** Build a numeric item of a format chosen at run time from a typed array of the right type. */
export function numericItem<F extends NumericFormat>(format: F, value: NumericArrays[F]): Item {
  return { format, value } as Item;
}
