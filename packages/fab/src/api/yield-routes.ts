// The routes of the pairs' analyses and yield (docs/fab.md §7.5, §7.6): a pair's
// stored analysis, the yield summary per tool, recipe or lot, the loss Pareto by cause and by fault
// point, and the learning curve (yield per lot over time). Each validates its query with a zod schema,
// asks the store and answers its plain data or its refusal, like the other read routes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pairAnalysisSchema } from '../analytics/pair/pair-analysis-schema.js';
import { verifiedFixes } from '../loop/verified-fixes.js';
import type { YieldQuery } from '../store/yield-reads.js';
import { sendStoreRefusal } from './api-errors.js';
import { curveQuery, emptyQuery, idParams, paretoQuery, yieldQuery } from './query-schemas.js';
import { viewOf } from './request-auth.js';
import { readErrors } from './response-schemas.js';

const ms = z.number().int().meta({ description: 'ms since 1970-01-01T00:00:00Z' });
const num = z.number();
const causes = z.object({ overlay: num, void: num, cu: num });

const pairFigures = z
  .object({
    dies: num.nullable(),
    goodDies: num.nullable(),
    yield: num.nullable().meta({ description: 'good / dies of the fab’s die map' }),
    expectedYield: num.nullable().meta({ description: 'the expectation behind the map (no draw noise)' }),
    lostDies: causes.nullable(),
    expectedLoss: causes.nullable().meta({ description: 'fractions of dies' }),
    txNm: num.nullable(),
    tyNm: num.nullable(),
    rotUrad: num.nullable(),
    magPpm: num.nullable(),
    residualXM3sNm: num.nullable().meta({ description: 'residual |mean| + 3 sigma, nm' }),
    residualYM3sNm: num.nullable(),
    voidCount: num.nullable(),
    voidAreaUm2: num.nullable(),
    issueCount: num,
  })
  .meta({ id: 'PairFigures', description: 'the analysis’ figures the store keeps as columns' });

const storedAnalysis = z
  .object({
    pairId: z.string(),
    version: z.number().int().meta({ description: 'the analysis code’s version' }),
    computedMs: ms,
    faultPoints: z
      .array(z.string())
      .readonly()
      .meta({ description: 'the alarming fault points the pair names' }),
    figures: pairFigures,
    analysis: pairAnalysisSchema,
  })
  .meta({ id: 'StoredPairAnalysis' });

const yieldFigures = z
  .object({
    pairs: num.meta({ description: 'analysed pairs' }),
    pairsWithDies: num.meta({ description: 'of them, pairs whose die map could be computed' }),
    dies: num,
    goodDies: num,
    yield: num.nullable().meta({ description: 'goodDies / dies' }),
    expectedYield: num.nullable().meta({ description: 'mean of the pairs’ expected yields' }),
    lostDies: causes,
    toolYield: num
      .nullable()
      .meta({ description: 'mean of the yields the tools reported for the same pairs' }),
  })
  .meta({ id: 'YieldFigures' });

const yieldGroup = z.object({
  key: z.string().meta({ description: 'the tool id, recipe or lot id' }),
  toolId: z.string(),
  recipe: z.string(),
  firstMs: ms.meta({ description: 'start of its first pair' }),
  lastMs: ms.meta({ description: 'start of its last pair' }),
  figures: yieldFigures,
});

const yieldSummary = z.object({
  by: z.enum(['tool', 'recipe', 'lot']),
  total: yieldFigures,
  groups: z.array(yieldGroup).readonly(),
  truncated: z.boolean().meta({ description: 'more than 1000 groups matched; the first 1000 are given' }),
});

