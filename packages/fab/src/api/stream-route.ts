// GET /api/stream: the records the store commits, live, as server-sent events (one event per record,
// typed by the record's type), from the LiveFeed. Optional filters: one tool, some record types. A
// maker's user follows only their organisation's tools, their tickets, none of the fab's analytics.
// A comment line every heartbeat keeps idle connections open through proxies. A client that does
// not read is dropped once its queue passes the bound (sse-client.ts); a disconnect unsubscribes at
// once; closing the server ends every stream.
import type { Result } from '@bondline/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toolsOf } from '../accounts/maker-view.js';
import type { TicketEvent } from '../loop/ticket-service.js';
import type { LiveFeed } from '../pipeline/seams.js';
import type { StoreIssueCode } from '../store/fab-store.js';
import type { FabRecord, FabRecordType } from '../store/records.js';
import { sendStoreRefusal } from './api-errors.js';
import { idText } from './query-schemas.js';
import { authOf, viewOf } from './request-auth.js';
import { apiError } from './response-schemas.js';
import { SseClient } from './sse-client.js';

type StreamType = FabRecordType | 'ticket';

const RECORD_TYPES: readonly StreamType[] = [
  'organisation',
  'tool',
  'module',
  'recipe',
  'lot',
  'carrier',
  'substrate',
  'pair',
  'pair-result',
  'event',
  'alarm',
  'trace',
  'ec-change',
  'ticket',
  'fdc-model',
  'fdc-check',
  'fdc-fault',
  'spc-violation',
];

// A tool filter follows a pair's result through the pair seen earlier in the stream; this many pair
// ids are remembered per client (oldest forgotten first).
const PAIRS_REMEMBERED = 10_000;

