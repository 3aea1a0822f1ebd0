// GET /api/tools/{id}/coverage (docs/fab.md §11.8): the fault-point coverage of a tool's catalogue.
// The catalogue of each tool comes from the process that runs the API (`fab up` loads the simulated
// bonder's shipped one for its demo tools, or the file a tool's configuration names); a tool without
// one is answered 404 `no-catalogue`.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../api/api-errors.js';
import { idParams } from '../api/query-schemas.js';
import { viewOf } from '../api/request-auth.js';
import { readErrors } from '../api/response-schemas.js';
import { type CataloguePoint, faultPointCoverage } from './coverage.js';
import { TICKET_STATES } from './ticket-workflow.js';

const STATUSES = ['not-seen', 'occurred', 'open', 'fixed', 'verified', 'rejected'] as const;
const count = z.number().int();

const coverageSchema = z
  .object({
    toolId: z.string(),
    points: z
      .array(
        z.object({
          id: z.string(),
          module: z.string(),
          name: z.string(),
          severity: z.string(),
          alid: z.number().int().optional(),
          occurrences: count,
          lastMs: z.number().int().optional(),
          status: z.enum(STATUSES),
          ticket: z.object({ id: z.string(), state: z.enum(TICKET_STATES), occurrences: count }).optional(),
        }),
      )
      .readonly(),
    totals: z.object({
      points: count,
      silent: count,
      'not-seen': count,
      occurred: count,
      open: count,
      fixed: count,
      verified: count,
      rejected: count,
    }),
  })
  .meta({ id: 'FaultPointCoverage' });

/** The catalogue of a tool, or undefined when the fab has none for it. */
export type CatalogueOf = (toolId: string) => readonly CataloguePoint[] | undefined;

export function registerCoverageRoutes(fastify: FastifyInstance, catalogueOf: CatalogueOf): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/tools/:id/coverage',
    {
      schema: {
        summary: "Fault-point coverage of the tool's catalogue: occurred, open, fixed, verified",
        params: idParams,
        response: { 200: coverageSchema, ...readErrors },
      },
    },
    async (req, reply) => {
      const view = viewOf(req);
      const tool = await view.getTool(req.params.id);
      if (!tool.ok) return sendStoreRefusal(reply, tool.issues);
      const catalogue = catalogueOf(req.params.id);
      if (catalogue === undefined)
        return reply.code(404).send({
          code: 'no-catalogue',
          message: `the fab has no fault catalogue for tool '${req.params.id}' (its configuration names none)`,
          path: 'id',
        });
      const r = await faultPointCoverage(view, req.params.id, catalogue);
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );
}
