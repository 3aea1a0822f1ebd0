// A small schema for message bodies and a matcher that lists every place a body differs from it, for
// answering a malformed message (S9F7 "illegal data") with all the reasons at once. `ItemReader` is the
// tool for reading values; this is the tool for validating a whole shape.

import { type Issue, issue } from '@bondline/core';
import type { Item, ItemFormat } from './item.js';

/** Shape expected of an item. Build with `Shape`. */
export type ItemShape =
  | { kind: 'any' }
  | { kind: 'format'; formats: readonly ItemFormat[]; count?: number }
  | { kind: 'list'; members: readonly ItemShape[] }
  | { kind: 'list-of'; member: ItemShape; count?: number };

/** Constructors of shapes: `Shape.list(Shape.format('U4', 1), Shape.listOf(Shape.format('A')))`. */
export const Shape = {
  /** Any item. */
  any: (): ItemShape => ({ kind: 'any' }),
  /** An item of this format (or one of these), optionally with exactly `count` elements. */
  format: (formats: ItemFormat | readonly ItemFormat[], count?: number): ItemShape => {
    const f = typeof formats === 'string' ? [formats] : formats;
    return count === undefined ? { kind: 'format', formats: f } : { kind: 'format', formats: f, count };
  },
  /** A list of exactly these members, in order. */
  list: (...members: ItemShape[]): ItemShape => ({ kind: 'list', members }),
  /** A list whose members all have one shape, optionally exactly `count` of them. */
  listOf: (member: ItemShape, count?: number): ItemShape =>
    count === undefined ? { kind: 'list-of', member } : { kind: 'list-of', member, count },
};

/** One place where a body differs from its shape: `path` like `body[1][0]`, the message says what. */
export type ShapeIssue = Issue<'unexpected-item'>;

const describe = (item: Item | undefined): string =>
  item === undefined
    ? 'nothing'
    : item.format === 'L'
      ? `L [${item.value.length}]`
      : `${item.format} [${item.value.length}]`;

function mismatch(out: ShapeIssue[], path: string, expected: string, item: Item | undefined): void {
  out.push(issue('unexpected-item', `${path}: expected ${expected}, got ${describe(item)}`, path));
}

function walk(item: Item | undefined, shape: ItemShape, path: string, out: ShapeIssue[], max: number): void {
  if (out.length >= max) return;
  switch (shape.kind) {
    case 'any':
      if (item === undefined) mismatch(out, path, 'an item', item);
      return;
    case 'format': {
      const want = `${shape.formats.join('/')}${shape.count === undefined ? '' : ` [${shape.count}]`}`;
      if (item === undefined || !shape.formats.includes(item.format)) mismatch(out, path, want, item);
      else if (shape.count !== undefined && item.value.length !== shape.count)
        mismatch(out, path, want, item);
      return;
    }
    case 'list':
      if (item?.format !== 'L' || item.value.length !== shape.members.length) {
        mismatch(out, path, `L [${shape.members.length}]`, item);
        return;
      }
      for (let i = 0; i < shape.members.length; i++)
        walk(item.value[i], shape.members[i]!, `${path}[${i}]`, out, max);
      return;
    case 'list-of':
      if (item?.format !== 'L' || (shape.count !== undefined && item.value.length !== shape.count)) {
        mismatch(out, path, shape.count === undefined ? 'L' : `L [${shape.count}]`, item);
        return;
      }
      for (let i = 0; i < item.value.length; i++)
        walk(item.value[i], shape.member, `${path}[${i}]`, out, max);
      return;
  }
}

/**
 * Every place (up to `maxIssues`, default 20) where `item` differs from `shape`; empty when it fits.
 * Paths read like `body[1][0]`.
 */
export function matchItem(
  item: Item | undefined,
  shape: ItemShape,
  maxIssues = 20,
  path = 'body',
): ShapeIssue[] {
  const out: ShapeIssue[] = [];
  walk(item, shape, path, out, maxIssues);
  return out;
}
