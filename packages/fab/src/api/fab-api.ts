// The fab's HTTP API (docs/fab.md §5): Fastify with a zod schema at every route, the OpenAPI document
// built from the same schemas, reads from the store, the collectors' tool status, and the live feed
// as server-sent events. `buildFabApi` gives the Fastify instance (tests use its `inject`);
// `startFabApi` listens and gives the URL.
import { readFile } from 'node:fs/promises';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoginLimiter } from '../accounts/login-limiter.js';
import type { ScryptParams } from '../accounts/password.js';
import { registerFdcRoutes } from '../analytics/fdc/fdc-routes.js';
import { registerR2rRoutes } from '../analytics/r2r/r2r-routes.js';
import type { R2rService } from '../analytics/r2r/r2r-service.js';
import { registerReliabilityRoutes } from '../analytics/reliability/reliability-routes.js';
import { registerSpcRoutes } from '../analytics/spc-service/spc-routes.js';
import { type CatalogueOf, registerCoverageRoutes } from '../loop/coverage-routes.js';
import { registerDeadLetterRoutes } from '../loop/dead-letter-routes.js';
import { registerTicketRoutes } from '../loop/ticket-routes.js';
import type { TicketService } from '../loop/ticket-service.js';
import type { TicketSettings } from '../loop/ticket-settings.js';
import type { WebhookDispatcher } from '../loop/webhooks.js';
import type { LiveFeed, RecordSink, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabStore } from '../store/fab-store.js';
import { registerAccountRoutes } from './account-routes.js';
import { installErrorHandlers, storeRefusal, zodValidatorCompiler } from './api-errors.js';
import { registerFactRoutes } from './fact-routes.js';
import { emptyQuery } from './query-schemas.js';
import { registerReadRoutes } from './read-routes.js';
import { type ApiAuthMode, actorOf, installAccessChecks } from './request-auth.js';
import { apiError } from './response-schemas.js';
import { registerStreamRoute } from './stream-route.js';
import { registerWebRoot } from './web-root.js';
import { registerYieldRoutes } from './yield-routes.js';

export interface FabApiOptions {
  readonly store: FabStore;
  /** Committed records for GET /api/stream; without it the stream answers 503. */
  readonly feed?: LiveFeed;
  /** The collectors' tool status, shown with each tool; without it tools carry no status. */
  readonly statusBoard?: ToolStatusBoard;
  /** A pino-compatible logger (Fastify's); none by default. */
  readonly logger?: FastifyBaseLogger;
  /** Between two heartbeat comments on the stream, ms (default 15,000). */
  readonly heartbeatMs?: number;
  /** A stream client's backlog beyond its socket, bytes, past which it is dropped (default 1 MiB). */
  readonly maxStreamBacklogBytes?: number;
  /** Send `Access-Control-Allow-Origin` for this origin (default: no CORS headers, same origin only). */
  readonly corsOrigin?: string;
  /** Check every answer against its route's response schema (tests; costs time on large answers). */
  readonly checkResponses?: boolean;
  /** The R2R service (docs/fab.md §10); with it, the /api/r2r routes. */
  readonly r2r?: R2rService;
  /** The fault loop's tickets (docs/fab.md §11.7); with it, the /api/tickets routes. */
  readonly tickets?: {
    readonly service: TicketService;
    readonly settings: TicketSettings;
    /** The makers' webhooks (docs/fab.md §13): their dead letters can be retried through the API. */
    readonly webhooks?: WebhookDispatcher;
  };
  /**
   * How requests are authenticated (docs/fab.md §14.6): `accounts`, the store's users with their
   * tokens and sessions; `local` (the default here), every request the local operator, a fab admin,
   * for a fab with no accounts on a trusted machine. `bondline fab up` and `fab serve` choose
   * `accounts` as soon as the store has a user.
   */
  readonly auth?: ApiAuthMode;
  /** Each tool's fault catalogue, for its coverage (GET /api/tools/{id}/coverage); default none. */
  readonly catalogueOf?: CatalogueOf;
  /** Sign-in: the cost of new password hashes, the rate limiter, the session length (tests). */
  readonly accounts?: {
    readonly scrypt?: ScryptParams;
    readonly limiter?: LoginLimiter;
    readonly sessionMs?: number;
  };
  /**
   * Where the API writes the records it makes (an SPC violation's close, docs/fab.md §8.6): the
   * pipeline's sink or the bus, so they reach the live stream; default the store directly.
   */
  readonly recordSink?: RecordSink;
  /**
   * A folder of static files (the dashboard's build, @bondline/web's dist) served at / without
   * sign-in, index.html for any other path that is not /api/* (the app's client routes); default none.
   */
  readonly webRoot?: string;
}

export interface StartFabApiOptions extends FabApiOptions {
  /** Address to bind (default 127.0.0.1: this machine only). */
  readonly host?: string;
  /** Port (default 8080; 0 picks a free one). */
  readonly port?: number;
}

