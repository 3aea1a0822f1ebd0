// SECS-II decoder. Iterative (an explicit stack of open lists), so no input can overflow the call
// stack; every declared length is checked against the bytes that remain and the configured limits
// BEFORE anything is allocated for it. Expected failures come back as values, never as exceptions.

import type { Issue } from '@bondline/core';
import { ELEMENT_BYTES, type Item } from '../item/item.js';
import { decodeLeaf } from './decode-leaf.js';
import { FORMAT_BY_CODE } from './format-code.js';

/** Limits applied while decoding; defaults in DEFAULT_DECODE_LIMITS. */
export interface DecodeLimits {
  /** Largest body accepted, bytes. */
  maxBodyBytes?: number;
  /** Deepest list nesting accepted; a top-level list is depth 1. */
  maxDepth?: number;
  /** Most items (lists and leaves, counted over the whole body) accepted. */
  maxItems?: number;
}

/**
 * Defaults: 16 MiB body, lists nested 64 deep, 250,000 items. The item cap bounds memory, not the
 * body size: a 2 MB body of a million empty items decodes to about 200 MB of objects (measured), so
 * the default allows about 50 MB; raise it for hosts that send larger reports.
 */
export const DEFAULT_DECODE_LIMITS: Readonly<Required<DecodeLimits>> = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxItems: 250_000,
};

export type DecodeIssueCode =
  | 'empty'
  | 'truncated'
  | 'unknown-format'
  | 'no-length-bytes'
  | 'bad-length'
  | 'too-deep'
  | 'too-many-items'
  | 'message-too-large'
  | 'trailing-bytes';

/**
 * Why a body cannot be decoded. `offset` is the byte offset in the body of the offending item or byte
 * (the message ends with it: `... at byte 5`); `path` is the item it was reading (`body[1][0]`), when
 * inside the body's item.
 */
export interface DecodeIssue extends Issue<DecodeIssueCode> {
  readonly offset: number;
}

/** A decoded item, or the one issue that stopped the decoder. */
export type DecodeResult =
  | { readonly ok: true; readonly value: Item }
  | { readonly ok: false; readonly issues: readonly DecodeIssue[] };

interface OpenList {
  items: Item[];
  left: number;
}

const fail = (code: DecodeIssueCode, message: string, offset: number, stack?: OpenList[]): DecodeResult => {
  const at = `${message} at byte ${offset}`;
  const path = stack === undefined ? undefined : itemPath(stack);
  return {
    ok: false,
    issues: [path === undefined ? { code, message: at, offset } : { code, message: at, offset, path }],
  };
};

/**
 * `body[i][j]` of the item being read (computed only on failure): an open list's member that is itself
 * open is its last one; the innermost list is reading its next member.
 */
function itemPath(stack: readonly OpenList[]): string {
  let p = 'body';
  stack.forEach((l, i) => {
    p += `[${i === stack.length - 1 ? l.items.length : l.items.length - 1}]`;
  });
  return p;
}

/**
 * Decode a SECS-II body (exactly one item, nothing after it). Numeric arrays come back as host-order
 * typed arrays (large ones by one bulk copy and in-place swap); nothing returned aliases `bytes`.
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
    if (pos >= end) return fail('truncated', 'body ends where an item header was expected', pos, stack);
    const formatByte = bytes[pos]!;
    const format = FORMAT_BY_CODE[formatByte >>> 2];
    const nLen = formatByte & 3;
    if (format === undefined)
      return fail('unknown-format', `unknown format code 0o${(formatByte >>> 2).toString(8)}`, pos, stack);
    if (nLen === 0) return fail('no-length-bytes', `${format} item declares 0 length bytes`, pos, stack);
    if (pos + 1 + nLen > end) return fail('truncated', `${format} item header cut short`, pos, stack);
    let length = 0;
    for (let i = 1; i <= nLen; i++) length = length * 256 + bytes[pos + i]!;
    pos += 1 + nLen;
    count++;
    if (count > maxItems) return fail('too-many-items', `more than ${maxItems} items`, start, stack);

    let item: Item;
    let opened: OpenList | undefined;
    if (format === 'L') {
      // Every member needs at least 2 bytes (format byte + 1 length byte).
      if (length > (end - pos) / 2)
        return fail(
          'truncated',
          `list declares ${length} items but only ${end - pos} bytes follow`,
          start,
          stack,
        );
      if (count + length > maxItems)
        return fail(
          'too-many-items',
          `list of ${length} items exceeds the limit of ${maxItems} items`,
          start,
          stack,
        );
      if (stack.length + 1 > maxDepth)
        return fail('too-deep', `lists nested deeper than ${maxDepth}`, start, stack);
      const members: Item[] = [];
      item = { format: 'L', value: members };
      if (length > 0) opened = { items: members, left: length };
    } else {
      if (length > end - pos)
        return fail(
          'truncated',
          `${format} item declares ${length} bytes but only ${end - pos} follow`,
          start,
          stack,
        );
      const size = ELEMENT_BYTES[format];
      if (length % size !== 0)
        return fail('bad-length', `${format} length ${length} is not a multiple of ${size}`, start, stack);
      item = decodeLeaf(format, bytes, dv, pos, length);
      pos += length;
    }

    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (opened === undefined) {
        if (pos !== end) return fail('trailing-bytes', trailing(end - pos), pos);
        return { ok: true, value: item };
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
      if (pos !== end) return fail('trailing-bytes', trailing(end - pos), pos);
      return { ok: true, value: root! };
    }
  }
}

function trailing(n: number): string {
  return `${n} byte${n === 1 ? '' : 's'} after the body's item`;
}
