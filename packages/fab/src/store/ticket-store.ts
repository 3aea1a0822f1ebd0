// The tickets' reads and writes (migration 8, docs/fab.md §11.4) over an engine's reader and step
// runner, one SQL for SQLite and PostgreSQL. A ticket opens with its first history line in one
// transaction; a change is an UPDATE guarded by the version the caller read (a concurrent change makes
// it `stale-version`) together with its history line, numbered by the new version.
import { type Issue, issue, type Result } from '@bondline/core';
import type { TicketChange, TicketCore } from '../loop/ticket-workflow.js';
import type { StoreIssueCode } from './fab-store.js';
import { jsonText } from './json-value.js';
import { type Filter, type ListSpec, readPage, type SqlReader } from './keyset-query.js';
import type { Page } from './page-cursor.js';
import type { SqlValue } from './record-rows.js';
import { keyNumber } from './row-decode.js';
import {
  type Attachment,
  type AttachmentInfo,
  MAX_ATTACHMENT_BYTES,
  type NewAttachment,
  type NewTicket,
  type StoredTicket,
  type TicketHistoryLine,
  type TicketListItem,
  type TicketQuery,
  ticketSeq,
} from './ticket-records.js';
import {
  attachmentInfoFromRow,
  bytesFromRow,
  historyFromRow,
  ticketFromRow,
  ticketItemFromRow,
} from './ticket-rows.js';
import type { StepRunner } from './write-steps.js';

type R<T> = Result<T, StoreIssueCode>;

const ITEM_COLUMNS =
  'seq, tool_id, maker_id, module, fault_key, source, title, state, occurrences, reopened, assignee, ' +
  'reported_ms, acknowledged_ms, fix_deployed_ms, verified_ms, closed_ms, fix, duplicate_of, version';

const TICKETS: ListSpec<TicketListItem> = {
  list: 'tickets',
  select: ITEM_COLUMNS,
  from: 'tickets',
  keyColumns: ['seq'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'seq')],
  decode: ticketItemFromRow,
};

const MAX_TITLE = 200;

const fail = <T>(i: Issue<StoreIssueCode>): R<T> => ({ ok: false, issues: [i] });
const notFound = <T>(id: string): R<T> => fail(issue('not-found', `no ticket '${id}' is stored`, 'id'));

