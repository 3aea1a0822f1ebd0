// The read routes of the time-ordered facts a tool reports: events, alarms, trace samples and
// equipment constant changes, each by equipment time, filtered by tool, id and a time window.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendStoreRefusal } from './api-errors.js';
import { alarmsQuery, ecChangesQuery, eventsQuery, traceQuery } from './query-schemas.js';
import { viewOf } from './request-auth.js';
import { readErrors, responses } from './response-schemas.js';
import { rangeParams } from './store-query.js';

const FILTERS = 'Filters: tool, from, to (ISO 8601 with a zone, or ms), and the id named.';

export function registerFactRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/events',
    {
      schema: {
        summary: 'Collection events by equipment time',
        description: `${FILTERS} ceid: one collection event id; name: events of one name.`,
        querystring: eventsQuery,
        response: { 200: responses.events, ...readErrors },
      },
    },
    async (req, reply) => {
      const { ceid, name } = req.query;
      const r = await viewOf(req).listEvents({
        ...rangeParams(req.query),
        ...(ceid === undefined ? {} : { ceid }),
        ...(name === undefined ? {} : { name }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/alarms',
    {
      schema: {
        summary: 'Alarms set and cleared, by equipment time',
        description: `${FILTERS} alid: one alarm id.`,
        querystring: alarmsQuery,
        response: { 200: responses.alarms, ...readErrors },
      },
    },
    async (req, reply) => {
      const { alid } = req.query;
      const r = await viewOf(req).listAlarms({
        ...rangeParams(req.query),
        ...(alid === undefined ? {} : { alid }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/trace',
    {
      schema: {
        summary: 'Trace samples by equipment time',
        description: `${FILTERS} trid: one trace (TRID).`,
        querystring: traceQuery,
        response: { 200: responses.trace, ...readErrors },
      },
    },
    async (req, reply) => {
      const { trid } = req.query;
      const r = await viewOf(req).listTrace({
        ...rangeParams(req.query),
        ...(trid === undefined ? {} : { traceId: trid }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/ec-changes',
    {
      schema: {
        summary: 'Equipment constant changes by equipment time',
        description: `${FILTERS} ecid: one equipment constant.`,
        querystring: ecChangesQuery,
        response: { 200: responses.ecChanges, ...readErrors },
      },
    },
    async (req, reply) => {
      const { ecid } = req.query;
      const r = await viewOf(req).listEcChanges({
        ...rangeParams(req.query),
        ...(ecid === undefined ? {} : { ecid }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );
}
