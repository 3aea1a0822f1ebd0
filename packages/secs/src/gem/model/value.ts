// Values of variables and constants: JS numbers/strings/booleans held with the SECS-II format the
// model declares, converted to and from items at the wire boundary. `L` is a list of ids, only for
// the E30 list SVs GEM computes (AlarmsEnabled, AlarmsSet, EventsEnabled; see builtin-types.ts).

import { type Issue, issue, type Result } from '@bondline/core';
import { A, B, BOOLEAN, F4, F8, I1, I2, I4, L, U1, U2, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';

/**
 * The item formats a declared variable may have (64-bit integers are left out: JS numbers). `B` is
 * one byte (E5 format 10, e.g. LIMITID), held as a number 0..255 and sent as B [1]. `L` is a list of
 * ids (ALIDs, CEIDs) held as ascending numbers and sent as <L <U4 id> ...>, like ids elsewhere.
 */
export const VALUE_TYPES = [
  'U1',
  'U2',
  'U4',
  'I1',
  'I2',
  'I4',
  'F4',
  'F8',
  'B',
  'A',
  'BOOLEAN',
  'L',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type Value = number | string | boolean | readonly number[];

const INT_RANGE: Record<string, [number, number]> = {
  U1: [0, 255],
  U2: [0, 65535],
  U4: [0, 4294967295],
  I1: [-128, 127],
  I2: [-32768, 32767],
  I4: [-2147483648, 2147483647],
  B: [0, 255],
};

const NUMBER_ITEM: Record<Exclude<ValueType, 'A' | 'BOOLEAN' | 'L'>, (v: number) => Item> = {
  U1,
  U2,
  U4,
  I1,
  I2,
  I4,
  F4,
  F8,
  B: (v) => B([v]),
};

type ArrayType = Exclude<ValueType, 'A' | 'BOOLEAN' | 'L' | 'B'>;
const ARRAY_ITEM: Record<ArrayType, (v: readonly number[]) => Item> = { U1, U2, U4, I1, I2, I4, F4, F8 };

/** Whether a type is a measured quantity (integers and floats): limits monitoring applies to these. */
export function isNumericType(type: ValueType): boolean {
  return type !== 'A' && type !== 'BOOLEAN' && type !== 'B' && type !== 'L';
}

/** Why a value does not fit its declared type, or undefined when it does. */
export function checkValue(type: ValueType, v: unknown): string | undefined {
  if (type === 'A') return typeof v === 'string' ? undefined : `expected text for ${type}`;
  if (type === 'BOOLEAN') return typeof v === 'boolean' ? undefined : 'expected true or false';
  if (type === 'L') return checkIdList(v);
  // E5: an item of a numeric format is an array of it. A variable may hold one (a pair's overlay map as
  // F8, a die map as U1); each element is checked like a single value.
  if (Array.isArray(v) && type !== 'B') return checkArray(type, v);
  if (typeof v !== 'number' || Number.isNaN(v)) return `expected a number for ${type}`;
  const range = INT_RANGE[type];
  if (range === undefined)
    // A finite value F4 cannot hold would go out as infinity.
    return type === 'F4' && Number.isFinite(v) && !Number.isFinite(Math.fround(v))
      ? `${v} is out of range of F4 (largest 3.4028235e38)`
      : undefined;
  if (!Number.isInteger(v) || v < range[0] || v > range[1])
    return `${v} is not an integer in ${range[0]}..${range[1]} (${type})`;
  return undefined;
}

function checkArray(type: ValueType, v: readonly unknown[]): string | undefined {
  for (let i = 0; i < v.length; i++) {
    const why = checkValue(type, v[i]);
    if (why !== undefined) return `element ${i}: ${why}`;
  }
  return undefined;
}

function checkIdList(v: unknown): string | undefined {
  if (!Array.isArray(v)) return 'expected a list of ids for L';
  const badId = v.find((x) => checkValue('U4', x) !== undefined);
  return badId === undefined ? undefined : `${String(badId)} is not an id (U4) in the list`;
}

/** The item for a value of a declared type. The value must pass `checkValue` (RangeError otherwise). */
export function valueToItem(type: ValueType, v: Value): Item {
  const bad = checkValue(type, v);
  if (bad !== undefined) throw new RangeError(bad);
  if (type === 'A') return A(v as string);
  if (type === 'BOOLEAN') return BOOLEAN(v as boolean);
  if (type === 'L') return L.from((v as readonly number[]).map((n) => U4(n)));
  if (Array.isArray(v)) return ARRAY_ITEM[type as ArrayType](v as readonly number[]);
  return NUMBER_ITEM[type](v as number);
}

/** Why a received item cannot be a value of its declared type. */
type ItemValueIssueCode = 'wrong-format' | 'wrong-count' | 'out-of-range';

type ItemValue = Result<Value, ItemValueIssueCode>;

/**
 * Read a value of a declared type from a received item. Hosts differ in the integer format they send
 * for the same number, so any one-element integer item is accepted for an integer type as long as the
 * number fits; floats accept F4/F8 and integers. `B` takes a one-byte B and, for hosts that send byte
 * codes as integers (as s2-limits.ts accepts for LIMITID), a one-element integer item in 0..255.
 * An item that does not fit is one issue (`path` `[i]` for an element of an L).
 */
export function itemToValue(type: ValueType, item: Item): ItemValue {
  if (type === 'L') return itemToIdList(item);
  if (type === 'A') return item.format === 'A' ? { ok: true, value: item.value } : bad(type, item);
  if (type === 'BOOLEAN')
    return item.format === 'BOOLEAN' && item.value.length === 1
      ? { ok: true, value: item.value[0]! }
      : bad(type, item);
  if (type === 'B' && item.format === 'B')
    return item.value.length === 1
      ? { ok: true, value: item.value[0]! }
      : refuse(issue('wrong-count', `expected one byte (B), got ${item.value.length}`));
  if (
    item.format === 'L' ||
    item.format === 'A' ||
    item.format === 'J' ||
    item.format === 'B' ||
    item.format === 'BOOLEAN'
  )
    return bad(type, item);
  if (item.value.length !== 1)
    return refuse(issue('wrong-count', `expected one ${type} value, got ${item.value.length}`));
  const raw = item.value[0]!;
  const n = typeof raw === 'bigint' ? Number(raw) : raw;
  if ((item.format === 'F4' || item.format === 'F8') && type !== 'F4' && type !== 'F8')
    return bad(type, item);
  const why = checkValue(type, n);
  return why === undefined ? { ok: true, value: n } : refuse(issue('out-of-range', why));
}

/** A list of ids from <L <U4 id> ...> (any one-element unsigned integer item per id). */
function itemToIdList(item: Item): ItemValue {
  if (item.format !== 'L') return bad('L', item);
  const ids: number[] = [];
  for (const [i, el] of item.value.entries()) {
    const v = itemToValue('U4', el);
    if (!v.ok) {
      const first = v.issues[0]!;
      return refuse(issue(first.code, `list element ${i}: ${first.message}`, `[${i}]`));
    }
    ids.push(v.value as number);
  }
  return { ok: true, value: ids };
}

const refuse = (i: Issue<ItemValueIssueCode>): ItemValue => ({ ok: false, issues: [i] });

const bad = (type: ValueType, item: Item): ItemValue =>
  refuse(issue('wrong-format', `expected ${type}, got ${item.format}`));
