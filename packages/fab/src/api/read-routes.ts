// The read routes of what a line is made of: tools (with their status from the collectors), lots,
// pairs (with their maps). Each validates its
// query with a zod schema, asks the store, and answers the store's value or its refusal.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ToolStatus, ToolStatusBoard } from '../pipeline/seams.js';
import type { PairDetail } from '../store/fab-store.js';
import { sendStoreRefusal } from './api-errors.js';
import { mapToJson } from './map-json.js';
import { idParams, lotsQuery, pageQuery, pairQuery, pairsQuery } from './query-schemas.js';
import { viewOf } from './request-auth.js';
import { readErrors, responses } from './response-schemas.js';
import { pageParams } from './store-query.js';

export function registerReadRoutes(fastify: FastifyInstance, statusBoard: ToolStatusBoard | undefined): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/tools',
    {
      schema: {
        summary: 'Tools by id, each with its status from its collector',
        querystring: pageQuery,
        response: { 200: responses.tools, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).listTools(pageParams(req.query));
      if (!r.ok) return sendStoreRefusal(reply, r.issues);
      const statuses = new Map<string, ToolStatus>();
      for (const s of (await statusBoard?.list()) ?? []) statuses.set(s.toolId, s);
      const items = r.value.items.map((tool) => withStatus({ tool }, statuses.get(tool.id)));
      return reply.send({ ...r.value, items });
    },
  );

  app.get(
    '/api/tools/:id',
    {
      schema: {
        summary: 'A tool with its modules, recipe versions and status',
        params: idParams,
        response: { 200: responses.tool, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).getTool(req.params.id);
      if (!r.ok) return sendStoreRefusal(reply, r.issues);
      return reply.send(withStatus(r.value, await statusBoard?.get(req.params.id)));
    },
  );

  app.get(
    '/api/lots',
    {
      schema: {
        summary: 'Lots by start time',
        querystring: lotsQuery,
        response: { 200: responses.lots, ...readErrors },
      },
    },
    async (req, reply) => {
      const { tool, ...page } = req.query;
      const r = await viewOf(req).listLots({
        ...pageParams(page),
        ...(tool === undefined ? {} : { toolId: tool }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/lots/:id',
    {
      schema: {
        summary: 'A lot with its substrates and their carriers',
        params: idParams,
        response: { 200: responses.lot, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).getLot(req.params.id);
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/pairs',
    {
      schema: {
        summary: 'Pairs in the order stored, each with its yield once known',
        querystring: pairsQuery,
        response: { 200: responses.pairs, ...readErrors },
      },
    },
    async (req, reply) => {
      const { tool, lot, ...page } = req.query;
      const r = await viewOf(req).listPairs({
        ...pageParams(page),
        ...(tool === undefined ? {} : { toolId: tool }),
        ...(lot === undefined ? {} : { lotId: lot }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/pairs/:id',
    {
      schema: {
        summary: 'A pair with its result and maps (shape, dtype, elements)',
        params: idParams,
        querystring: pairQuery,
        response: { 200: responses.pair, ...readErrors },
      },
    },
    async (req, reply) => {
      const r = await viewOf(req).getPair(req.params.id);
      if (!r.ok) return sendStoreRefusal(reply, r.issues);
      return reply.send(pairBody(r.value, req.query.maps !== 'none'));
    },
  );
}

function withStatus<T extends object>(value: T, status: ToolStatus | undefined): T & { status?: ToolStatus } {
  return status === undefined ? value : { ...value, status };
}

function pairBody(detail: PairDetail, maps: boolean) {
  const { pair, result } = detail;
  if (result === undefined) return { pair };
  const { type: _type, overlayMap, voidMap, dieYieldMap, ...rest } = result;
  if (!maps) return { pair, result: rest };
  return {
    pair,
    result: {
      ...rest,
      ...(overlayMap === undefined ? {} : { overlayMap: mapToJson(overlayMap) }),
      ...(voidMap === undefined ? {} : { voidMap: mapToJson(voidMap) }),
      ...(dieYieldMap === undefined ? {} : { dieYieldMap: mapToJson(dieYieldMap) }),
    },
  };
}