/** The ticket methods of a FabStore on `reader` (reads) and `runner` (transactions). */
export function ticketStore(reader: SqlReader, runner: StepRunner) {
  const one = async (seq: number): Promise<StoredTicket | undefined> => {
    const row = (await reader.all('SELECT * FROM tickets WHERE seq = ?', [seq]))[0];
    return row === undefined ? undefined : ticketFromRow(row);
  };

  return {
    async createTicket(t: NewTicket): Promise<R<StoredTicket>> {
      const bad = checkNew(t);
      if (bad !== undefined) return fail(bad);
      const data = jsonText(t.data, 'data');
      if (!data.ok) return fail(data.issue);
      const action = JSON.stringify({ kind: 'open', source: t.source, title: t.title });
      const out = await runner.run([
        {
          sql:
            'INSERT INTO tickets (tool_id, maker_id, module, fault_key, source, title, state, occurrences, ' +
            'reopened, assignee, reported_ms, data, version) SELECT id, organisation_id, ?, ?, ?, ?, ?, 1, 0, ' +
            'NULL, ?, ?, 1 FROM tools WHERE id = ? RETURNING seq',
          params: [t.module ?? null, t.faultKey, t.source, t.title, 'new', t.reportedMs, data.text, t.toolId],
          exactlyOne: true,
        },
        {
          sql:
            'INSERT INTO ticket_history (ticket_seq, seq, at_ms, actor_id, actor_role, action, from_state, ' +
            'to_state) VALUES (?, 1, ?, ?, ?, ?, ?, ?)',
          params: [
            { fromStep: 0, column: 'seq' },
            t.reportedMs,
            t.actor.id,
            t.actor.role,
            action,
            'new',
            'new',
          ],
        },
      ]);
      if (!out.done)
        return fail(issue('unknown-reference', `toolId: tool '${t.toolId}' is not stored`, 'toolId'));
      const seq = out.rows[0]?.[0]?.seq;
      if (typeof seq !== 'number') throw new TypeError('INSERT ... RETURNING seq gave no number');
      const stored = await one(seq);
      if (stored === undefined) throw new Error(`ticket ${seq} is gone right after its insert`);
      return { ok: true, value: stored };
    },

    async getTicket(id: string): Promise<R<StoredTicket>> {
      const seq = ticketSeq(id);
      const found = seq === undefined ? undefined : await one(seq);
      return found === undefined ? notFound(id) : { ok: true, value: found };
    },

    async listTickets(q: TicketQuery = {}): Promise<R<Page<TicketListItem>>> {
      const filters: Filter[] = [];
      const add = (col: string, v: string | undefined) => {
        if (v !== undefined) filters.push({ sql: `${col} = ?`, params: [v] });
      };
      add('state', q.state);
      add('tool_id', q.toolId);
      add('maker_id', q.makerId);
      add('source', q.source);
      return readPage(reader, TICKETS, q, filters);
    },

    /** The newest ticket of (tool, fault key) whatever its state, or null when there is none. */
    async currentTicket(toolId: string, faultKey: string): Promise<R<StoredTicket | null>> {
      const row = (
        await reader.all(
          'SELECT * FROM tickets WHERE tool_id = ? AND fault_key = ? ORDER BY seq DESC LIMIT 1',
          [toolId, faultKey],
        )
      )[0];
      return { ok: true, value: row === undefined ? null : ticketFromRow(row) };
    },

    async changeTicket(
      id: string,
      expectedVersion: number,
      next: TicketCore,
      change: TicketChange,
    ): Promise<R<StoredTicket>> {
      const seq = ticketSeq(id);
      if (seq === undefined) return notFound(id);
      const action = jsonText(change.action, 'action');
      if (!action.ok) return fail(action.issue);
      const fix = next.fix === undefined ? null : JSON.stringify(next.fix);
      const opt = (v: number | string | undefined): SqlValue => v ?? null;
      const out = await runner.run([
        {
          sql:
            'UPDATE tickets SET state = ?, occurrences = ?, reopened = ?, assignee = ?, acknowledged_ms = ?, ' +
            'fix_deployed_ms = ?, verified_ms = ?, closed_ms = ?, fix = ?, duplicate_of = ?, ' +
            'version = version + 1 WHERE seq = ? AND version = ? RETURNING version',
          params: [
            next.state,
            next.occurrences,
            next.reopened,
            next.assignee,
            opt(next.acknowledgedMs),
            opt(next.fixDeployedMs),
            opt(next.verifiedMs),
            opt(next.closedMs),
            fix,
            opt(next.duplicateOf),
            seq,
            expectedVersion,
          ],
          exactlyOne: true,
        },
        {
          sql:
            'INSERT INTO ticket_history (ticket_seq, seq, at_ms, actor_id, actor_role, action, from_state, ' +
            'to_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          params: [
            seq,
            { fromStep: 0, column: 'version' },
            change.atMs,
            change.actor.id,
            change.actor.role,
            action.text,
            change.from,
            change.to,
          ],
        },
      ]);
      if (!out.done) {
        const now = await one(seq);
        if (now === undefined) return notFound(id);
        return fail(
          issue(
            'stale-version',
            `ticket ${id} is at version ${now.version}, not ${expectedVersion}: read it again`,
            'version',
          ),
        );
      }
      const stored = await one(seq);
      if (stored === undefined) throw new Error(`ticket ${id} is gone right after its change`);
      return { ok: true, value: stored };
    },

    async ticketHistory(id: string): Promise<R<readonly TicketHistoryLine[]>> {
      const seq = ticketSeq(id);
      if (seq === undefined || (await one(seq)) === undefined) return notFound(id);
      const rows = await reader.all('SELECT * FROM ticket_history WHERE ticket_seq = ? ORDER BY seq', [seq]);
      return { ok: true, value: rows.map(historyFromRow) };
    },

    async addTicketAttachment(a: NewAttachment): Promise<R<AttachmentInfo>> {
      const seq = ticketSeq(a.ticketId);
      if (seq === undefined) return notFound(a.ticketId);
      if (a.bytes.byteLength > MAX_ATTACHMENT_BYTES)
        return fail(
          issue(
            'too-large',
            `the attachment is ${a.bytes.byteLength} bytes; at most ${MAX_ATTACHMENT_BYTES}`,
            'bytes',
          ),
        );
      for (const [path, v] of [
        ['name', a.name],
        ['mediaType', a.mediaType],
      ] as const)
        if (v.trim() === '' || v.length > 200)
          return fail(issue('invalid-record', `${path}: empty or longer than 200 characters`, path));
      const out = await runner.run([
        {
          sql:
            'INSERT INTO ticket_attachments (ticket_seq, name, media_type, size, bytes, actor_id, at_ms) ' +
            'SELECT seq, ?, ?, ?, ?, ?, ? FROM tickets WHERE seq = ? RETURNING seq, ticket_seq, name, ' +
            'media_type, size, actor_id, at_ms',
          params: [
            a.name,
            a.mediaType,
            a.bytes.byteLength,
            Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
            a.actor.id,
            a.atMs,
            seq,
          ],
          exactlyOne: true,
        },
      ]);
      const row = out.done ? out.rows[0]?.[0] : undefined;
      return row === undefined ? notFound(a.ticketId) : { ok: true, value: attachmentInfoFromRow(row) };
    },

    async listTicketAttachments(id: string): Promise<R<readonly AttachmentInfo[]>> {
      const seq = ticketSeq(id);
      if (seq === undefined || (await one(seq)) === undefined) return notFound(id);
      const rows = await reader.all(
        'SELECT seq, ticket_seq, name, media_type, size, actor_id, at_ms FROM ticket_attachments ' +
          'WHERE ticket_seq = ? ORDER BY seq',
        [seq],
      );
      return { ok: true, value: rows.map(attachmentInfoFromRow) };
    },

    async getTicketAttachment(id: string, attachmentId: number): Promise<R<Attachment>> {
      const seq = ticketSeq(id);
      if (seq === undefined || !Number.isSafeInteger(attachmentId)) return notFound(id);
      const row = (
        await reader.all('SELECT * FROM ticket_attachments WHERE ticket_seq = ? AND seq = ?', [
          seq,
          attachmentId,
        ])
      )[0];
      if (row === undefined)
        return fail(issue('not-found', `ticket ${id} has no attachment ${attachmentId}`, 'attachmentId'));
      return { ok: true, value: { ...attachmentInfoFromRow(row), bytes: bytesFromRow(row) } };
    },
  };
}

function checkNew(t: NewTicket): Issue<StoreIssueCode> | undefined {
  const text = (path: string, v: unknown, max: number) =>
    typeof v !== 'string' || v.trim() === '' || v.length > max
      ? issue('invalid-record', `${path}: text of 1..${max} characters`, path)
      : undefined;
  return (
    text('title', t.title, MAX_TITLE) ??
    text('faultKey', t.faultKey, MAX_TITLE) ??
    (t.module === undefined ? undefined : text('module', t.module, MAX_TITLE)) ??
    (Number.isSafeInteger(t.reportedMs)
      ? undefined
      : issue('invalid-record', 'reportedMs: an integer of ms since the epoch', 'reportedMs'))
  );
}
