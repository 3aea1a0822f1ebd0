// The store at scale: PostgreSQL through a node-postgres pool. A batch is one transaction on one
// pooled connection; the high-volume facts (events, alarms, trace, constant changes) go in by COPY
// (straight into the table while every row is new, else through a staging table and one
// INSERT ... SELECT ... ON CONFLICT per table), the rest row by row. Idempotency is the same ON CONFLICT as SQLite's,
// so concurrent store writers delivering the same record store it once.
import { setImmediate as turn } from 'node:timers/promises';
import { type Issue, issue, type Result } from '@bondline/core';
import pg from 'pg';
import type { BatchReport, FabStore, StoreIssueCode } from '../fab-store.js';
import { insertRowSql } from '../insert-sql.js';
import type { SqlReader } from '../keyset-query.js';
import type { MigrationReport } from '../migration.js';
import { pairAnalysisRows } from '../pair-analysis-record.js';
import { batchRows, DEFAULT_SLICE_ROWS, type Row } from '../record-rows.js';
import type { FabRecord } from '../records.js';
import { spcChartRows, spcPointRows } from '../spc-rows.js';
import { SqlStoreBase } from '../sql-store-base.js';
import type { TableSpec } from '../table-specs.js';
import { copyRows, ensureStaging, UNIQUE_VIOLATION, upsertRows } from './bulk-insert.js';
import { connectionLost, pgIssue } from './pg-errors.js';
import { STORE_PG_TYPES } from './pg-types.js';
import { migratePostgres } from './postgres-migrate.js';
import { runSteps } from './postgres-steps.js';

export interface PostgresStoreOptions {
  /** `postgres://user[:password]@host:port/database`. */
  readonly connectionString: string;
  /** Keep the store's tables in this schema (created by `migrate()`); default: the search_path's first. */
  readonly schema?: string;
  /** Connections in the pool (default 4). */
  readonly poolSize?: number;
  /** How long to wait for a connection before `store-unavailable`, ms (default 5000). */
  readonly connectTimeoutMs?: number;
  /** Records checked between two event-loop turns of one batch (default 256). */
  readonly sliceRows?: number;
  /** Time source for `schema_migrations.applied_ms`, ms since the epoch (default Date.now). */
  readonly nowMs?: () => number;
}

type R<T> = Result<T, StoreIssueCode>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A store on the PostgreSQL server of `connectionString`; connects on first use; `migrate()` first. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<R<FabStore>> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    return {
      ok: false,
      issues: [issue('invalid-record', `schema: '${schema}' is not a lower-case SQL identifier`, 'schema')],
    };
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    types: STORE_PG_TYPES,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that dies (server restart) is reported here; the next query reconnects and
  // reports `store-unavailable` if the server is still gone. Without a listener it would end the process.
  pool.on('error', () => undefined);
  return {
    ok: true,
    value: new PostgresStore(
      pool,
      schema,
      options.sliceRows ?? DEFAULT_SLICE_ROWS,
      options.nowMs ?? Date.now,
    ),
  };
}