const pareto = z.object({
  total: yieldFigures,
  byCause: z
    .array(
      z.object({
        cause: z.enum(['overlay', 'void', 'cu']),
        lostDies: num,
        fractionOfDies: num.nullable(),
        shareOfLoss: num.nullable(),
      }),
    )
    .readonly()
    .meta({ description: 'largest loss first' }),
  baseline: yieldFigures.meta({ description: 'the pairs that name no fault point' }),
  byFaultPoint: z
    .array(
      z.object({
        faultPoint: z.string(),
        pairs: num,
        dies: num,
        lostDies: num,
        yield: num.nullable(),
        excessLostDies: num
          .nullable()
          .meta({ description: 'lostDies − dies × (1 − baseline yield): the loss beyond the baseline' }),
      }),
    )
    .readonly()
    .meta({ description: 'largest excess loss first' }),
  truncated: z.boolean(),
});

const curve = z.object({
  points: z
    .array(
      z.object({
        lotId: z.string(),
        toolId: z.string(),
        recipe: z.string(),
        firstMs: ms,
        lastMs: ms,
        figures: yieldFigures,
      }),
    )
    .readonly()
    .meta({ description: 'lots by the start of their first pair, oldest first' }),
  truncated: z.boolean().meta({ description: 'older lots matched and were left out' }),
  fixes: z
    .array(
      z.object({
        ticketId: z.string(),
        toolId: z.string(),
        makerId: z.string(),
        faultKey: z.string(),
        title: z.string(),
        fix: z
          .union([
            z.object({ kind: z.literal('software'), version: z.string() }),
            z.object({ kind: z.literal('hardware'), change: z.string() }),
          ])
          .optional(),
        fixDeployedMs: ms.optional(),
        verifiedMs: ms,
      }),
    )
    .readonly()
    .meta({
      description:
        'the fixes the fab verified (tickets verified or closed), oldest first: the curve’s annotations',
    }),
  fixesTruncated: z.boolean().meta({ description: 'more than 1000 verified fixes matched' }),
});

interface YieldParams {
  readonly tool?: string | undefined;
  readonly recipe?: string | undefined;
  readonly lot?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

function yieldParams(q: YieldParams): YieldQuery {
  return {
    ...(q.tool === undefined ? {} : { toolId: q.tool }),
    ...(q.recipe === undefined ? {} : { recipe: q.recipe }),
    ...(q.lot === undefined ? {} : { lotId: q.lot }),
    ...(q.from === undefined ? {} : { fromMs: q.from }),
    ...(q.to === undefined ? {} : { toMs: q.to }),
  };
}

export function registerYieldRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/pairs/:id/analysis',
    {
      schema: {
        summary:
          'The fab’s stored analysis of a pair: overlay fit, voids, die yield by cause, and its figures',
        params: idParams,
        querystring: emptyQuery,
        response: { 200: storedAnalysis, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).getPairAnalysis(req.params.id);
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/yield',
    {
      schema: {
        summary: 'Yield of the analysed pairs, in all and per tool, recipe or lot',
        querystring: yieldQuery,
        response: { 200: yieldSummary, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).yieldSummary({
        ...yieldParams(req.query),
        ...(req.query.by === undefined ? {} : { by: req.query.by }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/yield/pareto',
    {
      schema: {
        summary: 'Loss Pareto of the analysed pairs by cause and by the fault points the pairs name',
        querystring: paretoQuery,
        response: { 200: pareto, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).yieldPareto(yieldParams(req.query));
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/yield/curve',
    {
      schema: {
        summary: 'The yield learning curve: yield per lot over time, with the fixes the fab verified',
        querystring: curveQuery,
        response: { 200: curve, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).yieldCurve({
        ...yieldParams(req.query),
        ...(req.query.limit === undefined ? {} : { limit: req.query.limit }),
      });
      if (!r.ok) return sendStoreRefusal(reply, r.issues);
      const f = await verifiedFixes(
        viewOf(req),
        req.query.tool === undefined ? {} : { toolId: req.query.tool },
      );
      if (!f.ok) return sendStoreRefusal(reply, f.issues);
      return reply.send({ ...r.value, fixes: f.value.fixes, fixesTruncated: f.value.truncated });
    },
  );
}
