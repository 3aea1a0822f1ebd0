// The R2R routes of the fab API (docs/fab.md §10): the contexts with their state, a context's audited
// history from the store, and an engineer's commands (freeze, unfreeze, reset, override, hold,
// release). Registered by buildFabApi when an R2R service runs; every refusal is `{ code, message,
// path? }`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../../api/api-errors.js';
import { emptyQuery, pageQuery } from '../../api/query-schemas.js';
import { apiError } from '../../api/response-schemas.js';
import { pageParams } from '../../api/store-query.js';
import type { FabStore } from '../../store/fab-store.js';
import type { R2rCommandCode, R2rContextView, R2rService } from './r2r-service.js';

const perTerm = z.object({ Tx: z.number(), Ty: z.number(), Rot: z.number(), Mag: z.number() });
const since = z.object({ reason: z.string(), sinceMs: z.number() });
const controllerState = z
  .object({
    phase: z.enum(['fresh', 'tracking', 'suspended']),
    a: z.number(),
    d: z.number(),
    u: z.number(),
    runs: z.number().int(),
  })
  .nullable();
const contextView = z
  .object({
    key: z.string().meta({ description: 'tool+recipe+product, each part URI-encoded' }),
    toolId: z.string(),
    recipe: z.string(),
    product: z.string(),
    held: since.optional(),
    frozen: since.optional(),
    pairs: z.number().int(),
    actions: z.number().int(),
    settings: z.object({
      kind: z.enum(['ewma', 'dewma']),
      w: z.number(),
      w2: z.number(),
      gain: z.number(),
      deadband: perTerm,
      maxStep: perTerm,
      holdAtStart: z.boolean(),
    }),
    controller: z.object({
      Tx: controllerState,
      Ty: controllerState,
      Rot: controllerState,
      Mag: controllerState,
    }),
    offsets: perTerm.nullable(),
    last: z.object({ pairId: z.string(), fit: perTerm, atMs: z.number() }).optional(),
  })
  .meta({ id: 'R2rContext' });
const action = z
  .object({
    type: z.literal('r2r-action'),
    context: z.string(),
    actionNo: z.number().int(),
    toolId: z.string(),
    recipe: z.string(),
    product: z.string(),
    atMs: z.number().int(),
    action: z.string(),
    pairId: z.string().optional(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'R2rAction' });

const contextParams = z.strictObject({ context: z.string().min(1).max(1000) });
const reasonBody = z.strictObject({ reason: z.string().min(1).max(1000) });
const overrideBody = z.strictObject({
  reason: z.string().min(1).max(1000),
  values: z
    .strictObject({
      Tx: z.number().optional(),
      Ty: z.number().optional(),
      Rot: z.number().optional(),
      Mag: z.number().optional(),
    })
    .refine((v) => Object.keys(v).length > 0, { message: 'give at least one of Tx, Ty, Rot, Mag' }),
});

const STATUS: Readonly<Record<R2rCommandCode, number>> = {
  'unknown-context': 404,
  'out-of-limits': 400,
  'tool-unavailable': 503,
  'tool-refused': 409,
  'audit-failed': 503,
};

const commandErrors = { 400: apiError, 404: apiError, 409: apiError, 503: apiError };

export function registerR2rRoutes(fastify: FastifyInstance, store: FabStore, service: R2rService): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/r2r',
    {
      schema: {
        summary: 'R2R contexts with their state',
        querystring: emptyQuery,
        response: { 200: z.object({ items: z.array(contextView) }), 400: apiError },
      },
    },
    async (_req, reply) => reply.send({ items: service.contexts() }),
  );

  app.get(
    '/api/r2r/:context/history',
    {
      schema: {
        summary: "A context's audited R2R actions, oldest first",
        params: contextParams,
        querystring: pageQuery,
        response: {
          200: z.object({ items: z.array(action).readonly(), nextCursor: z.string().optional() }),
          400: apiError,
          404: apiError,
          503: apiError,
        },
      },
    },
    async (req, reply) => {
      const r = await store.listR2rActions({ context: req.params.context, ...pageParams(req.query) });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  const simple = [
    [
      'freeze',
      'Freeze: pairs are neither measured nor corrected',
      (k: string, why: string) => service.freeze(k, why),
    ],
    ['unfreeze', 'End a freeze', (k: string, why: string) => service.unfreeze(k, why)],
    ['reset', 'Forget the estimates (after maintenance)', (k: string, why: string) => service.reset(k, why)],
    ['hold', 'Hold: estimates follow, nothing is sent', (k: string, why: string) => service.hold(k, why)],
    ['release', 'End a hold', (k: string, why: string) => service.release(k, why)],
  ] as const;
  for (const [name, summary, run] of simple) {
    app.post(
      `/api/r2r/:context/${name}`,
      {
        schema: {
          summary,
          params: contextParams,
          body: reasonBody,
          response: { 200: contextView, ...commandErrors },
        },
      },
      async (req, reply) => answer(reply, await run(req.params.context, req.body.reason)),
    );
  }

  app.post(
    '/api/r2r/:context/override',
    {
      schema: {
        summary: "Send offsets chosen by an engineer, within the tool's EC limits",
        params: contextParams,
        body: overrideBody,
        response: { 200: contextView, ...commandErrors },
      },
    },
    async (req, reply) => {
      const v = req.body.values;
      const values = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
      return answer(reply, await service.override(req.params.context, values, req.body.reason));
    },
  );
}

function answer(
  reply: FastifyReply,
  r:
    | { ok: true; value: R2rContextView }
    | { ok: false; issues: readonly { code: R2rCommandCode; message: string; path?: string }[] },
): FastifyReply {
  if (r.ok) return reply.send(r.value);
  const first = r.issues[0] ?? { code: 'audit-failed' as const, message: 'the command failed' };
  const body = {
    code: first.code,
    message: first.message,
    ...(first.path === undefined ? {} : { path: first.path }),
  };
  return reply.code(STATUS[first.code]).send(body);
}
