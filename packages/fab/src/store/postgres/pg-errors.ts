// node-postgres errors as the store's issues: SQLSTATE codes for what the server refused, Node's
// socket codes and pg's own messages for a server that cannot be reached. Anything else is a bug or a
// database that is not this schema, and is thrown.
import { type Issue, issue } from '@bondline/core';
import type { StoreIssueCode } from '../fab-store.js';

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** The issue for a pg error, or undefined when it is not an expected failure. */
export function pgIssue(e: unknown, path?: string): Issue<StoreIssueCode> | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = 'code' in e && typeof e.code === 'string' ? e.code : '';
  const detail = 'detail' in e && typeof e.detail === 'string' ? ` (${e.detail})` : '';
  const at = path === undefined ? '' : `${path}: `;
  if (code === '23503') return issue('unknown-reference', `${at}${e.message}${detail}`, path);
  if (code.startsWith('23') || code.startsWith('22'))
    return issue('invalid-record', `${at}${e.message}${detail}`, path);
  if (code === '42P01' || code === '3F000') {
    return issue('not-migrated', `the database has no fab schema yet (${e.message}): run migrate()`);
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return issue('store-busy', `PostgreSQL could not complete the transaction now: ${e.message}`);
  }
  if (unreachable(code, e.message))
    return issue('store-unavailable', `PostgreSQL is not available: ${e.message}`);
  return undefined;
}

/** True when the error says the connection is gone (the client must not go back to the pool). */
export function connectionLost(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = 'code' in e && typeof e.code === 'string' ? e.code : '';
  return unreachable(code, e.message);
}

function unreachable(code: string, message: string): boolean {
  return (
    SOCKET_CODES.has(code) ||
    code.startsWith('08') || // connection exception
    code.startsWith('57P') || // admin shutdown, crash shutdown, cannot connect now
    code.startsWith('28') || // authentication failed
    code === '3D000' || // the database does not exist
    code === '53300' || // too many connections
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}
