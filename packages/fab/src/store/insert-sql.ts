// The INSERT of one row for a table spec, in the SQL both SQLite (3.39+) and PostgreSQL accept:
// ON CONFLICT on the idempotency key, with an update guarded by a WHERE so that a record that changes
// nothing also writes nothing (and the driver's change count tells new from duplicate).
import type { TableSpec } from './table-specs.js';

export type Placeholders = 'question' | 'dollar';

/** `INSERT INTO t (...) VALUES (...) ON CONFLICT (key) ...` for one row of `spec`. */
export function insertRowSql(spec: TableSpec, placeholders: Placeholders): string {
  const cols = spec.columns.map((c) => c.name);
  const values = cols.map((_, i) => (placeholders === 'question' ? '?' : `$${i + 1}`));
  return `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${values.join(', ')}) ${conflictClause(spec)}`;
}

/** The ON CONFLICT clause of `spec`'s mode (shared with PostgreSQL's multi-row INSERT). */
export function conflictClause(spec: TableSpec): string {
  const target = `ON CONFLICT (${spec.key.join(', ')})`;
  const { table, update } = spec;
  if (spec.mode === 'insert-once' || update.length === 0) return `${target} DO NOTHING`;
  if (spec.mode === 'newer-version') {
    const v = spec.versionColumn;
    if (v === undefined) throw new Error(`${table}: a newer-version table without versionColumn`);
    const set = update.map((c) => `${c} = excluded.${c}`);
    return `${target} DO UPDATE SET ${set.join(', ')} WHERE excluded.${v} > ${table}.${v}`;
  }
  if (spec.mode === 'fill-in') {
    const set = update.map((c) => `${c} = COALESCE(${table}.${c}, excluded.${c})`);
    const changes = update.map((c) => `(${table}.${c} IS NULL AND excluded.${c} IS NOT NULL)`);
    return `${target} DO UPDATE SET ${set.join(', ')} WHERE ${changes.join(' OR ')}`;
  }
  const set = update.map((c) => `${c} = excluded.${c}`);
  const changes = update.map((c) => `${table}.${c} IS DISTINCT FROM excluded.${c}`);
  return `${target} DO UPDATE SET ${set.join(', ')} WHERE ${changes.join(' OR ')}`;
}
