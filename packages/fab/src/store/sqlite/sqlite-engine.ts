// The synchronous core of the embedded store: one better-sqlite3 connection, its pragmas, cached
// statements, a batch's transaction and the migrations. It runs in the store's worker thread
// (sqlite-worker.ts), where blocking (a commit's fsync, a busy wait for another process's lock)
// holds no one else's event loop.
import Database from 'better-sqlite3';
import { insertRowSql } from '../insert-sql.js';
import { PAIR_ANALYSIS_SPEC, SPC_CHART_SPEC, SPC_POINT_SPEC } from '../method-table-specs.js';
import type { AppliedMigration, Migration } from '../migration.js';
import type { SqlValue } from '../record-rows.js';
import type { DbRow } from '../row-decode.js';
import { TABLE_SPECS, type TableSpec } from '../table-specs.js';
import type { StepsOutcome, WriteStep } from '../write-steps.js';
import { bindStep } from '../write-steps.js';
import type { WireRow, WorkerOptions } from './sqlite-protocol.js';

/** Statements kept prepared; more distinct read queries than this (filter combinations) start over. */
const MAX_CACHED_READS = 256;

const SPECS_BY_TABLE = new Map<string, TableSpec>(
  [...Object.values(TABLE_SPECS), PAIR_ANALYSIS_SPEC, SPC_CHART_SPEC, SPC_POINT_SPEC].map((s) => [
    s.table,
    s,
  ]),
);

export type WriteOutcome =
  | { readonly ok: true; readonly fresh: number }
  | { readonly ok: false; readonly error: unknown; readonly index?: number };

export class SqliteEngine {
  private readonly db: Database.Database;
  private readonly inserts = new Map<string, Database.Statement>();
  private readonly reads = new Map<string, Database.Statement>();

  constructor(options: WorkerOptions) {
    this.db = new Database(options.path);
    // WAL: readers never block the writer and a commit appends to one file. In-memory databases
    // have no WAL and answer 'memory'.
    this.db.pragma('journal_mode = WAL');
    // FULL syncs the WAL at every commit: an acknowledged batch survives a power loss, not only a crash.
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs))}`);
  }

  /** Write a batch's rows in one transaction; the number that changed the database, or the failure. */
  writeRows(rows: readonly WireRow[]): WriteOutcome {
    let current: WireRow | undefined;
    try {
      // IMMEDIATE takes the write lock now (waiting up to the busy timeout), not at the first insert.
      this.db.exec('BEGIN IMMEDIATE');
      let fresh = 0;
      for (const row of rows) {
        current = row;
        if (this.insert(row.table).run(...row.values.map(bindable)).changes > 0) fresh++;
      }
      current = undefined;
      this.db.exec('COMMIT');
      return { ok: true, fresh };
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      return current === undefined ? { ok: false, error } : { ok: false, error, index: current.index };
    }
  }

  /** Run `steps` in one transaction (write-steps.ts); rolled back when one misses its one row. */
  runSteps(steps: readonly WriteStep[]): StepsOutcome {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const rows: DbRow[][] = [];
      for (const [i, step] of steps.entries()) {
        const stmt = this.prepared(step.sql);
        const values = bindStep(step, rows).map(bindable);
        let got: DbRow[];
        let changed: number;
        if (stmt.reader) {
          got = stmt.all(...values) as DbRow[];
          changed = got.length;
        } else {
          got = [];
          changed = stmt.run(...values).changes;
        }
        if (step.exactlyOne === true && changed !== 1) {
          this.db.exec('ROLLBACK');
          return { done: false, step: i };
        }
        rows.push(got);
      }
      this.db.exec('COMMIT');
      return { done: true, rows };
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** The rows of one SELECT. */
  all(sql: string, params: readonly SqlValue[]): DbRow[] {
    return this.prepared(sql).all(...params.map(bindable)) as DbRow[];
  }

  private prepared(sql: string): Database.Statement {
    let stmt = this.reads.get(sql);
    if (stmt === undefined) {
      if (this.reads.size >= MAX_CACHED_READS) this.reads.clear();
      stmt = this.db.prepare(sql);
      this.reads.set(sql, stmt);
    }
    return stmt;
  }

  /** The migrations recorded in the database (creating the table on first use). */
  appliedMigrations(): AppliedMigration[] {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL) STRICT',
    );
    return this.db
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all() as AppliedMigration[];
  }

  /** Apply one migration and record it, in one transaction; false when another connection already had. */
  applyMigration(m: Migration, nowMs: number): boolean {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const done = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (done === undefined) {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)')
          .run(m.version, m.name, nowMs);
      }
      this.db.exec('COMMIT');
      return done === undefined;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  close(): void {
    this.db.close();
  }

  private insert(table: string): Database.Statement {
    let stmt = this.inserts.get(table);
    if (stmt === undefined) {
      const spec = SPECS_BY_TABLE.get(table);
      if (spec === undefined) throw new RangeError(`no table spec for ${table}`);
      stmt = this.db.prepare(insertRowSql(spec, 'question'));
      this.inserts.set(table, stmt);
    }
    return stmt;
  }
}

// A Buffer sent to the worker arrives as a plain Uint8Array; better-sqlite3 binds Buffers as BLOBs.
function bindable(v: SqlValue | Uint8Array): SqlValue {
  return v instanceof Uint8Array && !Buffer.isBuffer(v)
    ? Buffer.from(v.buffer, v.byteOffset, v.byteLength)
    : v;
}
