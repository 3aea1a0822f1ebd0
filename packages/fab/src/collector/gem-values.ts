// Values as the host decoded them (PlainValue, Item) made into what the store keeps: JSON for event
// data, typed arrays for maps. Pure.
import type { Item, PlainValue } from '@bondline/secs';
import type { JsonObject, JsonValue } from '../store/json-value.js';
import type { NumericMap } from '../store/map-codec.js';

/** Arrays longer than this stay out of an event's JSON data (maps go to the pair result's maps). */
const MAX_JSON_ARRAY = 256;

/** A decoded value as JSON: non-finite numbers become null, large integers text, bytes numbers. */
export function jsonOf(v: PlainValue): JsonValue {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint')
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return Array.from(v);
  return v.map(jsonOf);
}

/** True when every value is JSON as it is: text, a finite number, a boolean. */
function allPlainJson(values: Readonly<Record<string, PlainValue>>): boolean {
  for (const k in values) {
    const v = values[k];
    const t = typeof v;
    if (t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(v))) continue;
    return false;
  }
  return true;
}

/**
 * Event data: every value by name, leaving out arrays over MAX_JSON_ARRAY elements. The decoder's
 * object itself when every value is JSON already (the usual report: numbers and text), not a copy.
 */
export function eventData(values: Readonly<Record<string, PlainValue>>): JsonObject {
  if (allPlainJson(values)) return values as Readonly<Record<string, string | number | boolean>>;
  const out: Record<string, JsonValue> = {};
  // for...in over the decoder's own plain object: no entry arrays per value (once per event, per value).
  for (const k in values) {
    const v = values[k];
    if (v === undefined) continue;
    if (typeof v === 'object' && v.length > MAX_JSON_ARRAY) continue;
    out[k] = jsonOf(v);
  }
  return out;
}

/** An F8 item of 4 values per row as an [n, 4] f64 map; undefined when it is not one. */
export function rowsOf4(item: Item | undefined): NumericMap | undefined {
  if (item === undefined || (item.format !== 'F8' && item.format !== 'F4')) return undefined;
  const v = item.value;
  if (v.length % 4 !== 0) return undefined;
  return { dims: [v.length / 4, 4], data: item.format === 'F8' ? v : Float64Array.from(v) };
}

/** A U1 item with its rows and columns as a [rows, cols] u8 map; undefined when they do not agree. */
export function gridOf(item: Item | undefined, rows: unknown, cols: unknown): NumericMap | undefined {
  if (item === undefined || item.format !== 'U1') return undefined;
  if (typeof rows !== 'number' || typeof cols !== 'number' || rows * cols !== item.value.length)
    return undefined;
  return { dims: [rows, cols], data: item.value };
}

export const text = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: JsonValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
