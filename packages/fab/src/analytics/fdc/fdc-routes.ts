// The FDC routes of the fab API (docs/fab.md §9): the stored models, one model, learning a model from
// golden pairs (stored as the recipe's next version, the active one), the faults (by tool, pair or
// recipe, paged), and a pair's check. Every refusal is `{ code, message, path? }`.
import { type Issue, issue } from '@bondline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../../api/api-errors.js';
import { idParams, idText, pageQuery } from '../../api/query-schemas.js';
import { apiError } from '../../api/response-schemas.js';
import { pageParams } from '../../api/store-query.js';
import type { FabStore, StoreIssueCode } from '../../store/fab-store.js';
import type { FdcModelRecord } from '../../store/records.js';
import { type FdcLearnCode, learnFdcFromStore } from './fdc-learn.js';

const modelSummary = z
  .object({
    recipe: z.string(),
    version: z.number().int(),
    createdMs: z.number().int(),
    goldenPairIds: z.array(z.string()).readonly(),
  })
  .meta({ id: 'FdcModelSummary' });
const storedModel = modelSummary
  .extend({ model: z.record(z.string(), z.unknown()).meta({ description: 'the model (docs/fab.md §9.3)' }) })
  .meta({ id: 'FdcModel' });
const learnedModel = modelSummary
  .extend({
    pairs: z.number().int().meta({ description: 'golden pairs chosen' }),
    runs: z.number().int().meta({ description: 'of them, pairs with a step with trace samples' }),
    steps: z.array(
      z.object({
        step: z.string(),
        runs: z.number().int(),
        features: z.number().int(),
        rank: z.number().int(),
        t2Ucl: z.number(),
      }),
    ),
  })
  .meta({ id: 'FdcLearned' });
const traceContribution = z.object({
  trace: z.string(),
  contribution: z.number(),
  share: z.number(),
  outOfLimits: z.array(z.string()).readonly(),
});
const fault = z
  .object({
    type: z.literal('fdc-fault'),
    pairId: z.string(),
    toolId: z.string(),
    recipe: z.string(),
    step: z.string(),
    moduleId: z.string(),
    modelVersion: z.number().int(),
    atMs: z.number().int(),
    t2: z.number(),
    t2Ucl: z.number(),
    reasons: z.array(z.enum(['t2', 'limits'])).readonly(),
    traces: z.array(traceContribution).readonly(),
  })
  .meta({ id: 'FdcFault' });
const check = z
  .object({
    type: z.literal('fdc-check'),
    pairId: z.string(),
    toolId: z.string(),
    recipe: z.string(),
    modelVersion: z.number().int(),
    atMs: z.number().int(),
    flagged: z.boolean(),
    faultCount: z.number().int(),
    result: z.record(z.string(), z.unknown()).meta({ description: 'the check per step (docs/fab.md §9.4)' }),
  })
  .meta({ id: 'FdcCheck' });

