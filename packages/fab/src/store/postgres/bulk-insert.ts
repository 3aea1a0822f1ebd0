// Bulk rows into PostgreSQL: one INSERT per table and chunk whose values are one array per column,
// expanded by unnest(). The statement text is the same for any number of rows, so it is prepared once
// per connection, and the parameter count (one per column) never nears the protocol's 65535 limit.
import type pg from 'pg';
import { conflictClause } from '../insert-sql.js';
import type { Row, SqlValue } from '../record-rows.js';
import type { TableSpec } from '../table-specs.js';

/** Rows per statement: large enough to amortise a round trip, small enough to bound one message. */
const BULK_CHUNK_ROWS = 5000;

/** `INSERT INTO t (...) SELECT * FROM unnest($1::type[], ...) ON CONFLICT ...`. */
function unnestInsertSql(spec: TableSpec): string {
  const cols = spec.columns.map((c) => c.name).join(', ');
  const arrays = spec.columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
  return `INSERT INTO ${spec.table} (${cols}) SELECT * FROM unnest(${arrays}) ${conflictClause(spec)}`;
}

/** Write `rows` (all of `spec`'s table) in chunks; resolves with how many inserted a row. */
export async function bulkInsert(
  client: pg.PoolClient,
  spec: TableSpec,
  rows: readonly Row[],
): Promise<number> {
  const text = unnestInsertSql(spec);
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + BULK_CHUNK_ROWS);
    const columns: SqlValue[][] = spec.columns.map(() => new Array<SqlValue>(chunk.length));
    chunk.forEach((row, r) => {
      row.values.forEach((v, c) => {
        const column = columns[c];
        if (column !== undefined) column[r] = v;
      });
    });
    const result = await client.query({ name: `bulk-${spec.table}`, text, values: columns });
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}
