// The tickets' routes of the fab API (docs/fab.md §11.7): list and read tickets, report one, act on
// one (the workflow's refusals answered 409/403 with its code, a stale version 409), attachments up
// and down (bounded: 413), the verification check of a deployed fix, the response-time summary.
// The actor is the request's account (api/request-auth.ts); a maker's user reads and acts on their own
// organisation's tickets only (the maker view), any other answered 404.
import { type Issue, issue } from '@bondline/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../api/api-errors.js';
import { viewOf } from '../api/request-auth.js';
import { apiError } from '../api/response-schemas.js';
import { pageParams } from '../api/store-query.js';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import type { JsonObject, JsonValue } from '../store/json-value.js';
import { MAX_ATTACHMENT_BYTES } from '../store/ticket-records.js';
import { ticketResponseSummary, ticketVerification } from './ticket-figures.js';
import {
  actionBody,
  attachmentParams,
  attachmentQuery,
  attachmentSchema,
  idParams,
  reportBody,
  responseQuery,
  responseSummarySchema,
  ticketDetailSchema,
  ticketItemSchema,
  ticketSchema,
  ticketsQuery,
  verificationSchema,
} from './ticket-schemas.js';
import type { TicketService, TicketServiceCode } from './ticket-service.js';
import type { TicketSettings } from './ticket-settings.js';
import { type Actor, allowedActions, type TicketAction } from './ticket-workflow.js';
import { parseWorkCalendar } from './work-calendar.js';

const errors = { 400: apiError, 401: apiError, 403: apiError, 404: apiError, 409: apiError, 503: apiError };

/** A report or an action carries text of up to 20,000 characters (the API's default limit is 16 KB). */
const TEXT_BODY_LIMIT = 256 * 1024;

/** Workflow refusals; the store's go through its own mapping. */
const WORKFLOW_STATUS: Readonly<Record<string, number>> = {
  'illegal-transition': 409,
  'verification-failed': 409,
  'not-fix-deployed': 409,
  'not-permitted': 403,
  'invalid-action': 400,
  // Reported on a tool the store does not hold.
  'unknown-reference': 404,
};

export interface TicketRoutesOptions {
  readonly store: FabStore;
  readonly service: TicketService;
  readonly settings: TicketSettings;
  /** Who a request acts as; undefined: it may not act (401). */
  readonly resolveActor: (request: FastifyRequest) => Actor | undefined;
}

