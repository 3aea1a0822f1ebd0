// The synchronous core of the embedded store: one better-sqlite3 connection, its pragmas, cached
// statements, and the transaction steps the asynchronous SqliteStore drives. Nothing here awaits;
// SqliteStore decides when the event loop gets a turn (docs/fab.md §1.5).
import Database from 'better-sqlite3';
import { insertRowSql } from '../insert-sql.js';
import type { AppliedMigration, Migration } from '../migration.js';
import type { Row, SqlValue } from '../record-rows.js';
import type { DbRow } from '../row-decode.js';
import type { TableSpec } from '../table-specs.js';

export interface SqliteEngineOptions {
  /** A file path, or ':memory:' for a database that lives as long as the store. */
  readonly path: string;
  /**
   * 'full' (default): a commit survives power loss (the WAL is synced at each commit).
   * 'normal': a commit survives a crash of the process but not of the machine; faster.
   */
  readonly synchronous?: 'full' | 'normal';
}

/** Statements kept prepared; more distinct read queries than this (filter combinations) start over. */
const MAX_CACHED_READS = 256;

export class SqliteEngine {
  private readonly db: Database.Database;
  private readonly inserts = new Map<TableSpec, Database.Statement>();
  private readonly reads = new Map<string, Database.Statement>();

  constructor(options: SqliteEngineOptions) {
    this.db = new Database(options.path);
    // WAL: readers never block the writer and a commit appends to one file. In-memory databases
    // have no WAL and answer 'memory'.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    // No busy wait inside SQLite: it would sleep on the event loop's thread (and, with two stores on
    // one file in one process, wait for a lock only this thread can release). SqliteStore retries a
    // busy lock asynchronously instead.
    this.db.pragma('busy_timeout = 0');
  }

  /** Start the write transaction of a batch; IMMEDIATE takes the write lock now, not at the first insert. */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  /** Insert or update one row; true when it changed the database (a new record). */
  writeRow(row: Row): boolean {
    let stmt = this.inserts.get(row.spec);
    if (stmt === undefined) {
      stmt = this.db.prepare(insertRowSql(row.spec, 'question'));
      this.inserts.set(row.spec, stmt);
    }
    return stmt.run(...row.values).changes > 0;
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  /** Roll back if a transaction is open (a failed COMMIT may already have ended it). */
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** The rows of one SELECT. */
  all(sql: string, params: readonly SqlValue[]): DbRow[] {
    let stmt = this.reads.get(sql);
    if (stmt === undefined) {
      if (this.reads.size >= MAX_CACHED_READS) this.reads.clear();
      stmt = this.db.prepare(sql);
      this.reads.set(sql, stmt);
    }
    return stmt.all(...params) as DbRow[];
  }

  /** Run `sql` (several statements) as it stands: migrations and tests. */
  exec(sql: string): void {
    this.db.exec(sql);
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

  /** Apply one migration and record it, in one transaction; false when another process already had. */
  applyMigration(m: Migration, nowMs: number): boolean {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const done = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (done !== undefined) {
        this.db.exec('ROLLBACK');
        return false;
      }
      this.db.exec(m.sql);
      this.db
        .prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)')
        .run(m.version, m.name, nowMs);
      this.db.exec('COMMIT');
      return true;
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  close(): void {
    this.db.close();
  }
}
