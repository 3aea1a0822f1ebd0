// The SPC routes against a real store (SQLite and PostgreSQL, through the store contract's
// harnesses): charts filtered, one chart with its points, phases and violations, violations by state,
// a close, and a 4xx `{ code, message, path? }` naming the field for bad input. The chart is written
// by hand: 12 points of Tx, phase 1 on the first 10 (the limits of spc-service.test.ts), and the
// two violations of point 11. An X-bar R chart of 1152 rows (subgroups of 5) is written the same way.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildFabApi } from '../../api/fab-api.js';
import { type HarnessFactory, withStore } from '../../store/contract/fab-store-contract.test-util.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import type { SpcViolationRecord } from '../../store/records.js';
import { line, lot, T0 } from '../../store/store-fixtures.test-util.js';
import { ruleConfigSchema } from '../spc/rule-config.js';
import { startPhase } from '../spc/spc-phases.js';
import { spcPair } from './spc-fixtures.test-util.js';

const CONTEXT = 'B1+BOND-STD+default';
const TX = `tx@${CONTEXT}`;
const SERIES = [1, -1, 2, -2, 0.5, -0.5, 1.5, -1.5, 0, 0, 0.5, 20];

function violation(rule: string, part: SpcViolationRecord['part']): SpcViolationRecord {
  return {
    type: 'spc-violation',
    chartId: TX,
    part,
    rule,
    pointIndex: 11,
    toolId: 'B1',
    parameter: 'tx',
    context: CONTEXT,
    phase: 1,
    description: rule,
    indexes: part === 'dispersion' ? [10, 11] : [11],
    side: 'above',
    pairId: 'L1-P11',
    value: 20,
    atMs: T0 + 11,
  };
}

async function seed(store: FabStore): Promise<void> {
  okValue(await store.writeBatch([...line(['B1']), lot('L1', 'B1'), ...SERIES.map((_, n) => spcPair(n))]));
  const chart = okValue(
    startPhase({ settings: { kind: 'imr', rules: ruleConfigSchema.parse({}) }, phases: [] }, SERIES, {
      baseline: { first: 0, last: 9 },
      atMs: T0,
      reason: 'baseline',
    }),
  );
  okValue(
    await store.saveSpcChart({
      id: TX,
      toolId: 'B1',
      parameter: 'tx',
      context: CONTEXT,
      recipe: 'BOND-STD',
      product: 'default',
      chart,
      spec: { lsl: -50, usl: 50 },
      baselinePoints: 10,
      createdMs: T0,
      updatedMs: T0,
    }),
  );
  okValue(
    await store.appendSpcPoints(
      SERIES.map((value, index) => ({ chartId: TX, index, pairId: `L1-P${index}`, value, atMs: T0 + index })),
    ),
  );
  okValue(
    await store.writeBatch([violation('we1', 'location'), violation('dispersion-limit', 'dispersion')]),
  );
}

const TY = `ty@${CONTEXT}`;

/** An X-bar R chart of ty on subgroups of 5: row r has value r mod 7; phase 1 on 20 subgroups. */
async function seedSubgrouped(store: FabStore): Promise<void> {
  const rows = Array.from({ length: 1152 }, (_, r) => r % 7);
  const groups: number[][] = [];
  for (let g = 0; g < 20; g++) groups.push(rows.slice(g * 5, g * 5 + 5));
  const settings = { kind: 'xbar-r' as const, subgroupSize: 5, rules: ruleConfigSchema.parse({}) };
  const chart = okValue(
    startPhase({ settings, phases: [] }, groups, { baseline: { first: 0, last: 19 }, atMs: T0, reason: 'b' }),
  );
  okValue(
    await store.saveSpcChart({
      id: TY,
      toolId: 'B1',
      parameter: 'ty',
      context: CONTEXT,
      recipe: 'BOND-STD',
      product: 'default',
      chart,
      spec: { lsl: -50, usl: 50 },
      baselinePoints: 20,
      createdMs: T0,
      updatedMs: T0,
    }),
  );
  okValue(
    await store.appendSpcPoints(
      rows.map((value, index) => ({ chartId: TY, index, pairId: `P${index}`, value, atMs: T0 + index })),
    ),
  );
}

async function withSpcApi(
  factory: HarnessFactory,
  work: (app: FastifyInstance) => Promise<void>,
): Promise<void> {
  await withStore(factory, async (store) => {
    await seed(store);
    const app = await buildFabApi({ store, checkResponses: true });
    try {
      await work(app);
    } finally {
      await app.close();
    }
  });
}