export function registerTicketRoutes(fastify: FastifyInstance, o: TicketRoutesOptions): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { service } = o;
  const calendar = parseWorkCalendar(o.settings.calendar);
  if (!calendar.ok)
    throw new Error(`tickets.calendar was checked with the configuration: ${calendar.issues[0]?.message}`);

  app.get(
    '/api/tickets',
    {
      schema: {
        summary: 'Tickets in the order they opened, filtered (without their captured data)',
        querystring: ticketsQuery,
        response: {
          200: z.object({ items: z.array(ticketItemSchema).readonly(), nextCursor: z.string().optional() }),
          400: apiError,
          503: apiError,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await viewOf(req).listTickets({
        ...pageParams(q),
        ...(q.state === undefined ? {} : { state: q.state }),
        ...(q.tool === undefined ? {} : { toolId: q.tool }),
        ...(q.maker === undefined ? {} : { makerId: q.maker }),
        ...(q.source === undefined ? {} : { source: q.source }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/tickets/response-times',
    {
      schema: {
        summary: "The maker's response time in working hours, per maker and month (target: median under 4)",
        querystring: responseQuery,
        response: { 200: responseSummarySchema, 400: apiError, 503: apiError },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await ticketResponseSummary(viewOf(req), calendar.value, {
        ...(q.tool === undefined ? {} : { toolId: q.tool }),
        ...(q.maker === undefined ? {} : { makerId: q.maker }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/tickets/:id',
    {
      schema: {
        summary:
          'One ticket with its captured data, history, attachments and the actions the caller may take',
        params: idParams,
        response: { 200: ticketDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = o.resolveActor(req);
      if (actor === undefined) return unauthenticated(reply);
      const { id } = req.params;
      const view = viewOf(req);
      const [t, history, attachments] = await Promise.all([
        view.getTicket(id),
        view.ticketHistory(id),
        view.listTicketAttachments(id),
      ]);
      if (!t.ok) return sendStoreRefusal(reply, t.issues);
      if (!history.ok) return sendStoreRefusal(reply, history.issues);
      if (!attachments.ok) return sendStoreRefusal(reply, attachments.issues);
      return reply.send({
        ticket: t.value,
        history: history.value,
        attachments: attachments.value,
        allowedActions: allowedActions(t.value.state, actor.role).filter((k) => k !== 'recur'),
      });
    },
  );

  app.post(
    '/api/tickets',
    {
      bodyLimit: TEXT_BODY_LIMIT,
      schema: {
        summary: "An engineer's report: opens a ticket on a tool",
        body: reportBody,
        response: { 201: ticketSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = o.resolveActor(req);
      if (actor === undefined) return unauthenticated(reply);
      const b = req.body;
      const r = await service.report(
        {
          toolId: b.tool,
          title: b.title,
          text: b.text,
          ...(b.module === undefined ? {} : { module: b.module }),
        },
        actor,
      );
      return r.ok ? reply.code(201).send(r.value) : refuse(reply, r.issues);
    },
  );

  app.post(
    '/api/tickets/:id/actions',
    {
      bodyLimit: TEXT_BODY_LIMIT,
      schema: {
        summary: 'Act on a ticket: a workflow move, a comment or an assignment (refused moves: 409)',
        params: idParams,
        body: actionBody,
        response: { 200: ticketSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = o.resolveActor(req);
      if (actor === undefined) return unauthenticated(reply);
      // The schema is the TicketAction union (recur is the fab's own, not offered).
      const action = req.body.action as TicketAction;
      const seen = await viewOf(req).getTicket(req.params.id);
      if (!seen.ok) return sendStoreRefusal(reply, seen.issues);
      const r = await service.act(req.params.id, action, actor, req.body.version);
      return r.ok ? reply.send(r.value) : refuse(reply, r.issues);
    },
  );

  app.get(
    '/api/tickets/:id/replay',
    {
      schema: {
        summary:
          "The ticket's conditions as a replay file (bondline-replay/1) for bondline tool run --replay",
        params: idParams,
        response: { 200: z.record(z.string(), z.unknown()).meta({ id: 'TicketReplay' }), ...errors },
      },
    },
    async (req, reply) => {
      const t = await viewOf(req).getTicket(req.params.id);
      if (!t.ok) return sendStoreRefusal(reply, t.issues);
      const replay = t.value.data.replay;
      if (!isObject(replay))
        return reply.code(404).send({
          code: 'no-replay',
          message: `ticket ${t.value.id} carries no replay (it was not opened from an alarm)`,
        });
      const source = isObject(replay.source) ? replay.source : {};
      return reply
        .header('content-disposition', `attachment; filename="${t.value.id}.replay.json"`)
        .send({ ...replay, source: { ...source, ticket: t.value.id } });
    },
  );

  app.get(
    '/api/tickets/:id/verification',
    {
      schema: {
        summary: 'The computed verification check of a deployed fix (the engineer confirms it with verify)',
        params: idParams,
        response: { 200: verificationSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await ticketVerification(viewOf(req), req.params.id, o.settings.verification);
      return r.ok ? reply.send(r.value) : refuse(reply, r.issues);
    },
  );

  // Attachments: the body is the file itself (any media type), so this context parses every body as bytes.
  void app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
      (_req, body, done) => done(null, body),
    );
    const c = child.withTypeProvider<ZodTypeProvider>();
    c.post(
      '/api/tickets/:id/attachments',
      {
        bodyLimit: MAX_ATTACHMENT_BYTES,
        schema: {
          summary: 'Attach a file (the body, its Content-Type kept; at most 10 MB: 413)',
          params: idParams,
          querystring: attachmentQuery,
          response: { 201: attachmentSchema, ...errors, 413: apiError },
        },
      },
      async (req, reply) => {
        const actor = o.resolveActor(req);
        if (actor === undefined) return unauthenticated(reply);
        const body = req.body;
        if (!(body instanceof Uint8Array)) throw new TypeError('the attachment parser gave no bytes');
        const r = await viewOf(req).addTicketAttachment({
          ticketId: req.params.id,
          name: req.query.name,
          mediaType: (req.headers['content-type'] ?? 'application/octet-stream').slice(0, 200),
          bytes: body,
          actor,
          atMs: Date.now(),
        });
        return r.ok ? reply.code(201).send(r.value) : sendStoreRefusal(reply, r.issues);
      },
    );
  });

  app.get(
    '/api/tickets/:id/attachments/:attachment',
    {
      schema: {
        summary: 'An attachment, as uploaded (its Content-Type; 404 as the other reads)',
        params: attachmentParams,
        response: {
          200: {
            description: 'the file, with the media type it was uploaded with',
            content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).getTicketAttachment(req.params.id, req.params.attachment);
      if (!r.ok) return sendStoreRefusal(reply, r.issues);
      // The bytes as stored: the 200 schema documents them, there is nothing to serialise.
      const raw: FastifyReply = reply;
      return raw
        .header('content-type', r.value.mediaType)
        .header('content-disposition', `attachment; filename="${r.value.name.replace(/[^\w.-]/g, '_')}"`)
        .send(Buffer.from(r.value.bytes.buffer, r.value.bytes.byteOffset, r.value.bytes.byteLength));
    },
  );
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unauthenticated(reply: FastifyReply): FastifyReply {
  return reply.code(401).send({ code: 'unauthenticated', message: 'this request may not act on tickets' });
}

function refuse(
  reply: FastifyReply,
  issues: readonly Issue<TicketServiceCode | 'not-fix-deployed'>[],
): FastifyReply {
  const first = issues[0] ?? issue('store-unavailable', 'the ticket service failed without saying why');
  const status = WORKFLOW_STATUS[first.code];
  if (status === undefined) return sendStoreRefusal(reply, [first as Issue<StoreIssueCode>]);
  const body = {
    code: first.code,
    message: first.message,
    ...(first.path === undefined ? {} : { path: first.path }),
  };
  return reply.code(status).send(body);
}
