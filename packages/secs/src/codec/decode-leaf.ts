// Values of one non-list item read from the wire into host-order typed arrays. Large arrays: one
// bulk copy into a fresh aligned buffer, swapped in place (Buffer#swap16/32/64), then a typed view.
// Small ones: read element by element through a DataView, cheaper than an ArrayBuffer per item.
// Callers have checked that `length` bytes are there and are a whole number of elements.

import { ELEMENT_BYTES, type Item, type ItemFormat } from '../item/item.js';
import { decodeJis8 } from '../item/jis8.js';
import { swapToFromBigEndian } from './host-endian.js';

/** Copy `length` bytes at `pos` into a fresh aligned buffer and byte-swap it in place. */
function alignedCopy(bytes: Uint8Array, pos: number, length: number, size: number): ArrayBuffer {
  const copy = Buffer.allocUnsafeSlow(length); // own ArrayBuffer, offset 0: aligned for any typed view
  copy.set(bytes.subarray(pos, pos + length));
  swapToFromBigEndian(copy, size);
  return copy.buffer as ArrayBuffer;
}

// Not `bytes.slice`: on a Buffer that returns a view, and decoded items must not alias the input.
function copyBytes(bytes: Uint8Array, pos: number, length: number): Uint8Array {
  const copy = new Uint8Array(length);
  copy.set(bytes.subarray(pos, pos + length));
  return copy;
}

// Below this many value bytes, reading elements one by one through a DataView beats allocating a
// separate ArrayBuffer for a bulk copy + swap (measured in bench/codec.bench.ts).
const SMALL_BYTES = 64;

function smallNumeric(
  format: Exclude<ItemFormat, 'L' | 'A' | 'J' | 'BOOLEAN' | 'B'>,
  dv: DataView,
  pos: number,
  n: number,
): Item {
  switch (format) {
    case 'U1':
    case 'I1': {
      const v = format === 'U1' ? new Uint8Array(n) : new Int8Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getUint8(pos + i);
      return { format, value: v } as Item;
    }
    case 'I2':
    case 'U2': {
      const v = format === 'U2' ? new Uint16Array(n) : new Int16Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getUint16(pos + 2 * i);
      return { format, value: v } as Item;
    }
    case 'I4':
    case 'U4': {
      const v = format === 'U4' ? new Uint32Array(n) : new Int32Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getUint32(pos + 4 * i);
      return { format, value: v } as Item;
    }
    case 'F4': {
      const v = new Float32Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getFloat32(pos + 4 * i);
      return { format, value: v };
    }
    case 'F8': {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getFloat64(pos + 8 * i);
      return { format, value: v };
    }
    case 'I8': {
      const v = new BigInt64Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getBigInt64(pos + 8 * i);
      return { format, value: v };
    }
    case 'U8': {
      const v = new BigUint64Array(n);
      for (let i = 0; i < n; i++) v[i] = dv.getBigUint64(pos + 8 * i);
      return { format, value: v };
    }
  }
}

/** Decode the value bytes of one non-list item at `pos`. */
export function decodeLeaf(
  format: Exclude<ItemFormat, 'L'>,
  bytes: Uint8Array,
  dv: DataView,
  pos: number,
  length: number,
): Item {
  const size = ELEMENT_BYTES[format];
  const n = length / size;
  switch (format) {
    case 'A': {
      if (length > SMALL_BYTES)
        return {
          format,
          value: Buffer.from(bytes.buffer, bytes.byteOffset + pos, length).toString('latin1'),
        };
      let value = '';
      for (let i = 0; i < length; i++) value += String.fromCharCode(bytes[pos + i]!);
      return { format, value };
    }
    case 'J':
      return { format, value: decodeJis8(bytes.subarray(pos, pos + length)) };
    case 'BOOLEAN': {
      const value = new Array<boolean>(n);
      for (let i = 0; i < n; i++) value[i] = bytes[pos + i] !== 0;
      return { format, value };
    }
    case 'B':
      return { format, value: copyBytes(bytes, pos, length) };
    default:
      if (length <= SMALL_BYTES) return smallNumeric(format, dv, pos, n);
  }
  switch (format) {
    case 'U1':
      return { format, value: copyBytes(bytes, pos, length) };
    case 'I1':
      return { format, value: new Int8Array(copyBytes(bytes, pos, length).buffer) };
    case 'I2':
      return { format, value: new Int16Array(alignedCopy(bytes, pos, length, 2), 0, n) };
    case 'U2':
      return { format, value: new Uint16Array(alignedCopy(bytes, pos, length, 2), 0, n) };
    case 'I4':
      return { format, value: new Int32Array(alignedCopy(bytes, pos, length, 4), 0, n) };
    case 'U4':
      return { format, value: new Uint32Array(alignedCopy(bytes, pos, length, 4), 0, n) };
    case 'F4':
      return { format, value: new Float32Array(alignedCopy(bytes, pos, length, 4), 0, n) };
    case 'I8':
      return { format, value: new BigInt64Array(alignedCopy(bytes, pos, length, 8), 0, n) };
    case 'U8':
      return { format, value: new BigUint64Array(alignedCopy(bytes, pos, length, 8), 0, n) };
    case 'F8':
      return { format, value: new Float64Array(alignedCopy(bytes, pos, length, 8), 0, n) };
  }
}