const typesText = z
  .string()
  .meta({ description: `comma-separated record types: ${RECORD_TYPES.join(', ')}` })
  .transform((text, ctx) => {
    const types = new Set<StreamType>();
    for (const t of text.split(',')) {
      const known = RECORD_TYPES.find((r) => r === t);
      if (known === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${JSON.stringify(t.slice(0, 40))} is not a record type (${RECORD_TYPES.join(', ')})`,
          params: { code: 'bad-filter' },
          input: text,
        });
        return z.NEVER;
      }
      types.add(known);
    }
    return types;
  });

const streamQuery = z.strictObject({
  tool: idText.meta({ description: 'only records of this tool' }).optional(),
  types: typesText.optional(),
});

/** Ticket openings and changes (the ticket service's), streamed as `ticket` events. */
interface TicketEventFeed {
  subscribe(listener: (e: TicketEvent) => void): () => void;
}

export interface StreamOptions {
  /** With it, `ticket` events (docs/fab.md §11.7): not records, so not from the LiveFeed. */
  readonly tickets?: TicketEventFeed;
  /** Between two heartbeat comments, ms. */
  readonly heartbeatMs: number;
  /** A client's queue beyond what its socket took, bytes; past it the client is dropped. */
  readonly maxQueuedBytes: number;
}

export function registerStreamRoute(
  fastify: FastifyInstance,
  feed: LiveFeed | undefined,
  options: StreamOptions,
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const open = new Set<() => void>();
  fastify.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/api/stream',
    {
      schema: {
        summary: 'Committed records, live, as server-sent events (text/event-stream)',
        description:
          'Each record is one event: `event:` its type, `data:` the record as JSON (a pair-result without its maps: read them from /api/pairs/{id}). A `: heartbeat` comment is sent while idle. A client that does not read is dropped.',
        querystring: streamQuery,
        response: {
          200: { description: 'an event stream', content: { 'text/event-stream': { schema: z.string() } } },
          400: apiError,
          503: apiError,
        },
      },
    },
    async (req, reply) => {
      if (feed === undefined) {
        return reply.code(503).send({ code: 'no-live-feed', message: 'this server has no live feed' });
      }
      const scope = await streamScope(req, req.query.tool);
      if (!scope.ok) return sendStoreRefusal(reply, scope.issues);
      const maker = scope.value.makerId !== undefined;
      const keep = recordFilter(scope.value.tools, req.query.types, maker);
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let ended = false;
      const end = (how: 'end' | 'destroy') => {
        if (ended) return;
        ended = true;
        unsubscribe();
        clearInterval(heartbeat);
        client.close();
        open.delete(endGracefully);
        if (how === 'end') res.end();
        else res.destroy();
      };
      const endGracefully = () => end('end');
      const client = new SseClient(res, options.maxQueuedBytes, () => {
        req.log.warn({ tool: req.query.tool }, 'stream client dropped: it did not keep up');
        end('destroy');
      });
      const fromRecords = feed.subscribe((records) => {
        for (const r of records) if (keep(r)) client.event(r.type, JSON.stringify(streamed(r)));
      });
      const { tool, types } = req.query;
      const fromTickets = options.tickets?.subscribe((e) => {
        if (tool !== undefined && e.ticket.toolId !== tool) return;
        if (maker && e.ticket.makerId !== scope.value.makerId) return;
        if (types !== undefined && !types.has('ticket')) return;
        const { data: _data, ...ticket } = e.ticket;
        client.event(
          'ticket',
          JSON.stringify({ kind: e.kind, ticket, ...(e.action === undefined ? {} : { action: e.action }) }),
        );
      });
      const unsubscribe = () => {
        fromRecords();
        fromTickets?.();
      };
      const heartbeat = setInterval(() => client.comment('heartbeat'), options.heartbeatMs);
      open.add(endGracefully);
      res.on('close', () => end('destroy'));
      client.comment('connected');
      return reply;
    },
  );
}

/** What a maker's user may follow: their tools' records, none of the fab's analytics. */
const MAKER_TYPES: ReadonlySet<string> = new Set([
  'tool',
  'module',
  'recipe',
  'lot',
  'pair',
  'pair-result',
  'event',
  'alarm',
  'trace',
  'ec-change',
]);

/**
 * Which records a client asked for and may see: of the `tools` (undefined: every tool), of `types`;
 * `makerOnly` keeps a maker's user to MAKER_TYPES.
 */
function recordFilter(
  tools: ReadonlySet<string> | undefined,
  types: ReadonlySet<StreamType> | undefined,
  makerOnly: boolean,
) {
  const pairs = new Set<string>();
  const ofTool = (r: FabRecord): boolean => {
    if (tools === undefined) return true;
    switch (r.type) {
      case 'tool':
        return tools.has(r.id);
      case 'pair':
        if (!tools.has(r.toolId)) return false;
        pairs.add(r.id);
        if (pairs.size > PAIRS_REMEMBERED) pairs.delete(pairs.values().next().value ?? '');
        return true;
      case 'pair-result':
        return pairs.has(r.pairId);
      case 'organisation':
      case 'carrier':
      case 'substrate':
      case 'fdc-model':
        return false;
      default:
        return tools.has(r.toolId);
    }
  };
  return (r: FabRecord): boolean =>
    (!makerOnly || MAKER_TYPES.has(r.type)) && ofTool(r) && (types === undefined || types.has(r.type));
}

/** A record as the stream sends it: a pair result without its maps, with the names of those stored. */
function streamed(r: FabRecord): object {
  if (r.type !== 'pair-result') return r;
  const { overlayMap, voidMap, dieYieldMap, ...rest } = r;
  const maps = [
    ...(overlayMap === undefined ? [] : ['overlayMap']),
    ...(voidMap === undefined ? [] : ['voidMap']),
    ...(dieYieldMap === undefined ? [] : ['dieYieldMap']),
  ];
  return { ...rest, maps };
}

/**
 * The tools a stream follows: the one asked for, or every tool (undefined), within what the caller
 * sees (a maker's user: their organisation's tools, listed through their view of the store).
 */
async function streamScope(
  req: FastifyRequest,
  tool: string | undefined,
): Promise<Result<{ tools: ReadonlySet<string> | undefined; makerId?: string }, StoreIssueCode>> {
  const p = authOf(req).principal;
  if (p.side === 'fab')
    return { ok: true, value: { tools: tool === undefined ? undefined : new Set([tool]) } };
  const visible = await toolsOf(viewOf(req), p.organisationId);
  if (!visible.ok) return visible;
  const tools = visible.value.filter((t) => tool === undefined || t === tool);
  return { ok: true, value: { tools: new Set(tools), makerId: p.organisationId } };
}
