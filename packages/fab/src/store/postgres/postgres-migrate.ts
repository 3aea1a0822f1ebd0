// Migrations of the PostgreSQL store. Several processes may start at once (store writers, API
// servers), each calling migrate(): a transaction-scoped advisory lock makes them take turns, and
// each migration re-checks schema_migrations under the lock, so every migration runs exactly once.
import type { Result } from '@bondline/core';
import type pg from 'pg';
import type { StoreIssueCode } from '../fab-store.js';
import { type AppliedMigration, type MigrationReport, pendingMigrations } from '../migration.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';

/** Apply the pending migrations on `client` (schema created first when named). */
export async function migratePostgres(
  client: pg.PoolClient,
  schema: string | undefined,
  nowMs: () => number,
): Promise<Result<MigrationReport, StoreIssueCode>> {
  const lockKey = `bondline-fab-migrations:${schema ?? ''}`;
  const locked = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
      const out = await work();
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  };
  const applied = await locked(async () => {
    // The schema name was checked as an identifier when the store was opened.
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_ms bigint NOT NULL)',
    );
    return readApplied(client);
  });
  const plan = pendingMigrations(POSTGRES_MIGRATIONS, applied);
  if (!plan.ok) return plan;
  const done: AppliedMigration[] = [];
  for (const m of plan.value) {
    const ran = await locked(async () => {
      if ((await readApplied(client)).some((a) => a.version === m.version)) return false;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        nowMs(),
      ]);
      return true;
    });
    if (ran) done.push({ version: m.version, name: m.name });
  }
  return { ok: true, value: { applied: done, version: POSTGRES_MIGRATIONS.length } };
}

async function readApplied(client: pg.PoolClient): Promise<AppliedMigration[]> {
  const r = await client.query<{ version: number; name: string }>(
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );
  return r.rows.map((row) => ({ version: row.version, name: row.name }));
}
