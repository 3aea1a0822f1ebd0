// The embedded store: SQLite through better-sqlite3, one file, WAL. better-sqlite3 is synchronous,
// so every statement holds the event loop while it runs. The store keeps each hold short instead of
// moving SQLite to a worker (docs/fab.md §1.5 has the measurements behind that choice): a batch is
// checked and written `sliceRows` rows at a time inside its one transaction, with an event-loop turn
// between slices, and every operation waits its turn in a queue so no read sees a batch half written.
import { setImmediate as turn } from 'node:timers/promises';
import { issue, type Result } from '@bondline/core';
import type { BatchReport, FabStore, StoreIssueCode } from '../fab-store.js';
import type { SqlReader } from '../keyset-query.js';
import { type Migration, type MigrationReport, pendingMigrations } from '../migration.js';
import { batchRows, DEFAULT_SLICE_ROWS } from '../record-rows.js';
import type { FabRecord } from '../records.js';
import { storeReads } from '../store-reads.js';
import { retryBusy } from './retry-busy.js';
import { SerialQueue } from './serial-queue.js';
import { SqliteEngine, type SqliteEngineOptions } from './sqlite-engine.js';
import { sqliteIssue } from './sqlite-errors.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';

export interface SqliteStoreOptions extends SqliteEngineOptions {
  /**
   * Records checked, and rows written, between two event-loop turns of one batch (default 256: about
   * 1 ms of work per slice on the bench machine, docs/fab.md §1.5).
   */
  readonly sliceRows?: number;
  /** How long an operation waits for another connection's write lock before `store-busy`, ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Time source for `schema_migrations.applied_ms`, ms since the epoch (default Date.now). */
  readonly nowMs?: () => number;
}

type R<T> = Result<T, StoreIssueCode>;

/** Open (creating if needed) the SQLite store at `options.path`; `migrate()` before first use. */
export function openSqliteStore(options: SqliteStoreOptions): R<FabStore> {
  const sliceRows = options.sliceRows ?? DEFAULT_SLICE_ROWS;
  if (!Number.isInteger(sliceRows) || sliceRows < 1)
    throw new RangeError(`sliceRows ${sliceRows}: integer ≥ 1`);
  let engine: SqliteEngine;
  try {
    engine = new SqliteEngine(options);
  } catch (e) {
    return {
      ok: false,
      issues: [
        issue('store-unavailable', `cannot open the SQLite store ${options.path}: ${String(e)}`, 'path'),
      ],
    };
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  return { ok: true, value: new SqliteStore(engine, sliceRows, busyTimeoutMs, options.nowMs ?? Date.now) };
}

class SqliteStore implements FabStore {
  readonly kind = 'sqlite';
  private readonly queue = new SerialQueue();
  private readonly reads: ReturnType<typeof storeReads>;

  constructor(
    private readonly engine: SqliteEngine,
    private readonly sliceRows: number,
    private readonly busyTimeoutMs: number,
    private readonly nowMs: () => number,
  ) {
    const reader: SqlReader = {
      all: (sql, params) => this.queue.run(() => this.unlocked(() => engine.all(sql, params))),
    };
    this.reads = storeReads(reader);
  }

  migrate(): Promise<R<MigrationReport>> {
    return this.queue.run(() =>
      this.guard(async () => {
        const plan = pendingMigrations(
          SQLITE_MIGRATIONS,
          await this.unlocked(() => this.engine.appliedMigrations()),
        );
        if (!plan.ok) return plan;
        const applied: Migration[] = [];
        for (const m of plan.value) {
          if (await this.unlocked(() => this.engine.applyMigration(m, this.nowMs()))) applied.push(m);
        }
        return {
          ok: true,
          value: {
            applied: applied.map(({ version, name }) => ({ version, name })),
            version: SQLITE_MIGRATIONS.length,
          },
        };
      }),
    );
  }

  writeBatch(records: readonly FabRecord[]): Promise<R<BatchReport>> {
    return this.queue.run(async () => {
      const { rows, issues } = await batchRows(records, this.sliceRows, turn);
      if (issues.length > 0) return { ok: false, issues };
      if (rows.length === 0) return { ok: true, value: { new: 0, duplicate: 0 } };
      let fresh = 0;
      let at: string | undefined;
      try {
        await this.unlocked(() => this.engine.begin());
        for (let i = 0; i < rows.length; i++) {
          if (i > 0 && i % this.sliceRows === 0) await turn();
          const row = rows[i];
          if (row === undefined) continue;
          at = `records[${row.index}]`;
          if (this.engine.writeRow(row)) fresh++;
        }
        at = undefined;
        this.engine.commit();
      } catch (e) {
        this.engine.rollback();
        const found = sqliteIssue(e, at);
        if (found === undefined) throw e;
        return { ok: false, issues: [found] };
      }
      return { ok: true, value: { new: fresh, duplicate: rows.length - fresh } };
    });
  }

  listTools: FabStore['listTools'] = (q) => this.guard(() => this.reads.listTools(q));
  getTool: FabStore['getTool'] = (id) => this.guard(() => this.reads.getTool(id));
  listLots: FabStore['listLots'] = (q) => this.guard(() => this.reads.listLots(q));
  getLot: FabStore['getLot'] = (id) => this.guard(() => this.reads.getLot(id));
  listPairs: FabStore['listPairs'] = (q) => this.guard(() => this.reads.listPairs(q));
  getPair: FabStore['getPair'] = (id) => this.guard(() => this.reads.getPair(id));
  listEvents: FabStore['listEvents'] = (q) => this.guard(() => this.reads.listEvents(q));
  listAlarms: FabStore['listAlarms'] = (q) => this.guard(() => this.reads.listAlarms(q));
  listTrace: FabStore['listTrace'] = (q) => this.guard(() => this.reads.listTrace(q));
  listEcChanges: FabStore['listEcChanges'] = (q) => this.guard(() => this.reads.listEcChanges(q));

  close(): Promise<void> {
    return this.queue.run(() => this.engine.close());
  }

  // Wait (asynchronously) for another connection's write lock; `work` fails busy only before it changed anything.
  private unlocked<T>(work: () => T): Promise<T> {
    return retryBusy(work, this.busyTimeoutMs, () => performance.now());
  }

  // A read that fails for an expected reason (no schema yet, a locked file) answers with its issue.
  private async guard<T>(read: () => Promise<R<T>>): Promise<R<T>> {
    try {
      return await read();
    } catch (e) {
      const found = sqliteIssue(e);
      if (found === undefined) throw e;
      return { ok: false, issues: [found] };
    }
  }
}
