// Messages between the SQLite store (main thread) and its worker: the worker owns the connection,
// so a commit's fsync and every statement run off the main thread's event loop (docs/fab.md §1.5).
import type { Migration } from '../migration.js';
import type { SqlValue } from '../record-rows.js';
import type { WriteStep } from '../write-steps.js';

/** A row to write: its table (by name), the record's index in its batch, the column values. */
export interface WireRow {
  readonly table: string;
  readonly index: number;
  readonly values: readonly SqlValue[];
}

/** What the worker opens (passed as workerData). */
export interface WorkerOptions {
  readonly path: string;
  readonly synchronous: 'full' | 'normal';
  readonly busyTimeoutMs: number;
}

export type RequestBody =
  | { readonly op: 'write'; readonly rows: readonly WireRow[] }
  | { readonly op: 'all'; readonly sql: string; readonly params: readonly SqlValue[] }
  | { readonly op: 'steps'; readonly steps: readonly WriteStep[] }
  | { readonly op: 'applied' }
  | { readonly op: 'apply'; readonly migration: Migration; readonly nowMs: number }
  | { readonly op: 'close' };

export type Request = RequestBody & { readonly id: number };

/** An error as it crosses the thread boundary: SQLite's code, its message, the failing record. */
export interface WireError {
  readonly code?: string;
  readonly message: string;
  readonly index?: number;
}

export type Response =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Sent once when the database is open (or could not be opened). */
export type Ready = { readonly ready: true } | { readonly ready: false; readonly error: WireError };
