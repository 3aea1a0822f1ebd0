// better-sqlite3's errors as the store's issues. Constraint failures are bad records (the batch is
// rolled back); a lock held past the busy timeout and a full or failing disk are retried later by the
// caller. Anything else is a bug or a database that is not this schema, and is thrown.
import { type Issue, issue } from '@bondline/core';
import type { StoreIssueCode } from '../fab-store.js';

/** The issue for a SQLite error, or undefined when it is not an expected failure. */
export function sqliteIssue(e: unknown, path?: string): Issue<StoreIssueCode> | undefined {
  if (!(e instanceof Error) || !('code' in e) || typeof e.code !== 'string') return undefined;
  const code = e.code;
  const at = path === undefined ? '' : `${path}: `;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return issue('unknown-reference', `${at}names a tool, lot, carrier or pair that is not stored`, path);
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return issue('invalid-record', `${at}${e.message}`, path);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return issue('store-busy', `the SQLite file stayed locked by another connection: ${e.message}`);
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_READONLY') {
    return issue('store-unavailable', `the SQLite file cannot be written: ${e.message}`);
  }
  if (code === 'SQLITE_ERROR' && /no such table/.test(e.message)) {
    return issue('not-migrated', `the database has no fab schema yet (${e.message}): run migrate()`);
  }
  return undefined;
}
