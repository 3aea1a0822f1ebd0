// Shape-checked reading of a received body. Each accessor checks the format (and count) it expects and
// on a mismatch throws ItemShapeError naming where: "body[1][0]: expected U4, got A". `readBody` turns
// that into a result value for code that answers a malformed message (e.g. with S9F7) instead.

import { issue, type Result } from '@bondline/core';
import type { Item, ItemFormat, NumericArrays, NumericFormat } from './item.js';

/** A message body differs from the shape the reader expected. */
export class ItemShapeError extends Error {
  override readonly name = 'ItemShapeError';
  readonly code = 'unexpected-item' as const;
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path}: expected ${expected}, got ${got}`);
  }
}

const describe = (item: Item | undefined): string =>
  item === undefined ? 'nothing' : item.format === 'L' ? `L [${item.value.length}]` : item.format;

const INT_FORMATS: readonly NumericFormat[] = ['I1', 'I2', 'I4', 'U1', 'U2', 'U4'];

/** Reads one item at a known path. */
export class ItemReader {
  constructor(
    readonly item: Item | undefined,
    readonly path = 'body',
  ) {}

  private fail(expected: string): never {
    throw new ItemShapeError(this.path, expected, describe(this.item));
  }

  /** The item, which must be present. */
  present(): Item {
    return this.item ?? this.fail('an item');
  }

  /** True when the item has this format. */
  is(format: ItemFormat): boolean {
    return this.item?.format === format;
  }

  /** Members of a list, as readers; with `count`, the list must hold exactly that many. */
  list(count?: number): ItemReader[] {
    const it = this.item;
    if (it?.format !== 'L' || (count !== undefined && it.value.length !== count))
      this.fail(count === undefined ? 'L' : `L [${count}]`);
    return it.value.map((m, i) => new ItemReader(m, `${this.path}[${i}]`));
  }

  /** Text of an A item. */
  ascii(): string {
    const it = this.item;
    return it?.format === 'A' ? it.value : this.fail('A');
  }

  /** Text of a J item. */
  jis(): string {
    const it = this.item;
    return it?.format === 'J' ? it.value : this.fail('J');
  }

  /** Bytes of a B item. */
  binary(): Uint8Array {
    const it = this.item;
    return it?.format === 'B' ? it.value : this.fail('B');
  }

  /** The single value of a one-element BOOLEAN item. */
  boolean(): boolean {
    const it = this.item;
    return it?.format === 'BOOLEAN' && it.value.length === 1 ? it.value[0]! : this.fail('BOOLEAN [1]');
  }

  /** The typed array of a numeric item of exactly this format. */
  array<F extends NumericFormat>(format: F): NumericArrays[F] {
    const it = this.item;
    return it?.format === format ? (it.value as NumericArrays[F]) : this.fail(format);
  }

  /**
   * The single value of a one-element integer item of any 8..32-bit format (hosts differ in which
   * they send for the same ID), or of one of `formats` when given.
   */
  integer(formats: readonly NumericFormat[] = INT_FORMATS): number {
    const it = this.item;
    if (it !== undefined && formats.includes(it.format as NumericFormat) && it.value.length === 1) {
      const v = it.value[0];
      if (typeof v === 'number') return v;
      if (
        typeof v === 'bigint' &&
        v >= BigInt(Number.MIN_SAFE_INTEGER) &&
        v <= BigInt(Number.MAX_SAFE_INTEGER)
      )
        return Number(v);
    }
    return this.fail(`one of ${formats.join('/')} [1]`);
  }

  /** The single value of a one-element F4 or F8 item. */
  float(): number {
    const it = this.item;
    return (it?.format === 'F4' || it?.format === 'F8') && it.value.length === 1
      ? it.value[0]!
      : this.fail('F4/F8 [1]');
  }
}

/** Start reading a body (which may be absent). */
export function readItem(item: Item | undefined, path = 'body'): ItemReader {
  return new ItemReader(item, path);
}

/** Run `read` over a body; a shape error comes back as one `unexpected-item` issue at its path. */
export function readBody<T>(
  item: Item | undefined,
  read: (body: ItemReader) => T,
): Result<T, 'unexpected-item'> {
  try {
    return { ok: true, value: read(new ItemReader(item)) };
  } catch (err) {
    if (err instanceof ItemShapeError) return { ok: false, issues: [issue(err.code, err.message, err.path)] };
    throw err;
  }
}
