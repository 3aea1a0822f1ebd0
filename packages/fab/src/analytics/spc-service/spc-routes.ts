// The SPC routes of the fab API (docs/fab.md §8.6): charts (filtered by tool, parameter, context), one
// chart with its newest points (subgroups with their statistics on X-bar charts), its phases (the limits of each) and its violations, a new phase on
// request, violations (open or closed), and closing one. Every refusal is `{ code, message, path? }`.
// A close is written as the violation's record again with its close filled in, through the record
// sink when the API has one, so it reaches the live stream and releases R2R like any record.
import { type Issue, issue } from '@bondline/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoreRefusal } from '../../api/api-errors.js';
import { apiError } from '../../api/response-schemas.js';
import { pageParams } from '../../api/store-query.js';
import type { RecordSink } from '../../pipeline/seams.js';
import type { FabStore, StoreIssueCode } from '../../store/fab-store.js';
import type { SpcViolationRecord } from '../../store/records.js';
import { capability } from '../spc/capability.js';
import { chartPoints } from './spc-chart-points.js';
import { type NewPhaseIssueCode, startNewPhase } from './spc-charts.js';
import {
  chartDetail,
  chartParams,
  chartQuery,
  chartRow,
  chartsQuery,
  closeBody,
  newPhaseBody,
  violation,
  violationParams,
  violationsQuery,
} from './spc-route-schemas.js';
import { withoutUndefined } from './spc-settings.js';

export interface SpcRoutesOptions {
  readonly store: FabStore;
  /** Where a violation's close is written (the pipeline's sink or the bus); default the store. */
  readonly sink?: RecordSink;
  readonly nowMs?: () => number;
}

const STORE_CODES = new Set<string>([
  'not-found',
  'bad-filter',
  'bad-cursor',
  'bad-limit',
  'store-unavailable',
  'store-busy',
  'not-migrated',
]);
const errors = { 400: apiError, 404: apiError, 409: apiError, 503: apiError };

export function registerSpcRoutes(fastify: FastifyInstance, o: SpcRoutesOptions): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { store } = o;
  const nowMs = o.nowMs ?? Date.now;

  app.get(
    '/api/spc/charts',
    {
      schema: {
        summary: 'SPC charts by id, filtered by tool, parameter and context',
        querystring: chartsQuery,
        response: { 200: page(chartRow), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await store.listSpcCharts({
        ...pageParams(q),
        ...(q.tool === undefined ? {} : { toolId: q.tool }),
        ...(q.parameter === undefined ? {} : { parameter: q.parameter }),
        ...(q.context === undefined ? {} : { context: q.context }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/spc/charts/:id',
    {
      schema: {
        summary: 'One chart: its settings, phases (limits), newest points and violations, capability',
        params: chartParams,
        querystring: chartQuery,
        response: { 200: chartDetail, ...errors },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const got = await store.getSpcChart(id);
      if (!got.ok) return sendStoreRefusal(reply, got.issues);
      const shown = await chartPoints(store, got.value, req.query.points ?? 200);
      if (!shown.ok) return sendStoreRefusal(reply, shown.issues);
      const vs = await store.listSpcViolations({ chartId: id, order: 'desc', limit: 100 });
      if (!vs.ok) return sendStoreRefusal(reply, vs.issues);
      const current = got.value.chart.phases.at(-1);
      const spec = got.value.spec;
      let cap = null;
      if (current !== undefined && spec !== undefined) {
        // Within sigma is the phase's: MR̄/d2(2), or R̄/d2(n) and S̄/c4(n) on subgrouped charts.
        const c = capability(shown.value.capabilityValues, {
          ...withoutUndefined(spec),
          sigmaWithin: current.limits.sigma,
        });
        cap = c.ok ? c.value : null;
      }
      const { pending, total, points } = shown.value;
      return reply.send({
        chart: got.value,
        total,
        points,
        ...(pending === undefined ? {} : { pending }),
        violations: vs.value.items,
        capability: cap,
      });
    },
  );

  app.post(
    '/api/spc/charts/:id/phases',
    {
      schema: {
        summary: 'A new phase: limits recomputed on a range of points or the last N, earlier phases kept',
        params: chartParams,
        body: newPhaseBody,
        response: { 200: chartRow, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await startNewPhase(
        store,
        req.params.id,
        {
          reason: b.reason,
          ...(b.baseline === undefined ? {} : { baseline: b.baseline }),
          ...(b.lastPoints === undefined ? {} : { lastPoints: b.lastPoints }),
          ...(b.removeOutOfControl === undefined ? {} : { removeOutOfControl: b.removeOutOfControl }),
        },
        nowMs(),
      );
      return r.ok ? reply.send(r.value) : refuse(reply, r.issues);
    },
  );

  app.get(
    '/api/spc/violations',
    {
      schema: {
        summary: 'SPC violations in the order found, open or closed, by tool, chart or context',
        querystring: violationsQuery,
        response: { 200: page(violation), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await store.listSpcViolations({
        ...pageParams(q),
        ...(q.state === undefined ? {} : { state: q.state }),
        ...(q.tool === undefined ? {} : { toolId: q.tool }),
        ...(q.chart === undefined ? {} : { chartId: q.chart }),
        ...(q.context === undefined ? {} : { context: q.context }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.post(
    '/api/spc/violations/:id/close',
    {
      schema: {
        summary: 'Close a violation (releases the R2R hold it caused, once no other holds it)',
        params: violationParams,
        body: closeBody,
        response: { 200: violation, ...errors },
      },
    },
    async (req, reply) => {
      const got = await store.getSpcViolation(req.params.id);
      if (!got.ok) return sendStoreRefusal(reply, got.issues);
      const { seq, ...record } = got.value;
      if (record.closedMs !== undefined)
        return reply
          .code(409)
          .send({ code: 'already-closed', message: `violation ${seq} is closed`, path: 'id' });
      const closed: SpcViolationRecord = { ...record, closedMs: nowMs(), closeReason: req.body.reason };
      const w = o.sink === undefined ? await store.writeBatch([closed]) : await o.sink.write([closed]);
      if (!w.ok) {
        const first = w.issues[0];
        return reply
          .code(503)
          .send({ code: first?.code ?? 'store-unavailable', message: first?.message ?? '' });
      }
      return reply.send({ ...closed, seq });
    },
  );
}

function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item).readonly(), nextCursor: z.string().optional() });
}

function refuse(reply: FastifyReply, issues: readonly Issue<NewPhaseIssueCode>[]): FastifyReply {
  const first = issues[0] ?? issue('store-unavailable', 'the request failed');
  if (STORE_CODES.has(first.code)) return sendStoreRefusal(reply, [first as Issue<StoreIssueCode>]);
  const status = first.code === 'no-points' ? 409 : 400;
  return reply.code(status).send({
    code: first.code,
    message: first.message,
    ...(first.path === undefined ? {} : { path: first.path }),
  });
}
