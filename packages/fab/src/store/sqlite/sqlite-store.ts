// The embedded store: SQLite through better-sqlite3, one file, WAL. better-sqlite3 is synchronous,
// and a durable commit waits for an fsync (p99 ~30 ms on the bench machine, docs/fab.md §1.5), so
// the connection lives in a worker thread: the event loop only checks and encodes records (a slice at
// a time, with a turn between slices) and posts them; the worker runs each batch's transaction whole.
import { setImmediate as turn } from 'node:timers/promises';
import { issue, type Result } from '@bondline/core';
import type { BatchReport, FabStore, StoreIssueCode } from '../fab-store.js';
import type { SqlReader } from '../keyset-query.js';
import { type AppliedMigration, type MigrationReport, pendingMigrations } from '../migration.js';
import { pairAnalysisRows } from '../pair-analysis-record.js';
import { batchRows, DEFAULT_SLICE_ROWS, type Row } from '../record-rows.js';
import type { FabRecord } from '../records.js';
import type { DbRow } from '../row-decode.js';
import { spcChartRows, spcPointRows } from '../spc-rows.js';
import { SqlStoreBase } from '../sql-store-base.js';
import type { StepRunner, StepsOutcome } from '../write-steps.js';
import { type Answer, SqliteClient } from './sqlite-client.js';
import { sqliteIssue } from './sqlite-errors.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type { WireError } from './sqlite-protocol.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a database that lives as long as the store. */
  readonly path: string;
  /**
   * 'full' (default): a commit survives power loss (the WAL is synced at each commit).
   * 'normal': a commit survives a crash of the process but not of the machine.
   */
  readonly synchronous?: 'full' | 'normal';
  /** How long a write waits for another connection's lock before `store-busy`, ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Records checked and encoded between two event-loop turns (default 256). */
  readonly sliceRows?: number;
  /** Time source for `schema_migrations.applied_ms`, ms since the epoch (default Date.now). */
  readonly nowMs?: () => number;
}

type R<T> = Result<T, StoreIssueCode>;

/** Open (creating if needed) the SQLite store at `options.path`; `migrate()` before first use. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<R<FabStore>> {
  const sliceRows = options.sliceRows ?? DEFAULT_SLICE_ROWS;
  if (!Number.isInteger(sliceRows) || sliceRows < 1)
    throw new RangeError(`sliceRows ${sliceRows}: integer ≥ 1`);
  const started = await SqliteClient.start({
    path: options.path,
    synchronous: options.synchronous ?? 'full',
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
  });
  if (!started.ok) {
    const why = `cannot open the SQLite store ${options.path}: ${started.error.message}`;
    return { ok: false, issues: [issue('store-unavailable', why, 'path')] };
  }
  return { ok: true, value: new SqliteStore(started.client, sliceRows, options.nowMs ?? Date.now) };
}

class SqliteStore extends SqlStoreBase implements FabStore {
  readonly kind = 'sqlite';

  constructor(
    private readonly client: SqliteClient,
    private readonly sliceRows: number,
    private readonly nowMs: () => number,
  ) {
    const reader: SqlReader = {
      all: async (sql, params) => valueOrThrow(await client.request({ op: 'all', sql, params })) as DbRow[],
    };
    const runner: StepRunner = {
      run: async (steps) => valueOrThrow(await client.request({ op: 'steps', steps })) as StepsOutcome,
    };
    super(reader, (e) => sqliteIssue(e), runner);
  }

  async migrate(): Promise<R<MigrationReport>> {
    return this.guard(async () => {
      const applied = valueOrThrow(await this.client.request({ op: 'applied' })) as AppliedMigration[];
      const plan = pendingMigrations(SQLITE_MIGRATIONS, applied);
      if (!plan.ok) return plan;
      const done: AppliedMigration[] = [];
      for (const m of plan.value) {
        const ran = valueOrThrow(
          await this.client.request({ op: 'apply', migration: m, nowMs: this.nowMs() }),
        );
        if (ran === true) done.push({ version: m.version, name: m.name });
      }
      return { ok: true, value: { applied: done, version: SQLITE_MIGRATIONS.length } };
    });
  }

  async writeBatch(records: readonly FabRecord[]): Promise<R<BatchReport>> {
    const { rows, issues } = await batchRows(records, this.sliceRows, turn);
    if (issues.length > 0) return { ok: false, issues };
    return this.writeRows(rows, 'records');
  }

  writePairAnalyses: FabStore['writePairAnalyses'] = async (analyses) => {
    const { rows, issues } = pairAnalysisRows(analyses);
    if (issues.length > 0) return { ok: false, issues };
    return this.writeRows(rows, 'analyses');
  };

  saveSpcChart: FabStore['saveSpcChart'] = async (chart) => {
    const { rows, issues } = spcChartRows(chart);
    if (issues.length > 0) return { ok: false, issues };
    return this.guard(() => this.writeRows(rows, 'chart'));
  };

  appendSpcPoints: FabStore['appendSpcPoints'] = async (points) => {
    const { rows, issues } = spcPointRows(points);
    if (issues.length > 0) return { ok: false, issues };
    return this.guard(() => this.writeRows(rows, 'points'));
  };

  /** One transaction in the worker; a failing row is named `<list>[i]`. */
  private async writeRows(rows: readonly Row[], list: string): Promise<R<BatchReport>> {
    if (rows.length === 0) return { ok: true, value: { new: 0, duplicate: 0 } };
    const wire = rows.map((r) => ({ table: r.spec.table, index: r.index, values: r.values }));
    const answer = await this.client.request({ op: 'write', rows: wire });
    if (!answer.ok) {
      const { index } = answer.error;
      const found = sqliteIssue(asError(answer.error), index === undefined ? undefined : `${list}[${index}]`);
      if (found === undefined) throw asError(answer.error);
      return { ok: false, issues: [found] };
    }
    const fresh = Number(answer.value);
    return { ok: true, value: { new: fresh, duplicate: rows.length - fresh } };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

function valueOrThrow(answer: Answer): unknown {
  if (answer.ok) return answer.value;
  throw asError(answer.error);
}

/** The worker's error as an Error with SQLite's code, for sqliteIssue or to be thrown. */
function asError(e: WireError): Error {
  return Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
}
