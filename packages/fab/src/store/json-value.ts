// Event reports, trace samples and summaries are stored as JSON text. JSON has no NaN or Infinity
// (JSON.stringify turns them into null) and no undefined (it drops the key): a value that would not
// read back as it was written is refused with its key path instead of being changed silently.
import { type Issue, issue } from '@bondline/core';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** Nesting beyond this is not a GEM report (a list in a list in a list...) but a mistake or an attack. */
const MAX_DEPTH = 32;

/**
 * The JSON text of `value`, or an issue naming the first part that JSON cannot hold exactly
 * (a non-finite number, undefined, a bigint, a function, a typed array, a cycle or deep nesting).
 */
export function jsonText(
  value: unknown,
  path: string,
): { ok: true; text: string } | { ok: false; issue: Issue<'invalid-record'> } {
  // The common case, a value JSON holds exactly, is checked without building a path per key.
  const bad = holdsExactly(value, 0) ? undefined : firstBadPart(value, path, 0);
  if (bad !== undefined) return { ok: false, issue: bad };
  return { ok: true, text: JSON.stringify(value) };
}

/** True when `firstBadPart` would find nothing. */
function holdsExactly(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!holdsExactly(value[i], depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const key in value) {
        if (Object.hasOwn(value, key) && !holdsExactly(Reflect.get(value, key), depth + 1)) return false;
      }
      return true;
    default:
      return false;
  }
}

function firstBadPart(value: unknown, path: string, depth: number): Issue<'invalid-record'> | undefined {
  if (depth > MAX_DEPTH)
    return issue('invalid-record', `${path}: nested deeper than ${MAX_DEPTH} levels`, path);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? undefined
      : issue(
          'invalid-record',
          `${path}: ${String(value)} cannot be stored as JSON (finite numbers only)`,
          path,
        );
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstBadPart(value[i], `${path}[${i}]`, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const bad = firstBadPart(v, `${path}.${k}`, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  return issue('invalid-record', `${path}: a ${describe(value)} cannot be stored as JSON`, path);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return value.constructor?.name ?? 'object';
}

/** A JSON object read back from the store (text from SQLite, text from PostgreSQL's jsonb as configured). */
export function parseJsonObject(text: unknown): JsonObject {
  if (typeof text !== 'string') throw new TypeError(`expected JSON text from the store, got ${typeof text}`);
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('expected a JSON object from the store');
  }
  return value as JsonObject;
}

/** Any JSON value read back from the store. */
export function parseJsonValue(text: unknown): JsonValue {
  if (typeof text !== 'string') throw new TypeError(`expected JSON text from the store, got ${typeof text}`);
  return JSON.parse(text) as JsonValue;
}
