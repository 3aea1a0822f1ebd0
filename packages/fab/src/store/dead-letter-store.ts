// The webhooks' dead letters in the store (migration 10, docs/fab.md §13.2), one SQL for both engines.
// A delivery that dies again after a retry is the same row, its attempts, error and time updated and
// its retry cleared.
import { issue, type Result } from '@bondline/core';
import type { DeadLetter } from '../loop/webhooks.js';
import type { StoreIssueCode } from './fab-store.js';
import { type Filter, type ListSpec, readPage, type SqlReader } from './keyset-query.js';
import type { Page, PageQuery } from './page-cursor.js';
import { type DbRow, keyNumber, keyText, num, str } from './row-decode.js';
import type { StepRunner } from './write-steps.js';

type R<T> = Result<T, StoreIssueCode>;

/** A stored dead letter: `retriedMs` once it was put back in its queue by hand. */
export interface StoredDeadLetter extends DeadLetter {
  readonly retriedMs?: number;
}

export interface DeadLetterQuery extends PageQuery {
  readonly targetId?: string;
  /** Only those not retried (true) or only those retried (false). */
  readonly pending?: boolean;
}

function letterFromRow(row: DbRow): StoredDeadLetter {
  const retried = row.retried_ms;
  return {
    deliveryId: str(row, 'delivery_id'),
    targetId: str(row, 'target_id'),
    type: str(row, 'type'),
    body: str(row, 'body'),
    attempts: num(row, 'attempts'),
    lastError: str(row, 'last_error'),
    atMs: num(row, 'at_ms'),
    ...(retried === null || retried === undefined ? {} : { retriedMs: num(row, 'retried_ms') }),
  };
}

const LETTERS: ListSpec<StoredDeadLetter> = {
  list: 'dead-letters',
  select: '*',
  from: 'webhook_dead_letters',
  keyColumns: ['at_ms', 'delivery_id'],
  keyKinds: ['number', 'string'],
  keyOf: (row) => [keyNumber(row, 'at_ms'), keyText(row, 'delivery_id')],
  decode: letterFromRow,
};

const notFound = <T>(id: string): R<T> => ({
  ok: false,
  issues: [issue('not-found', `no dead letter '${id}' is stored`, 'id')],
});

export function deadLetterStore(reader: SqlReader, runner: StepRunner) {
  const one = async (id: string): Promise<StoredDeadLetter | undefined> => {
    const row = (await reader.all('SELECT * FROM webhook_dead_letters WHERE delivery_id = ?', [id]))[0];
    return row === undefined ? undefined : letterFromRow(row);
  };
  return {
    async saveDeadLetter(l: DeadLetter): Promise<R<void>> {
      await runner.run([
        {
          sql:
            'INSERT INTO webhook_dead_letters (delivery_id, target_id, type, body, attempts, last_error, at_ms) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO UPDATE SET attempts = excluded.attempts, ' +
            'last_error = excluded.last_error, at_ms = excluded.at_ms, retried_ms = NULL',
          params: [l.deliveryId, l.targetId, l.type, l.body, l.attempts, l.lastError, l.atMs],
        },
      ]);
      return { ok: true, value: undefined };
    },

    async getDeadLetter(id: string): Promise<R<StoredDeadLetter>> {
      const found = await one(id);
      return found === undefined ? notFound(id) : { ok: true, value: found };
    },

    async listDeadLetters(q: DeadLetterQuery = {}): Promise<R<Page<StoredDeadLetter>>> {
      const filters: Filter[] = [];
      if (q.targetId !== undefined) filters.push({ sql: 'target_id = ?', params: [q.targetId] });
      if (q.pending !== undefined)
        filters.push({ sql: `retried_ms IS ${q.pending ? '' : 'NOT '}NULL`, params: [] });
      return readPage(reader, LETTERS, q, filters);
    },

    async markDeadLetterRetried(id: string, atMs: number): Promise<R<StoredDeadLetter>> {
      const out = await runner.run([
        {
          sql: 'UPDATE webhook_dead_letters SET retried_ms = ? WHERE delivery_id = ?',
          params: [atMs, id],
          exactlyOne: true,
        },
      ]);
      if (!out.done) return notFound(id);
      const found = await one(id);
      return found === undefined ? notFound(id) : { ok: true, value: found };
    },
  };
}

export type DeadLetterStore = ReturnType<typeof deadLetterStore>;
