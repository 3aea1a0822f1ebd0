// The webhooks' dead letters over the API (docs/fab.md §13.2), for the fab's admins: the list from the
// store (they outlive a restart), and a retry that puts one back in its target's queue and marks it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../api/api-errors.js';
import { idParams, idText, pageQuery } from '../api/query-schemas.js';
import { readErrors } from '../api/response-schemas.js';
import { pageParams } from '../api/store-query.js';
import type { FabStore } from '../store/fab-store.js';
import type { WebhookDispatcher } from './webhooks.js';

const letterSchema = z
  .object({
    deliveryId: z.string(),
    targetId: z.string(),
    type: z.string(),
    body: z.string().meta({ description: 'the JSON body as it was signed and sent' }),
    attempts: z.number().int(),
    lastError: z.string(),
    atMs: z.number().int(),
    retriedMs: z.number().int().optional(),
  })
  .meta({ id: 'DeadLetter' });

const lettersQuery = pageQuery.extend({
  target: idText.optional(),
  pending: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'only not retried (true) or retried (false)' }),
});

export function registerDeadLetterRoutes(
  fastify: FastifyInstance,
  store: FabStore,
  webhooks: WebhookDispatcher | undefined,
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/webhooks/dead-letters',
    {
      schema: {
        summary: 'Webhook deliveries refused or failed on their last attempt, oldest first (fab admins)',
        querystring: lettersQuery,
        response: {
          200: z.object({ items: z.array(letterSchema).readonly(), nextCursor: z.string().optional() }),
          ...readErrors,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await store.listDeadLetters({
        ...pageParams(q),
        ...(q.target === undefined ? {} : { targetId: q.target }),
        ...(q.pending === undefined ? {} : { pending: q.pending === 'true' }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.post(
    '/api/webhooks/dead-letters/:id/retry',
    {
      schema: {
        summary: 'Send a dead letter again: back in its target’s queue, attempts reset (fab admins)',
        params: idParams,
        response: { 200: letterSchema, ...readErrors, 409: readErrors[400] },
      },
    },
    async (req, reply) => {
      const found = await store.getDeadLetter(req.params.id);
      if (!found.ok) return sendStoreRefusal(reply, found.issues);
      if (webhooks === undefined || !webhooks.requeue(found.value))
        return reply.code(409).send({
          code: 'no-target',
          message: `webhook target '${found.value.targetId}' is not configured in this process (tickets.webhooks)`,
        });
      const r = await store.markDeadLetterRetried(req.params.id, Date.now());
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );
}
