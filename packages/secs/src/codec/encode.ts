// SECS-II encoder: two passes (size, then write) into one buffer, so a message is one allocation.
// Length bytes are chosen minimally (1..3). Numeric arrays are copied in bulk and swapped in place.

import { ELEMENT_BYTES, type Item, type NumericItem } from '../item/item.js';
import { firstNonJis8, writeJis8 } from '../item/jis8.js';
import { FORMAT_CODE, MAX_ITEM_LENGTH } from './format-code.js';
import { swapToFromBigEndian } from './host-endian.js';

/** Default cap on an encoded body, bytes: 16 MiB (the same default as the HSMS frame limit). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export type EncodeErrorCode = 'item-too-long' | 'message-too-large' | 'not-encodable';

/** An item that cannot be put on the wire; `path` names it (`body[2][0]`). */
export class SecsEncodeError extends Error {
  override readonly name = 'SecsEncodeError';
  constructor(
    readonly code: EncodeErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export interface EncodeOptions {
  /** Largest body accepted, bytes. Default 16 MiB. */
  maxBodyBytes?: number;
}

// Failures found while sizing; the path is built only when one propagates, so the common case does
// not format a path string per item.
class SizeFailure {
  readonly indices: number[] = [];
  constructor(
    readonly code: EncodeErrorCode,
    readonly message: string,
  ) {}
}

function lengthBytes(length: number): number {
  if (length <= 0xff) return 1;
  if (length <= 0xffff) return 2;
  if (length <= MAX_ITEM_LENGTH) return 3;
  throw new SizeFailure('item-too-long', `length ${length} exceeds ${MAX_ITEM_LENGTH} (3 length bytes)`);
}

const NOT_ONE_BYTE = /[^\u0000-\u00ff]/;

function valueBytes(item: Item): number {
  switch (item.format) {
    case 'L':
      return item.value.length;
    case 'A':
      if (NOT_ONE_BYTE.test(item.value))
        throw new SizeFailure('not-encodable', 'A holds a character above U+00FF');
      return item.value.length;
    case 'J':
      if (firstNonJis8(item.value) >= 0)
        throw new SizeFailure('not-encodable', 'J holds a character outside JIS-8');
      return item.value.length;
    default:
      return item.value.length * ELEMENT_BYTES[item.format];
  }
}

function encodedSize(item: Item): number {
  const len = valueBytes(item);
  let size = 1 + lengthBytes(len);
  if (item.format !== 'L') return size + len;
  for (let i = 0; i < item.value.length; i++) {
    try {
      size += encodedSize(item.value[i]!);
    } catch (err) {
      if (err instanceof SizeFailure) err.indices.unshift(i);
      throw err;
    }
  }
  return size;
}

// Below this many value bytes a DataView write per element beats a bulk copy + swap of a view.
const SMALL_BYTES = 64;

function writeSmallNumeric(item: NumericItem, dv: DataView, pos: number): void {
  const n = item.value.length;
  switch (item.format) {
    case 'I1':
    case 'U1':
      for (let i = 0; i < n; i++) dv.setUint8(pos + i, item.value[i]! & 0xff);
      return;
    case 'I2':
    case 'U2':
      for (let i = 0; i < n; i++) dv.setUint16(pos + 2 * i, item.value[i]! & 0xffff);
      return;
    case 'I4':
    case 'U4':
      for (let i = 0; i < n; i++) dv.setUint32(pos + 4 * i, item.value[i]! >>> 0);
      return;
    case 'F4':
      for (let i = 0; i < n; i++) dv.setFloat32(pos + 4 * i, item.value[i]!);
      return;
    case 'F8':
      for (let i = 0; i < n; i++) dv.setFloat64(pos + 8 * i, item.value[i]!);
      return;
    case 'I8':
      for (let i = 0; i < n; i++) dv.setBigInt64(pos + 8 * i, item.value[i]!);
      return;
    case 'U8':
      for (let i = 0; i < n; i++) dv.setBigUint64(pos + 8 * i, item.value[i]!);
      return;
  }
}

function write(item: Item, out: Buffer, dv: DataView, pos: number): number {
  const len = item.format === 'L' ? item.value.length : item.value.length * ELEMENT_BYTES[item.format];
  const n = len <= 0xff ? 1 : len <= 0xffff ? 2 : 3;
  out[pos++] = (FORMAT_CODE[item.format] << 2) | n;
  if (n === 3) out[pos++] = len >>> 16;
  if (n >= 2) out[pos++] = (len >>> 8) & 0xff;
  out[pos++] = len & 0xff;
  switch (item.format) {
    case 'L':
      for (const child of item.value) pos = write(child, out, dv, pos);
      return pos;
    case 'A':
      if (len > SMALL_BYTES) out.write(item.value, pos, len, 'latin1');
      else for (let i = 0; i < len; i++) out[pos + i] = item.value.charCodeAt(i);
      return pos + len;
    case 'J':
      writeJis8(item.value, out, pos);
      return pos + len;
    case 'BOOLEAN':
      for (let i = 0; i < len; i++) out[pos + i] = item.value[i] ? 1 : 0;
      return pos + len;
    case 'B':
      out.set(item.value, pos);
      return pos + len;
    default: {
      if (len <= SMALL_BYTES) {
        writeSmallNumeric(item, dv, pos);
        return pos + len;
      }
      const v = item.value;
      out.set(new Uint8Array(v.buffer, v.byteOffset, len), pos);
      swapToFromBigEndian(out.subarray(pos, pos + len), ELEMENT_BYTES[item.format]);
      return pos + len;
    }
  }
}

/**
 * Bytes `encodeItem` would produce for `item`, without encoding it. Throws SecsEncodeError as
 * `encodeItem` does for an item that cannot be encoded at all.
 */
export function encodedItemSize(item: Item): number {
  try {
    return encodedSize(item);
  } catch (err) {
    if (!(err instanceof SizeFailure)) throw err;
    throw new SecsEncodeError(err.code, err.message, `body${err.indices.map((i) => `[${i}]`).join('')}`);
  }
}

/**
 * Encode one item (a message body) to SECS-II bytes. Throws SecsEncodeError (typed, with `code` and
 * `path`) for an item longer than 3 length bytes allow, a body over `maxBodyBytes`, or text that has
 * no one-byte encoding.
 */
export function encodeItem(item: Item, options: EncodeOptions = {}): Uint8Array {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const size = encodedItemSize(item);
  if (size > max)
    throw new SecsEncodeError('message-too-large', `encoded size ${size} bytes exceeds ${max}`, 'body');
  const out = Buffer.allocUnsafeSlow(size);
  write(item, out, new DataView(out.buffer, out.byteOffset, size), 0);
  return new Uint8Array(out.buffer, out.byteOffset, size);
}