const modelsQuery = pageQuery.extend({ recipe: idText.meta({ description: 'only this recipe' }).optional() });
const faultsQuery = pageQuery.extend({
  tool: idText.meta({ description: 'only this tool' }).optional(),
  pair: idText.meta({ description: 'only this pair' }).optional(),
  recipe: idText.meta({ description: 'only this recipe' }).optional(),
});
const recipeParams = z.strictObject({ recipe: idText });
const versionParams = z.strictObject({
  recipe: idText,
  version: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
const learnBody = z
  .strictObject({
    lotIds: z.array(idText).max(1000).optional().meta({ description: 'every pair of these lots is golden' }),
    pairIds: z.array(idText).max(100_000).optional().meta({ description: 'these pairs are golden' }),
    recipe: idText.optional().meta({ description: 'the recipe to learn when the pairs have several' }),
    kSigma: z
      .number()
      .positive()
      .optional()
      .meta({ description: 'univariate limits at mean ± kSigma sd (4)' }),
    alpha: z.number().gt(0).lt(1).optional().meta({ description: 'T² false-alarm rate per step (0.0027)' }),
    thresholds: z.record(z.string(), z.number()).optional().meta({ description: 'timeAbove thresholds' }),
  })
  .refine((b) => (b.lotIds?.length ?? 0) + (b.pairIds?.length ?? 0) > 0, {
    message: 'give lotIds or pairIds of golden pairs',
    path: ['lotIds'],
  });

const LEARN_STATUS: Readonly<Record<Exclude<FdcLearnCode, StoreIssueCode>, 400 | 404 | 409 | 422>> = {
  'no-golden-pairs': 400,
  'unknown-lot': 404,
  'unknown-pair': 404,
  'several-recipes': 400,
  'no-traces': 422,
  'no-golden-runs': 422,
  'too-few-golden-runs': 422,
  'invalid-option': 400,
  'version-taken': 409,
};

const summary = (r: FdcModelRecord) => ({
  recipe: r.recipe,
  version: r.version,
  createdMs: r.createdMs,
  goldenPairIds: r.goldenPairIds,
});

export function registerFdcRoutes(
  fastify: FastifyInstance,
  store: FabStore,
  clock: () => number = Date.now,
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const reads = { 400: apiError, 404: apiError, 503: apiError };

  app.get(
    '/api/fdc/models',
    {
      schema: {
        summary: 'FDC models, oldest first: recipe, version, when, golden pairs',
        querystring: modelsQuery,
        response: {
          200: z.object({ items: z.array(modelSummary).readonly(), nextCursor: z.string().optional() }),
          ...reads,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await store.listFdcModels({
        ...pageParams(q),
        ...(q.recipe === undefined ? {} : { recipe: q.recipe }),
      });
      if (!r.ok) return sendStoreRefusal(reply, r.issues);
      return reply.send({ items: r.value.items.map(summary), ...nextOf(r.value.nextCursor) });
    },
  );

  app.get(
    '/api/fdc/models/:recipe',
    {
      schema: {
        summary: "A recipe's active FDC model (its newest version)",
        params: recipeParams,
        response: { 200: storedModel, ...reads },
      },
    },
    async (req, reply) => {
      const r = await store.getFdcModel(req.params.recipe);
      return r.ok
        ? reply.send({ ...summary(r.value), model: r.value.model })
        : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/fdc/models/:recipe/:version',
    {
      schema: {
        summary: "One version of a recipe's FDC model",
        params: versionParams,
        response: { 200: storedModel, ...reads },
      },
    },
    async (req, reply) => {
      const r = await store.getFdcModel(req.params.recipe, req.params.version);
      return r.ok
        ? reply.send({ ...summary(r.value), model: r.value.model })
        : sendStoreRefusal(reply, r.issues);
    },
  );

  app.post(
    '/api/fdc/models',
    {
      schema: {
        summary: "Learn a recipe's FDC model from golden pairs; stored as its next version, the active one",
        body: learnBody,
        response: {
          201: learnedModel,
          400: apiError,
          404: apiError,
          409: apiError,
          422: apiError,
          503: apiError,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await learnFdcFromStore(
        store,
        {
          ...(b.lotIds === undefined ? {} : { lotIds: b.lotIds }),
          ...(b.pairIds === undefined ? {} : { pairIds: b.pairIds }),
          ...(b.recipe === undefined ? {} : { recipe: b.recipe }),
          ...(b.kSigma === undefined ? {} : { kSigma: b.kSigma }),
          ...(b.alpha === undefined ? {} : { alpha: b.alpha }),
          ...(b.thresholds === undefined ? {} : { thresholds: b.thresholds }),
        },
        clock(),
      );
      if (r.ok) {
        const steps = r.value.model.steps.map((s) => ({
          step: s.step,
          runs: s.runs,
          features: s.features.length,
          rank: s.rank,
          t2Ucl: s.t2Ucl,
        }));
        return reply
          .code(201)
          .send({ ...summary(r.value.record), pairs: r.value.pairs, runs: r.value.runs, steps });
      }
      const first = r.issues[0] ?? issue('no-golden-runs', 'nothing was learnt');
      const status = learnStatus(first.code);
      if (status === undefined) return sendStoreRefusal(reply, r.issues as Issue<StoreIssueCode>[]);
      const message = r.issues.map((i) => i.message).join('; ');
      return reply
        .code(status)
        .send({ code: first.code, message, ...(first.path === undefined ? {} : { path: first.path }) });
    },
  );

  app.get(
    '/api/fdc/faults',
    {
      schema: {
        summary: 'FDC faults (flagged steps), oldest first',
        querystring: faultsQuery,
        response: {
          200: z.object({ items: z.array(fault).readonly(), nextCursor: z.string().optional() }),
          ...reads,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await store.listFdcFaults({
        ...pageParams(q),
        ...(q.tool === undefined ? {} : { toolId: q.tool }),
        ...(q.pair === undefined ? {} : { pairId: q.pair }),
        ...(q.recipe === undefined ? {} : { recipe: q.recipe }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/pairs/:id/fdc',
    {
      schema: {
        summary: "A pair's FDC check against its recipe's model (the newest version it was checked with)",
        params: idParams,
        response: { 200: check, ...reads },
      },
    },
    async (req, reply) => {
      const r = await store.getFdcCheck(req.params.id);
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );
}

function learnStatus(code: FdcLearnCode): 400 | 404 | 409 | 422 | undefined {
  return Object.hasOwn(LEARN_STATUS, code) ? LEARN_STATUS[code as keyof typeof LEARN_STATUS] : undefined;
}

function nextOf(cursor: string | undefined): { nextCursor?: string } {
  return cursor === undefined ? {} : { nextCursor: cursor };
}
