// GET /api/tools/{id}/reliability (docs/fab.md §12): the tool's and its modules' SEMI E10 time
// split, MTBF, MTTR, availability and utilisation over a period, and its OEE per SEMI E79.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../../api/api-errors.js';
import { idParams, reliabilityQuery } from '../../api/query-schemas.js';
import { viewOf } from '../../api/request-auth.js';
import { readErrors } from '../../api/response-schemas.js';
import { readToolReliability } from './tool-reliability.js';

const s = z.number().meta({ description: 'seconds of the clock asked for' });
const fraction = z.number().optional().meta({ description: '0..1; absent when its denominator is 0' });

const e10Metrics = z
  .object({
    times: z.object({
      productive: s,
      standby: s,
      engineering: s,
      'scheduled-down': s,
      'unscheduled-down': s,
      'non-scheduled': s,
    }),
    totalS: s,
    operationsS: s.meta({ description: 'total less non-scheduled time' }),
    uptimeS: s,
    downtimeS: s,
    failures: z.number().int().meta({ description: 'entries into unscheduled-down' }),
    productiveFailures: z.number().int().meta({ description: 'of them, from productive' }),
    mtbfS: s.optional().meta({ description: 'productive time / productive failures (E10 MTBFp)' }),
    mttrS: s.optional().meta({ description: 'unscheduled downtime / failures' }),
    availability: fraction,
    operationalAvailability: fraction,
    utilisation: fraction,
    operationalUtilisation: fraction,
  })
  .meta({ id: 'E10Metrics' });

const reliability = z
  .object({
    toolId: z.string(),
    split: z.object({
      clock: z.enum(['tool', 'equipment']),
      periodS: s.meta({ description: 'from the first to the last state change seen' }),
      moves: z.number().int(),
      skipped: z.number().int().meta({ description: 'E10StateChanged events without the fields of a move' }),
      toolEntity: z.string().optional().meta({ description: 'the tool’s own entity, as it names itself' }),
      entities: z
        .array(
          z.object({
            entity: z.string().meta({ description: 'the tool id or a module id' }),
            state: z.string(),
            metrics: e10Metrics,
            gaps: z.number().int().meta({ description: 'moves that did not follow from the state before' }),
          }),
        )
        .readonly(),
    }),
    units: z.number().int().meta({ description: 'pairs analysed in the period' }),
    effectiveUnits: z.number().meta({ description: 'units × their pooled die yield' }),
    theoreticalCycleS: z
      .number()
      .optional()
      .meta({ description: '3600 / the throughput bound of the last lot' }),
    oee: z
      .object({
        availabilityEfficiency: fraction,
        operationalEfficiency: fraction,
        rateEfficiency: fraction,
        qualityEfficiency: fraction,
        oee: fraction,
      })
      .optional(),
  })
  .meta({ id: 'ToolReliability' });

export function registerReliabilityRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/tools/:id/reliability',
    {
      schema: {
        summary: "A tool's SEMI E10 time split, MTBF, MTTR, availability, utilisation and E79 OEE",
        description:
          'From the E10StateChanged events stored in the period (from, to: equipment time), timed by the ' +
          "tool's own clock (ToolTimeS; clock=equipment for its time stamps).",
        params: idParams,
        querystring: reliabilityQuery,
        response: { 200: reliability, ...readErrors },
      },
    },
    async (req, reply) => {
      const { from, to, clock } = req.query;
      const r = await readToolReliability(viewOf(req), {
        toolId: req.params.id,
        ...(from === undefined ? {} : { fromMs: from }),
        ...(to === undefined ? {} : { toMs: to }),
        ...(clock === undefined ? {} : { clock }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );
}
