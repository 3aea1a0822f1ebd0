// What the store keeps of a fault ticket (migration 8 `tickets`, docs/fab.md §11.4): the workflow's
// core (loop/ticket-workflow.ts) plus what the ticket is about (tool, maker, module, fault key, source,
// title), the data captured when it opened, and a version that every change increments (a change made
// against an older version is refused as stale). Ids are `T-` and the row number, six digits or more.
import type { Actor, TicketAction, TicketCore, TicketState } from '../loop/ticket-workflow.js';
import type { JsonObject } from './json-value.js';
import type { PageQuery } from './page-cursor.js';

export const TICKET_SOURCES = ['alarm', 'spc', 'fdc', 'yield', 'report'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** Attachments above this many bytes are refused (`too-large`; HTTP 413). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface NewTicket {
  readonly toolId: string;
  readonly module?: string;
  /** What recurs: `alarm:<ALID>`, `spc:<chart>`, `fdc:<recipe>/<step>`, `report:<...>`. */
  readonly faultKey: string;
  readonly source: TicketSource;
  readonly title: string;
  readonly reportedMs: number;
  /** Captured at opening (docs/fab.md §11.5). */
  readonly data: JsonObject;
  /** Who opened it (the first history line). */
  readonly actor: Actor;
}

export interface TicketListItem extends TicketCore {
  readonly id: string;
  readonly toolId: string;
  /** The tool's organisation when the ticket opened. */
  readonly makerId: string;
  readonly module?: string;
  readonly faultKey: string;
  readonly source: TicketSource;
  readonly title: string;
  readonly version: number;
}

export interface StoredTicket extends TicketListItem {
  readonly data: JsonObject;
}

export interface TicketQuery extends PageQuery {
  readonly state?: TicketState;
  readonly toolId?: string;
  readonly makerId?: string;
  readonly source?: TicketSource;
}

/** The first history line's action: the ticket opened. */
export interface OpenAction {
  readonly kind: 'open';
  readonly source: TicketSource;
  readonly title: string;
}

export interface TicketHistoryLine {
  /** 1 for the opening, then the ticket's version after each change. */
  readonly seq: number;
  readonly atMs: number;
  readonly actor: Actor;
  readonly action: TicketAction | OpenAction;
  readonly from: TicketState;
  readonly to: TicketState;
}

export interface NewAttachment {
  readonly ticketId: string;
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly actor: Actor;
  readonly atMs: number;
}

export interface AttachmentInfo {
  readonly id: number;
  readonly ticketId: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly actorId: string;
  readonly atMs: number;
}

export interface Attachment extends AttachmentInfo {
  readonly bytes: Uint8Array;
}

/** `T-000123` for row 123. */
export function ticketId(seq: number): string {
  return `T-${String(seq).padStart(6, '0')}`;
}

/** The row number of a ticket id, or undefined when it is not one. */
export function ticketSeq(id: string): number | undefined {
  const m = /^T-(\d{6,15})$/.exec(id);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
