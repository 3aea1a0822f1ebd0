// What every list read of the store does with its query's filters: equality on text and integer
// columns, each value checked first (`bad-filter` naming the key), and the refusals the reads share.
import { issue, type Result } from '@bondline/core';
import type { StoreIssueCode } from './fab-store.js';
import type { Filter } from './keyset-query.js';

type R<T> = Result<T, StoreIssueCode>;

/** Equality filters: text columns from `texts`, integer columns from `numbers` (query key → column). */
export function equalityFilters(
  q: object,
  texts: Readonly<Record<string, string>>,
  numbers: Readonly<Record<string, string>> = {},
): R<Filter[]> {
  const given = new Map(Object.entries(q));
  const out: Filter[] = [];
  for (const [key, col] of Object.entries(texts)) {
    const v = given.get(key);
    if (v === undefined) continue;
    if (typeof v !== 'string') return badFilter(key, v, 'text');
    out.push({ sql: `${col} = ?`, params: [v] });
  }
  for (const [key, col] of Object.entries(numbers)) {
    const v = given.get(key);
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return badFilter(key, v, 'integer ≥ 0');
    out.push({ sql: `${col} = ?`, params: [v] });
  }
  const scope = toolScope(given.get('toolIds'), texts.toolId);
  if (!scope.ok) return scope;
  if (scope.value !== undefined) out.push(scope.value);
  return { ok: true, value: out };
}

/**
 * The filter of a query's `toolIds` (a maker's view: only these tools) on `column`, or undefined when
 * the query has none. An empty list matches nothing.
 */
export function toolScope(ids: unknown, column: string | undefined): R<Filter | undefined> {
  if (ids === undefined) return { ok: true, value: undefined };
  if (column === undefined) throw new TypeError('toolIds on a list that has no tool column');
  if (!Array.isArray(ids) || !ids.every((v): v is string => typeof v === 'string'))
    return badFilter('toolIds', ids, 'a list of tool ids');
  if (ids.length === 0) return { ok: true, value: { sql: '1 = 0', params: [] } };
  return { ok: true, value: { sql: `${column} IN (${ids.map(() => '?').join(', ')})`, params: ids } };
}

export function badFilter<T>(key: string, v: unknown, expected: string): R<T> {
  return { ok: false, issues: [issue('bad-filter', `${key}: ${String(v)} is not ${expected}`, key)] };
}

export function notFound<T>(what: string, id: string): R<T> {
  return { ok: false, issues: [issue('not-found', `no ${what} '${String(id)}' is stored`, 'id')] };
}
