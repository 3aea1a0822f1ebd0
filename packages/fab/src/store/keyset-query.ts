// One page of a list, by keyset: `WHERE <filters> AND (k1, k2) > (?, ?) ORDER BY k1, k2 LIMIT n+1`.
// The extra row tells whether a next page exists without a COUNT. Placeholders are `?`; the
// PostgreSQL reader numbers them.
import type { Result } from '@bondline/core';
import {
  encodeCursor,
  type KeyKind,
  type KeyPart,
  type Page,
  type PageQuery,
  pagePosition,
} from './page-cursor.js';
import type { SqlValue } from './record-rows.js';
import type { DbRow } from './row-decode.js';

/** What the reads need of a driver: the rows of one SELECT. */
export interface SqlReader {
  all(sql: string, params: readonly SqlValue[]): Promise<readonly DbRow[]>;
}

export interface ListSpec<T> {
  /** Names the list in its cursors. */
  readonly list: string;
  /** `SELECT <select> FROM <from>`. */
  readonly select: string;
  readonly from: string;
  /** Sort key columns, unique together (the last is an id or `seq`). */
  readonly keyColumns: readonly string[];
  readonly keyKinds: readonly KeyKind[];
  /** Result column names of the key (as selected). */
  readonly keyOf: (row: DbRow) => readonly KeyPart[];
  readonly decode: (row: DbRow) => T;
}

/** A filter: SQL with `?` and its values. */
export interface Filter {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** Read one page of `spec` with `filters`. */
export async function readPage<T>(
  reader: SqlReader,
  spec: ListSpec<T>,
  query: PageQuery,
  filters: readonly Filter[],
): Promise<Result<Page<T>, 'bad-cursor' | 'bad-limit'>> {
  const pos = pagePosition(query, spec.list, spec.keyKinds);
  if (!pos.ok) return pos;
  const { limit, order, after } = pos.value;
  const where = [...filters];
  if (after !== undefined) {
    const cols = spec.keyColumns.join(', ');
    const marks = spec.keyColumns.map(() => '?').join(', ');
    where.push({ sql: `(${cols}) ${order === 'asc' ? '>' : '<'} (${marks})`, params: after });
  }
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const sql =
    `SELECT ${spec.select} FROM ${spec.from}` +
    (where.length === 0 ? '' : ` WHERE ${where.map((f) => f.sql).join(' AND ')}`) +
    ` ORDER BY ${spec.keyColumns.map((c) => `${c} ${dir}`).join(', ')} LIMIT ?`;
  // The limit is bound, not written into the text, so a driver's statement cache sees one statement.
  const rows = await reader.all(sql, [...where.flatMap((f) => f.params), limit + 1]);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const items = shown.map(spec.decode);
  const last = shown[shown.length - 1];
  if (!more || last === undefined) return { ok: true, value: { items } };
  return { ok: true, value: { items, nextCursor: encodeCursor(spec.list, order, spec.keyOf(last)) } };
}
