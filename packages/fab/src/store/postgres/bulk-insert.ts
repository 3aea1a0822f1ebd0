// Bulk rows into PostgreSQL by COPY, PostgreSQL's fastest way in (no parameter arrays to serialise and
// parse back, rows inserted many at a time). COPY cannot resolve conflicts, so there are two ways:
// - `copyRows`: COPY straight into the table. A row whose key is stored already (or committed by
//   another writer meanwhile, or repeated in the batch) makes the COPY fail with a unique violation,
//   and the caller writes the batch again the other way;
// - `upsertRows`: COPY into a temporary staging table, then one INSERT ... SELECT from it with the
//   table's ON CONFLICT clause (about half as fast on the server: each row is inserted on its own).
//   Staging tables are per connection, one per bulk table, `ON COMMIT DELETE ROWS`, so they are empty
//   again when the batch's transaction ends, committed or rolled back.
// Idempotency, references and all-or-nothing are the target table's, as for any insert.
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

/** Slices of rows encoded between two event-loop turns (`turn`). */
export interface Slicing {
  readonly sliceRows: number;
  readonly turn: () => Promise<unknown>;
}

/** SQLSTATE of a unique violation: `copyRows` met a key already there. */
export const UNIQUE_VIOLATION = '23505';

/**
 * COPY `rows` (all of `spec`'s table) straight into the table, inside the caller's transaction;
 * resolves with the number of rows (every one is new). Rejects with a unique violation when a key is
 * stored already: the transaction is then aborted, and the batch is written again with `upsertRows`.
 */
export async function copyRows(
  client: pg.ClientBase,
  spec: TableSpec,
  rows: readonly Row[],
  slicing: Slicing,
): Promise<number> {
  await copyInto(client, spec.table, spec, rows, slicing);
  return rows.length;
}

/**
 * Write `rows` (all of `spec`'s table) through its staging table, inside the caller's transaction
 * and after `ensureStaging`; resolves with how many inserted a row.
 */
export async function upsertRows(
  client: pg.ClientBase,
  spec: TableSpec,
  rows: readonly Row[],
  slicing: Slicing,
): Promise<number> {
  await copyInto(client, stageName(spec), spec, rows, slicing);
  const result = await client.query({ name: `bulk-${spec.table}`, text: insertFromStageSql(spec) });
  return result.rowCount ?? 0;
}

async function copyInto(
  client: pg.ClientBase,
  table: string,
  spec: TableSpec,
  rows: readonly Row[],
  { sliceRows, turn }: Slicing,
): Promise<void> {
  const cols = spec.columns.map((c) => c.name).join(', ');
  const copy = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`));
  await pipeline(Readable.from(copyText(rows, sliceRows, turn)), copy);
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
