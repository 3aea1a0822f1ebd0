// Keyset pagination: a page ends at the sort key of its last row, and the next page starts strictly
// after it. Rows inserted while a client pages cannot shift it (as OFFSET would), so every row that
// was there when paging began is returned exactly once. The cursor is that key, opaque to clients
// (base64url JSON), and names its list and order so it is refused on another query.
import { type Issue, issue, type Result } from '@bondline/core';

export type SortOrder = 'asc' | 'desc';

/** Paging of every list read. */
export interface PageQuery {
  /** Rows per page, 1..1000 (default 100). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Oldest first (default) or newest first. */
  readonly order?: SortOrder;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Present when more rows may follow: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;
const MAX_CURSOR_CHARS = 2000;
const FORMAT = 1;

export type KeyPart = string | number;
export type KeyKind = 'string' | 'number';

export type PageIssueCode = 'bad-cursor' | 'bad-limit';

export interface PagePosition {
  readonly limit: number;
  readonly order: SortOrder;
  /** The sort key to start after; undefined on the first page. */
  readonly after?: readonly KeyPart[];
}

/** The cursor that starts after `key` in list `list`. */
export function encodeCursor(list: string, order: SortOrder, key: readonly KeyPart[]): string {
  return Buffer.from(JSON.stringify([FORMAT, list, order, ...key]), 'utf8').toString('base64url');
}

/** Check a page query for list `list` whose sort key has the parts `kinds`. */
export function pagePosition(
  query: PageQuery,
  list: string,
  kinds: readonly KeyKind[],
): Result<PagePosition, PageIssueCode> {
  const { limit = DEFAULT_PAGE_LIMIT, order = 'asc', cursor } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    return fail(
      issue('bad-limit', `limit: ${String(limit)} is not an integer 1..${MAX_PAGE_LIMIT}`, 'limit'),
    );
  }
  if (order !== 'asc' && order !== 'desc') {
    return fail(issue('bad-cursor', `order: ${String(order)} is neither 'asc' nor 'desc'`, 'order'));
  }
  if (cursor === undefined) return { ok: true, value: { limit, order } };
  const after = decodeKey(cursor, list, order, kinds);
  if (typeof after === 'string') return fail(issue('bad-cursor', `cursor: ${after}`, 'cursor'));
  return { ok: true, value: { limit, order, after } };
}

function fail(i: Issue<PageIssueCode>): Result<PagePosition, PageIssueCode> {
  return { ok: false, issues: [i] };
}

// The key, or why the cursor is refused.
function decodeKey(
  cursor: unknown,
  list: string,
  order: SortOrder,
  kinds: readonly KeyKind[],
): readonly KeyPart[] | string {
  if (typeof cursor !== 'string' || cursor === '') return 'not a cursor string';
  if (cursor.length > MAX_CURSOR_CHARS) return `longer than ${MAX_CURSOR_CHARS} characters`;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return 'not a cursor this server gave out (not base64url)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return 'not a cursor this server gave out';
  }
  if (!Array.isArray(parsed) || parsed[0] !== FORMAT) return 'not a cursor this server gave out';
  if (parsed[1] !== list) return `a cursor of another list (${String(parsed[1])}), not of ${list}`;
  if (parsed[2] !== order) return `a cursor of the ${String(parsed[2])} order, not of ${order}`;
  const key: unknown[] = parsed.slice(3);
  if (key.length !== kinds.length) return 'not a cursor of this list (key length)';
  for (let i = 0; i < kinds.length; i++) {
    const part = key[i];
    const ok = kinds[i] === 'number' ? Number.isSafeInteger(part) : typeof part === 'string';
    if (!ok) return 'not a cursor of this list (key type)';
  }
  return key as KeyPart[];
}
