// SECS-II decoder. Iterative (an explicit stack of open lists), so no input can overflow the call
// stack; every declared length is checked against the bytes that remain and the configured limits
// BEFORE anything is allocated for it. Expected failures come back as values, never as exceptions.

import { ELEMENT_BYTES, type Item, type ItemFormat } from '../item/item.js';
import { decodeJis8 } from '../item/jis8.js';
import { FORMAT_BY_CODE } from './format-code.js';
import { swapToFromBigEndian } from './host-endian.js';

/** Limits applied while decoding; defaults in DEFAULT_DECODE_LIMITS. */
export interface DecodeLimits {
  /** Largest body accepted, bytes. */
  maxBodyBytes?: number;
  /** Deepest list nesting accepted; a top-level list is depth 1. */
  maxDepth?: number;
  /** Most items (lists and leaves, counted over the whole body) accepted. */
  maxItems?: number;
}

/** Defaults: 16 MiB body, lists nested 64 deep, one million items. */
export const DEFAULT_DECODE_LIMITS: Readonly<Required<DecodeLimits>> = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxItems: 1_000_000,
};

export type DecodeErrorCode =
  | 'empty'
  | 'truncated'
  | 'unknown-format'
  | 'no-length-bytes'
  | 'bad-length'
  | 'too-deep'
  | 'too-many-items'
  | 'message-too-large'
  | 'trailing-bytes';

/** Why a body cannot be decoded; `offset` is the byte offset in the body of the offending item or byte. */
export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
  offset: number;
}

export type DecodeResult = { ok: true; item: Item } | { ok: false; error: DecodeError };

interface OpenList {
  items: Item[];
  left: number;
}

const fail = (code: DecodeErrorCode, message: string, offset: number): DecodeResult => ({
  ok: false,
  error: { code, message: `${message} at byte ${offset}`, offset },
});

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

function leaf(
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

/**
 * Decode a SECS-II body (exactly one item, nothing after it). Numeric arrays come back as typed
 * arrays over a fresh copy, swapped in bulk to host order; nothing returned aliases `bytes`.
 */
export function decodeItem(bytes: Uint8Array, limits: DecodeLimits = {}): DecodeResult {
  const maxBodyBytes = limits.maxBodyBytes ?? DEFAULT_DECODE_LIMITS.maxBodyBytes;
  const maxDepth = limits.maxDepth ?? DEFAULT_DECODE_LIMITS.maxDepth;
  const maxItems = limits.maxItems ?? DEFAULT_DECODE_LIMITS.maxItems;
  const end = bytes.length;
  if (end > maxBodyBytes) return fail('message-too-large', `body of ${end} bytes exceeds ${maxBodyBytes}`, 0);
  if (end === 0) return fail('empty', 'body is empty: expected an item', 0);

  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: OpenList[] = [];
  let pos = 0;
  let count = 0;
  let root: Item | undefined;
  for (;;) {
    const start = pos;
    if (pos >= end) return fail('truncated', 'body ends where an item header was expected', pos);
    const formatByte = bytes[pos]!;
    const format = FORMAT_BY_CODE[formatByte >>> 2];
    const nLen = formatByte & 3;
    if (format === undefined)
      return fail('unknown-format', `unknown format code 0o${(formatByte >>> 2).toString(8)}`, pos);
    if (nLen === 0) return fail('no-length-bytes', `${format} item declares 0 length bytes`, pos);
    if (pos + 1 + nLen > end) return fail('truncated', `${format} item header cut short`, pos);
    let length = 0;
    for (let i = 1; i <= nLen; i++) length = length * 256 + bytes[pos + i]!;
    pos += 1 + nLen;
    count++;
    if (count > maxItems) return fail('too-many-items', `more than ${maxItems} items`, start);

    let item: Item;
    let opened: OpenList | undefined;
    if (format === 'L') {
      // Every member needs at least 2 bytes (format byte + 1 length byte).
      if (length > (end - pos) / 2)
        return fail('truncated', `list declares ${length} items but only ${end - pos} bytes follow`, start);
      if (count + length > maxItems)
        return fail(
          'too-many-items',
          `list of ${length} items exceeds the limit of ${maxItems} items`,
          start,
        );
      if (stack.length + 1 > maxDepth) return fail('too-deep', `lists nested deeper than ${maxDepth}`, start);
      const members: Item[] = [];
      item = { format: 'L', value: members };
      if (length > 0) opened = { items: members, left: length };
    } else {
      if (length > end - pos)
        return fail(
          'truncated',
          `${format} item declares ${length} bytes but only ${end - pos} follow`,
          start,
        );
      const size = ELEMENT_BYTES[format];
      if (length % size !== 0)
        return fail('bad-length', `${format} length ${length} is not a multiple of ${size}`, start);
      item = leaf(format, bytes, dv, pos, length);
      pos += length;
    }

    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (opened === undefined) {
        if (pos !== end) return fail('trailing-bytes', `${end - pos} bytes after the body's item`, pos);
        return { ok: true, item };
      }
      stack.push(opened);
      root = item;
      continue;
    }
    top.items.push(item);
    top.left--;
    if (opened !== undefined) {
      stack.push(opened);
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.left === 0) stack.pop();
    if (stack.length === 0) {
      if (pos !== end) return fail('trailing-bytes', `${end - pos} bytes after the body's item`, pos);
      return { ok: true, item: root! };
    }
  }
}
