// Ticket rows back into tickets, history lines and attachments (both engines give numbers, text and
// bytes; JSON as text). A value of the wrong type means the database is not this schema: thrown.
import {
  type Actor,
  type DeployedFix,
  ROLES,
  TICKET_STATES,
  type TicketAction,
  type TicketState,
} from '../loop/ticket-workflow.js';
import { parseJsonObject, parseJsonValue } from './json-value.js';
import type { DbRow } from './row-decode.js';
import {
  type AttachmentInfo,
  type OpenAction,
  type StoredTicket,
  TICKET_SOURCES,
  type TicketHistoryLine,
  type TicketListItem,
  ticketId,
} from './ticket-records.js';

function num(row: DbRow, col: string): number {
  const v = row[col];
  if (typeof v === 'number') return v;
  throw new TypeError(`column ${col}: expected a number from the store, got ${typeof v}`);
}

function str(row: DbRow, col: string): string {
  const v = row[col];
  if (typeof v === 'string') return v;
  throw new TypeError(`column ${col}: expected text from the store, got ${typeof v}`);
}

function oneOf<T extends string>(row: DbRow, col: string, allowed: readonly T[]): T {
  const v = str(row, col);
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw new TypeError(`column ${col}: '${v}' is not one of ${allowed.join(', ')}`);
  return found;
}

const optNum = (row: DbRow, col: string): number | undefined =>
  row[col] === null || row[col] === undefined ? undefined : num(row, col);
const optStr = (row: DbRow, col: string): string | undefined =>
  row[col] === null || row[col] === undefined ? undefined : str(row, col);

/** A listed ticket (without its captured data). */
export function ticketItemFromRow(row: DbRow): TicketListItem {
  const opt = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } =>
    (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
  const fixText = row.fix;
  return {
    id: ticketId(num(row, 'seq')),
    toolId: str(row, 'tool_id'),
    makerId: str(row, 'maker_id'),
    ...opt('module', optStr(row, 'module')),
    faultKey: str(row, 'fault_key'),
    source: oneOf(row, 'source', TICKET_SOURCES),
    title: str(row, 'title'),
    state: oneOf(row, 'state', TICKET_STATES),
    occurrences: num(row, 'occurrences'),
    reopened: num(row, 'reopened'),
    assignee: optStr(row, 'assignee') ?? null,
    reportedMs: num(row, 'reported_ms'),
    ...opt('acknowledgedMs', optNum(row, 'acknowledged_ms')),
    ...opt('fixDeployedMs', optNum(row, 'fix_deployed_ms')),
    ...opt('verifiedMs', optNum(row, 'verified_ms')),
    ...opt('closedMs', optNum(row, 'closed_ms')),
    ...(fixText === null || fixText === undefined
      ? {}
      : { fix: parseJsonValue(fixText) as unknown as DeployedFix }),
    ...opt('duplicateOf', optStr(row, 'duplicate_of')),
    version: num(row, 'version'),
  };
}

export function ticketFromRow(row: DbRow): StoredTicket {
  return { ...ticketItemFromRow(row), data: parseJsonObject(row.data) };
}

export function historyFromRow(row: DbRow): TicketHistoryLine {
  const role = str(row, 'actor_role');
  const actor: Actor = {
    id: str(row, 'actor_id'),
    role: role === 'system' ? 'system' : oneOf(row, 'actor_role', ROLES),
  };
  return {
    seq: num(row, 'seq'),
    atMs: num(row, 'at_ms'),
    actor,
    // Written by this module from a checked TicketAction or OpenAction.
    action: parseJsonValue(row.action) as unknown as TicketAction | OpenAction,
    from: oneOf<TicketState>(row, 'from_state', TICKET_STATES),
    to: oneOf<TicketState>(row, 'to_state', TICKET_STATES),
  };
}

export function attachmentInfoFromRow(row: DbRow): AttachmentInfo {
  return {
    id: num(row, 'seq'),
    ticketId: ticketId(num(row, 'ticket_seq')),
    name: str(row, 'name'),
    mediaType: str(row, 'media_type'),
    size: num(row, 'size'),
    actorId: str(row, 'actor_id'),
    atMs: num(row, 'at_ms'),
  };
}

/** Bytes as both engines return them (a Buffer, or a Uint8Array across the SQLite worker). */
export function bytesFromRow(row: DbRow): Uint8Array {
  const v = row.bytes;
  if (v instanceof Uint8Array) return v;
  throw new TypeError(`column bytes: expected bytes from the store, got ${typeof v}`);
}