export interface RunningFabApi {
  /** `http://host:port`. */
  readonly url: string;
  /** Stop accepting, end the event streams, finish the requests in flight. */
  close(): Promise<void>;
}

// Only the R2R commands take a body (a reason and four numbers): anything larger is refused unread.
const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The API as a Fastify instance, not listening (`inject` and `listen` make it ready). Routes added
 * before then are answered in the same error shape and listed in the OpenAPI document.
 */
export async function buildFabApi(options: FabApiOptions): Promise<FastifyInstance> {
  const { store } = options;
  const version = await packageVersion();
  const startedMs = Date.now();
  const app = Fastify({
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
    bodyLimit: BODY_LIMIT_BYTES,
    // An id is up to 200 characters, up to 12 bytes each once percent-encoded.
    routerOptions: { maxParamLength: 2400 },
    return503OnClosing: true,
    // A URL that does not decode is refused by the router, before any error handler.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      reply.code(400).send({ code: 'bad-url', message: err.message });
    },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(options.checkResponses === true ? serializerCompiler : () => JSON.stringify);
  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+')}$`);
    for (const method of methods) routes.push({ method, pattern });
  });
  installErrorHandlers(app, (url) => routes.filter((r) => r.pattern.test(url)).map((r) => r.method));
  await app.register(fastifyCookie);
  const mode = options.auth ?? 'local';
  installAccessChecks(app, store, mode);
  const { corsOrigin } = options;
  if (corsOrigin !== undefined) {
    app.addHook('onRequest', async (_req, reply) => {
      reply.header('access-control-allow-origin', corsOrigin).header('vary', 'Origin');
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bondline fab API',
        version,
        description:
          'What the fab collected from its bonders: tools, lots, pairs, events, alarms, trace, live records.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/openapi.json',
    {
      schema: {
        summary: 'This document (OpenAPI 3.1)',
        querystring: emptyQuery,
        response: {
          200: z.object({
            openapi: z.string(),
            info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
            paths: z.record(z.string(), z.unknown()).optional(),
            components: z.object({ schemas: z.record(z.string(), z.unknown()).optional() }).optional(),
          }),
          400: apiError,
        },
      },
    },
    async (_req, reply) => {
      const doc = app.swagger();
      // Registered with `openapi` options above: an OpenAPI 3 document, never a Swagger 2 one.
      if (!('openapi' in doc)) throw new Error('@fastify/swagger built a Swagger 2 document');
      return reply.send(doc);
    },
  );

  const health = z.object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    uptimeMs: z.number().int(),
    store: z.object({
      kind: z.enum(['sqlite', 'postgres']),
      reachable: z.boolean(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  });
  typed.get(
    '/api/health',
    {
      schema: {
        summary: 'Whether the store answers; 503 when it does not',
        querystring: emptyQuery,
        response: { 200: health, 400: apiError, 503: health },
      },
    },
    async (_req, reply) => {
      const r = await store.listTools({ limit: 1 });
      const common = { version, uptimeMs: Date.now() - startedMs };
      if (r.ok) return reply.send({ status: 'ok', ...common, store: { kind: store.kind, reachable: true } });
      const { body } = storeRefusal(r.issues);
      return reply.code(503).send({
        status: 'unavailable',
        ...common,
        store: { kind: store.kind, reachable: false, code: body.code, message: body.message },
      });
    },
  );

  registerAccountRoutes(app, { store, mode, ...options.accounts });
  // The reads a maker's user shares read the store through the request's view (request-auth.ts).
  registerReadRoutes(app, options.statusBoard);
  registerFactRoutes(app);
  registerYieldRoutes(app);
  registerReliabilityRoutes(app);
  registerCoverageRoutes(app, options.catalogueOf ?? (() => undefined));
  registerDeadLetterRoutes(app, store, options.tickets?.webhooks);
  registerFdcRoutes(app, store);
  if (options.r2r !== undefined) registerR2rRoutes(app, store, options.r2r);
  if (options.tickets !== undefined)
    registerTicketRoutes(app, {
      store,
      service: options.tickets.service,
      settings: options.tickets.settings,
      resolveActor: actorOf,
    });
  registerSpcRoutes(app, {
    store,
    ...(options.recordSink === undefined ? {} : { sink: options.recordSink }),
  });
  registerStreamRoute(app, options.feed, {
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxQueuedBytes: options.maxStreamBacklogBytes ?? 1024 * 1024,
    ...(options.tickets === undefined ? {} : { tickets: options.tickets.service }),
  });
  if (options.webRoot !== undefined) await registerWebRoot(app, options.webRoot);
  return app;
}

/** Build the API and listen on `host:port`. */
export async function startFabApi(options: StartFabApiOptions): Promise<RunningFabApi> {
  const app = await buildFabApi(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 8080 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the API did not bind a TCP port');
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shownHost}:${address.port}`, close: () => app.close() };
}

// The package's version, from its package.json (beside src/ and dist/ alike).
async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  const parsed = z.object({ version: z.string() }).parse(JSON.parse(text));
  return parsed.version;
}
