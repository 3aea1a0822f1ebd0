// Bulk rows into PostgreSQL: COPY into a temporary staging table, then one INSERT ... SELECT from it
// with the table's ON CONFLICT clause. COPY is PostgreSQL's fastest way in (no parameter arrays to
// serialise and parse back, no statement per row); it cannot resolve conflicts itself, so the rows go
// through a staging table: per connection, one per bulk table, `ON COMMIT DELETE ROWS`, so it is empty
// again when the batch's transaction ends, committed or rolled back. The INSERT is prepared once per
// connection; idempotency, references and all-or-nothing are the target table's, as for any insert.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { conflictClause } from '../insert-sql.js';
import type { Row, SqlValue } from '../record-rows.js';
import { TABLE_SPECS, type TableSpec } from '../table-specs.js';

/** Connections whose staging tables exist (a temporary table lives as long as its session). */
const staged = new WeakSet<pg.ClientBase>();

const BULK_SPECS = Object.values(TABLE_SPECS).filter((s) => s.bulk);

const stageName = (spec: TableSpec): string => `bondline_stage_${spec.table}`;

/**
 * Create the staging tables on `client` unless this session has them. Run outside a transaction:
 * created inside one that then rolls back, they would be gone while this module believes them there.
 */
export async function ensureStaging(client: pg.ClientBase): Promise<void> {
  if (staged.has(client)) return;
  const creates = BULK_SPECS.map((spec) => {
    const cols = spec.columns.map((c) => `${c.name} ${c.pgType}`).join(', ');
    return `CREATE TEMPORARY TABLE IF NOT EXISTS ${stageName(spec)} (${cols}) ON COMMIT DELETE ROWS`;
  });
  await client.query(creates.join(';\n'));
  staged.add(client);
}

/** `INSERT INTO t (...) SELECT ... FROM <stage> ON CONFLICT ...`. */
function insertFromStageSql(spec: TableSpec): string {
  const cols = spec.columns.map((c) => c.name).join(', ');
  return `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${stageName(spec)} ${conflictClause(spec)}`;
}

/**
 * Write `rows` (all of `spec`'s table) inside the caller's transaction, after `ensureStaging`;
 * resolves with how many inserted a row. `turn` is awaited between slices of `sliceRows` rows
 * encoded, so a large batch does not hold the event loop.
 */
export async function bulkInsert(
  client: pg.ClientBase,
  spec: TableSpec,
  rows: readonly Row[],
  sliceRows: number,
  turn: () => Promise<unknown>,
): Promise<number> {
  const cols = spec.columns.map((c) => c.name).join(', ');
  const copy = client.query(copyFrom(`COPY ${stageName(spec)} (${cols}) FROM STDIN`));
  await pipeline(Readable.from(copyText(rows, sliceRows, turn)), copy);
  const result = await client.query({ name: `bulk-${spec.table}`, text: insertFromStageSql(spec) });
  return result.rowCount ?? 0;
}

/** The rows in COPY's text format, `sliceRows` lines per chunk. */
async function* copyText(
  rows: readonly Row[],
  sliceRows: number,
  turn: () => Promise<unknown>,
): AsyncGenerator<string> {
  for (let start = 0; start < rows.length; start += sliceRows) {
    if (start > 0) await turn();
    const end = Math.min(rows.length, start + sliceRows);
    let text = '';
    for (let r = start; r < end; r++) {
      const values = rows[r]?.values ?? [];
      for (let c = 0; c < values.length; c++) {
        if (c > 0) text += '\t';
        text += copyValue(values[c] ?? null);
      }
      text += '\n';
    }
    yield text;
  }
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value as COPY text: `\N` for NULL, bytea as `\\x<hex>`, text with its specials escaped. */
export function copyValue(value: SqlValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return `\\\\x${value.toString('hex')}`;
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (ch) => ESCAPES[ch] ?? ch) : value;
}