export function spcRoutesContract(name: string, factory: HarnessFactory): void {
  describe(`SPC routes: ${name}`, () => {
    it('lists charts by tool, parameter and context, and answers one with points, phases and violations', async () => {
      await withSpcApi(factory, async (app) => {
        const all = (await app.inject({ url: '/api/spc/charts?tool=B1' })).json();
        expect(all.items.map((c: { id: string }) => c.id)).toEqual([TX]);
        expect((await app.inject({ url: '/api/spc/charts?parameter=yield' })).json().items).toEqual([]);
        expect(
          (await app.inject({ url: `/api/spc/charts?context=${encodeURIComponent(CONTEXT)}` })).json().items,
        ).toHaveLength(1);
        const one = await app.inject({ url: `/api/spc/charts/${encodeURIComponent(TX)}?points=2` });
        expect(one.statusCode).toBe(200);
        const body = one.json();
        expect(body.total).toBe(12);
        expect(body.points).toEqual([
          { index: 10, pairId: 'L1-P10', value: 0.5, atMs: T0 + 10, phase: 1 },
          { index: 11, pairId: 'L1-P11', value: 20, atMs: T0 + 11, phase: 1 },
        ]);
        expect(body.chart.chart.phases).toHaveLength(1);
        expect(body.violations.map((v: { rule: string }) => v.rule)).toEqual(['dispersion-limit', 'we1']);
        // Capability of the two points shown in phase 1: n = 2.
        expect(body.capability.n).toBe(2);
        const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
          paths: Record<string, unknown>;
        };
        expect(Object.keys(doc.paths)).toEqual(
          expect.arrayContaining([
            '/api/spc/charts',
            '/api/spc/charts/{id}',
            '/api/spc/charts/{id}/phases',
            '/api/spc/violations',
            '/api/spc/violations/{id}/close',
          ]),
        );
      });
    });

    it('answers an X-bar R chart with its newest subgroups, their statistics and the pairs still pending', async () => {
      await withStore(factory, async (store) => {
        await seed(store);
        await seedSubgrouped(store);
        const app = await buildFabApi({ store, checkResponses: true });
        try {
          const res = await app.inject({ url: `/api/spc/charts/${encodeURIComponent(TY)}?points=210` });
          expect(res.statusCode).toBe(200);
          const body = res.json();
          // 1152 rows: 230 full subgroups of 5 and 2 pairs pending; the 210 newest are 20..229, whose
          // 1050 rows span two of the store's 1000-row pages.
          expect(body.total).toBe(230);
          expect(body.points).toHaveLength(210);
          expect(body.points[0].index).toBe(20);
          // Subgroup 229: rows 1145..1149, values r mod 7 = 4, 5, 6, 0, 1: mean 16/5, range 6.
          expect(body.points.at(-1)).toMatchObject({
            index: 229,
            phase: 1,
            pairId: 'P1149',
            value: 3.2,
            subgroup: { rows: { first: 1145, last: 1149 }, values: [4, 5, 6, 0, 1], mean: 3.2, range: 6 },
          });
          // s: deviations 0.8, 1.8, 2.8, −3.2, −2.2, squares sum 26.8, over 4.
          expect(body.points.at(-1).subgroup.sd).toBeCloseTo(Math.sqrt(26.8 / 4), 12);
          expect(body.pending).toEqual({ pairIds: ['P1150', 'P1151'], values: [2, 3] });
          expect(body.capability.n).toBe(1050);
          expect(body.capability.sigmaWithin).toBe(body.chart.chart.phases[0].limits.sigma);
        } finally {
          await app.close();
        }
      });
    });

    it('lists violations open or closed, and closes one once', async () => {
      await withSpcApi(factory, async (app) => {
        const open = (await app.inject({ url: '/api/spc/violations?state=open&tool=B1' })).json();
        expect(open.items).toHaveLength(2);
        const seq = open.items[0].seq as number;
        const closed = await app.inject({
          method: 'POST',
          url: `/api/spc/violations/${seq}/close`,
          payload: { reason: 'checked: a flier' },
        });
        expect(closed.statusCode).toBe(200);
        expect(closed.json()).toMatchObject({ seq, closeReason: 'checked: a flier' });
        expect((await app.inject({ url: '/api/spc/violations?state=closed' })).json().items).toHaveLength(1);
        expect(
          (await app.inject({ url: `/api/spc/violations?chart=${encodeURIComponent(TX)}` })).json().items,
        ).toHaveLength(2);
        const twice = await app.inject({
          method: 'POST',
          url: `/api/spc/violations/${seq}/close`,
          payload: { reason: 'x' },
        });
        expect(twice.statusCode).toBe(409);
      });
    });

    it('refuses bad input with 4xx naming the field', async () => {
      await withSpcApi(factory, async (app) => {
        const cases: [string, string, unknown, number, string, string | undefined][] = [
          ['GET', '/api/spc/charts?colour=red', undefined, 400, 'unknown-key', 'colour'],
          ['GET', '/api/spc/charts/nope', undefined, 404, 'not-found', 'id'],
          [
            'GET',
            `/api/spc/charts/${encodeURIComponent(TX)}?points=0`,
            undefined,
            400,
            'out-of-range',
            'points',
          ],
          ['GET', '/api/spc/violations?state=shut', undefined, 400, 'invalid-value', 'state'],
          ['GET', '/api/spc/violations?limit=5000', undefined, 400, 'bad-limit', 'limit'],
          ['POST', '/api/spc/violations/abc/close', { reason: 'x' }, 400, 'out-of-range', 'id'],
          ['POST', '/api/spc/violations/999999/close', { reason: 'x' }, 404, 'not-found', 'id'],
          ['POST', '/api/spc/violations/1/close', {}, 400, 'missing', 'reason'],
          [
            'POST',
            `/api/spc/charts/${encodeURIComponent(TX)}/phases`,
            { reason: 'x', lastPoints: 1 },
            400,
            'out-of-range',
            'lastPoints',
          ],
          ['POST', '/api/spc/charts/nope/phases', { reason: 'x' }, 404, 'not-found', 'id'],
        ];
        for (const [method, url, payload, status, code, path] of cases) {
          const r = await app.inject({
            method: method as 'GET' | 'POST',
            url,
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
          expect([url, r.statusCode]).toEqual([url, status]);
          expect([url, r.json()]).toEqual([
            url,
            expect.objectContaining({ code, ...(path === undefined ? {} : { path }) }),
          ]);
        }
      });
    });
  });
}
