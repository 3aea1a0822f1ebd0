// The tickets' request and response shapes for the fab API (docs/fab.md §11.7), in the OpenAPI document.
import { z } from 'zod';
import { idText, page } from '../api/query-schemas.js';
import { TICKET_SOURCES } from '../store/ticket-records.js';
import { ROLES, TICKET_STATES } from './ticket-workflow.js';

const text = (max: number) => z.string().min(1).max(max);
const fix = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('software'), version: text(200) }),
  z.strictObject({ kind: z.literal('hardware'), change: text(20_000) }),
]);
const figure = z.object({
  name: z.string(),
  before: z.number(),
  after: z.number(),
  higherIsBetter: z.boolean(),
  tolerance: z.number(),
  recovered: z.boolean(),
});
export const verificationSchema = z
  .strictObject({
    passed: z.boolean(),
    pairsSinceFix: z.number().int().min(0),
    requiredPairs: z.number().int().min(0),
    recurrencesSinceFix: z.number().int().min(0),
    figure: figure.optional(),
    reasons: z.array(z.string()).readonly(),
  })
  .meta({ id: 'TicketVerification' });

const ticketActionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('acknowledge') }),
    z.strictObject({ kind: z.literal('start-analysis') }),
    z.strictObject({ kind: z.literal('propose-fix'), summary: text(20_000) }),
    z.strictObject({ kind: z.literal('deploy-fix'), fix }),
    z.strictObject({ kind: z.literal('verify'), check: verificationSchema }),
    z.strictObject({ kind: z.literal('fix-failed'), reason: text(20_000) }),
    z.strictObject({ kind: z.literal('close') }),
    z.strictObject({ kind: z.literal('reject'), reason: text(20_000) }),
    z.strictObject({ kind: z.literal('mark-duplicate'), of: text(200) }),
    z.strictObject({ kind: z.literal('comment'), text: text(20_000) }),
    z.strictObject({ kind: z.literal('assign'), to: text(200).nullable() }),
  ])
  .meta({ id: 'TicketAction' });

export const actionBody = z.strictObject({
  /** The version the client read: refused as stale when the ticket moved on. */
  version: z.number().int().min(1).optional(),
  action: ticketActionSchema,
});

export const reportBody = z.strictObject({
  tool: idText,
  title: text(200),
  text: text(20_000),
  module: text(200).optional(),
});

export const ticketsQuery = z.strictObject({
  ...page,
  state: z.enum(TICKET_STATES).optional(),
  tool: idText.optional(),
  maker: idText.optional(),
  source: z.enum(TICKET_SOURCES).optional(),
});

export const responseQuery = z.strictObject({ tool: idText.optional(), maker: idText.optional() });
export const idParams = z.strictObject({ id: text(40) });
export const attachmentParams = z.strictObject({ id: text(40), attachment: z.coerce.number().int().min(1) });
export const attachmentQuery = z.strictObject({ name: text(200) });

const actor = z.object({ id: z.string(), role: z.enum([...ROLES, 'system']) });
const listItem = {
  id: z.string(),
  toolId: z.string(),
  makerId: z.string(),
  module: z.string().optional(),
  faultKey: z.string(),
  source: z.enum(TICKET_SOURCES),
  title: z.string(),
  state: z.enum(TICKET_STATES),
  occurrences: z.number().int(),
  reopened: z.number().int(),
  assignee: z.string().nullable(),
  reportedMs: z.number().int(),
  acknowledgedMs: z.number().int().optional(),
  fixDeployedMs: z.number().int().optional(),
  verifiedMs: z.number().int().optional(),
  closedMs: z.number().int().optional(),
  fix: fix.optional(),
  duplicateOf: z.string().optional(),
  version: z.number().int(),
};
export const ticketItemSchema = z.object(listItem).meta({ id: 'TicketListItem' });
export const ticketSchema = z
  .object({ ...listItem, data: z.record(z.string(), z.unknown()) })
  .meta({ id: 'Ticket' });
export const attachmentSchema = z
  .object({
    id: z.number().int(),
    ticketId: z.string(),
    name: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    actorId: z.string(),
    atMs: z.number().int(),
  })
  .meta({ id: 'TicketAttachment' });
const historyLine = z.object({
  seq: z.number().int(),
  atMs: z.number().int(),
  actor,
  action: z.union([
    ticketActionSchema,
    z.object({ kind: z.literal('recur'), atMs: z.number().int() }),
    z.object({ kind: z.literal('open'), source: z.enum(TICKET_SOURCES), title: z.string() }),
  ]),
  from: z.enum(TICKET_STATES),
  to: z.enum(TICKET_STATES),
});
export const ticketDetailSchema = z
  .object({
    ticket: ticketSchema,
    history: z.array(historyLine).readonly(),
    attachments: z.array(attachmentSchema).readonly(),
    allowedActions: z.array(z.string()),
  })
  .meta({ id: 'TicketDetail' });

const hours = z.object({
  count: z.number().int(),
  median: z.number().optional(),
  p90: z.number().optional(),
  mean: z.number().optional(),
});
const group = z.object({
  makerId: z.string(),
  month: z.string(),
  reported: z.number().int(),
  awaitingResponse: z.number().int(),
  response: hours,
  withinTarget: z.number().optional(),
  toFixDeployed: hours,
  toVerified: hours,
});
export const responseSummarySchema = z
  .object({
    targetHours: z.number(),
    total: group,
    byMaker: z.array(group).readonly(),
    byMakerMonth: z.array(group).readonly(),
  })
  .meta({ id: 'TicketResponseSummary' });
