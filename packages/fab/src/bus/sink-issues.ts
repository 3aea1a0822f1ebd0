// What a sink answers when the store refuses a batch (seams.ts): the store's codes say why, the
// sink's say what the collector does about it (keep the records and retry, or give up on them).
import { type Issue, issue } from '@bondline/core';
import type { SinkIssueCode } from '../pipeline/seams.js';
import type { StoreIssueCode } from '../store/fab-store.js';

/**
 * True when the same batch may succeed later: the database is down or busy, or not migrated yet
 * (`bondline fab migrate` fixes that without touching the records).
 */
export function isTransient(code: StoreIssueCode): boolean {
  return code === 'store-unavailable' || code === 'store-busy' || code === 'not-migrated';
}

/** Store issue → sink issue: `sink-unavailable` when retrying can succeed, else `sink-rejected`. */
export function sinkIssue(i: Issue<StoreIssueCode>): Issue<SinkIssueCode> {
  return issue(isTransient(i.code) ? 'sink-unavailable' : 'sink-rejected', i.message, i.path);
}