class PostgresStore extends SqlStoreBase implements FabStore {
  readonly kind = 'postgres';

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string | undefined,
    private readonly sliceRows: number,
    private readonly nowMs: () => number,
  ) {
    const reader: SqlReader = {
      all: async (sql, params) => (await pool.query(numbered(sql), [...params])).rows,
    };
    super(reader, (e) => pgIssue(e), { run: (steps) => runSteps(pool, steps) });
  }

  migrate(): Promise<R<MigrationReport>> {
    return this.withClient((client) => migratePostgres(client, this.schema, this.nowMs));
  }

  async writeBatch(records: readonly FabRecord[]): Promise<R<BatchReport>> {
    const { rows, issues } = await batchRows(records, this.sliceRows, turn);
    if (issues.length > 0) return { ok: false, issues };
    if (rows.length === 0) return { ok: true, value: { new: 0, duplicate: 0 } };
    return this.withClient(async (client) => {
      // First as if every bulk row were new (COPY straight in); a key stored already makes that fail
      // with a unique violation, and the batch is written again with ON CONFLICT (docs/fab.md §1.5).
      const first = await this.transaction(client, rows, 'copy');
      if (first !== 'conflict') return first;
      await ensureStaging(client);
      const again = await this.transaction(client, rows, 'upsert');
      if (again === 'conflict') throw new Error('a unique violation from an ON CONFLICT insert');
      return again;
    });
  }

  writePairAnalyses: FabStore['writePairAnalyses'] = async (analyses) => {
    const { rows, issues } = pairAnalysisRows(analyses);
    if (issues.length > 0) return { ok: false, issues };
    if (rows.length === 0) return { ok: true, value: { new: 0, duplicate: 0 } };
    // No bulk rows: one INSERT ... ON CONFLICT per analysis, in one transaction.
    return this.withClient(async (client) => {
      const r = await this.transaction(client, rows, 'upsert', 'analyses');
      if (r === 'conflict') throw new Error('a unique violation from an ON CONFLICT insert');
      return r;
    });
  };

  saveSpcChart: FabStore['saveSpcChart'] = async (chart) => {
    const { rows, issues } = spcChartRows(chart);
    if (issues.length > 0) return { ok: false, issues };
    return this.upsertOnly(rows, 'chart');
  };

  appendSpcPoints: FabStore['appendSpcPoints'] = async (points) => {
    const { rows, issues } = spcPointRows(points);
    if (issues.length > 0) return { ok: false, issues };
    return this.upsertOnly(rows, 'points');
  };

  /** Rows of tables without bulk writes, one INSERT ... ON CONFLICT each, in one transaction. */
  private async upsertOnly(rows: readonly Row[], list: string): Promise<R<BatchReport>> {
    if (rows.length === 0) return { ok: true, value: { new: 0, duplicate: 0 } };
    return this.withClient(async (client) => {
      const r = await this.transaction(client, rows, 'upsert', list);
      if (r === 'conflict') throw new Error('a unique violation from an ON CONFLICT insert');
      return r;
    });
  }

  /** One transaction writing `rows`; rolled back on any failure. */
  private async transaction(
    client: pg.PoolClient,
    rows: readonly Row[],
    bulk: 'copy' | 'upsert',
    list = 'records',
  ): Promise<R<BatchReport> | 'conflict'> {
    let at: string | undefined;
    try {
      await client.query('BEGIN');
      let fresh = 0;
      const slicing = { sliceRows: this.sliceRows, turn };
      let toolsChecked = false;
      for (const group of byTable(rows)) {
        const spec = group[0]?.spec;
        if (spec === undefined) continue;
        if (spec.bulk) {
          at = undefined;
          // The facts' tools, once per batch (migration 2 dropped their per-row foreign key); the
          // tools written by this batch come first (lower rank) and are seen here.
          if (!toolsChecked) {
            toolsChecked = true;
            const unknown = await unknownTool(client, rows);
            if (unknown !== undefined) {
              await client.query('ROLLBACK');
              return { ok: false, issues: [unknown] };
            }
          }
          fresh += await (bulk === 'copy' ? copyRows : upsertRows)(client, spec, group, slicing);
          continue;
        }
        const text = insertRowSql(spec, 'dollar');
        for (const row of group) {
          at = `${list}[${row.index}]`;
          const r = await client.query({ name: `row-${spec.table}`, text, values: [...row.values] });
          fresh += r.rowCount ?? 0;
        }
      }
      at = undefined;
      await client.query('COMMIT');
      return { ok: true, value: { new: fresh, duplicate: rows.length - fresh } };
    } catch (e) {
      // A lost connection is withClient's to report (and to destroy); the server rolls back.
      if (connectionLost(e)) throw e;
      await client.query('ROLLBACK');
      if (bulk === 'copy' && sqlState(e) === UNIQUE_VIOLATION) return 'conflict';
      // Only the path of a row written on its own is known; a bulk statement's error names the row.
      const found = pgIssue(e, at);
      if (found === undefined) throw e;
      return { ok: false, issues: [found] };
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  // One pooled connection for `work`; a connection that failed is destroyed, not returned to the pool.
  private async withClient<T>(work: (client: pg.PoolClient) => Promise<R<T>>): Promise<R<T>> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      const found = pgIssue(e);
      if (found === undefined) throw e;
      return { ok: false, issues: [found] };
    }
    // A connection the server ends while it is checked out (a restart: FATAL 57P01) emits 'error' on
    // the client as well as failing its query; with no listener that event would crash the process.
    // The failed query answers for it (store-unavailable), so the event itself is dropped here.
    const onError = (): void => undefined;
    client.on('error', onError);
    let failure: unknown;
    try {
      return await work(client);
    } catch (e) {
      failure = e;
      const found = pgIssue(e);
      if (found === undefined) throw e;
      return { ok: false, issues: [found] };
    } finally {
      client.off('error', onError);
      client.release(connectionLost(failure) ? asError(failure) : undefined);
    }
  }
}

/** Rows grouped by table, tables in write order (rows arrive sorted by rank; a rank's tables never reference each other). */
/**
 * The first bulk row naming a tool that is not stored, as the `unknown-reference` a foreign key gave;
 * the tools named are locked as the foreign key locked them (FOR KEY SHARE) until the transaction ends.
 */
async function unknownTool(
  client: pg.PoolClient,
  rows: readonly Row[],
): Promise<Issue<StoreIssueCode> | undefined> {
  const named = new Map<string, number>();
  for (const row of rows) {
    if (!row.spec.bulk) continue;
    const tool = row.values[toolColumn(row.spec)];
    if (typeof tool !== 'string') throw new Error(`${row.spec.table}: a row without a text tool_id`);
    if (!named.has(tool)) named.set(tool, row.index);
  }
  if (named.size === 0) return undefined;
  const found = await client.query<{ id: string }>({
    name: 'tools-of-facts',
    text: 'SELECT id FROM tools WHERE id = ANY($1::text[]) FOR KEY SHARE',
    values: [[...named.keys()]],
  });
  for (const { id } of found.rows) named.delete(id);
  const first = [...named].sort((a, b) => a[1] - b[1])[0];
  if (first === undefined) return undefined;
  const [tool, index] = first;
  const path = `records[${index}].toolId`;
  return issue('unknown-reference', `${path}: tool '${tool}' is not stored`, path);
}

function toolColumn(spec: TableSpec): number {
  const i = spec.columns.findIndex((c) => c.name === 'tool_id');
  if (i < 0) throw new Error(`${spec.table}: a bulk table without tool_id`);
  return i;
}

function byTable(rows: readonly Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const g = groups.get(row.spec.table);
    if (g === undefined) groups.set(row.spec.table, [row]);
    else g.push(row);
  }
  return [...groups.values()];
}

/** `?` placeholders (the shared read SQL) as PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function sqlState(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
