// The analysis and yield routes against a real store (SQLite and PostgreSQL, through the store
// contract's harnesses), on the hand-computed case of the store's yield contract
// (pair-analysis-fixtures.test-util.ts): what they answer, and a 400 naming its field for bad queries.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { type HarnessFactory, withStore } from '../store/contract/fab-store-contract.test-util.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import { L2_LATER_MS, yieldAnalyses, yieldLine } from '../store/pair-analysis-fixtures.test-util.js';
import { T0 } from '../store/store-fixtures.test-util.js';
import { buildFabApi } from './fab-api.js';

async function get(
  app: FastifyInstance,
  url: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> };
}

async function withYieldApi(
  factory: HarnessFactory,
  work: (app: FastifyInstance) => Promise<void>,
): Promise<void> {
  await withStore(factory, async (store) => {
    okValue(await store.writeBatch(yieldLine()));
    okValue(await store.writePairAnalyses(yieldAnalyses()));
    const app = await buildFabApi({ store, checkResponses: true });
    try {
      await work(app);
    } finally {
      await app.close();
    }
  });
}

export function yieldRoutesContract(name: string, factory: HarnessFactory): void {
  describe(`analysis and yield routes: ${name}`, () => {
    it('answers a pair’s analysis, and 404 for a pair without one', async () => {
      await withYieldApi(factory, async (app) => {
        const r = await get(app, '/api/pairs/L2-P1/analysis');
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({
          pairId: 'L2-P1',
          version: 1,
          faultPoints: ['FP-A', 'FP-B'],
          figures: { dies: 10, goodDies: 5, lostDies: { overlay: 0, void: 4, cu: 1 } },
          analysis: { pairId: 'L2-P1', overlay: null, issues: [] },
        });
        const missing = await get(app, '/api/pairs/NO-PAIR/analysis');
        expect([missing.status, missing.body.code, missing.body.path]).toEqual([404, 'not-found', 'id']);
        const extra = await get(app, '/api/pairs/L2-P1/analysis?maps=none');
        expect([extra.status, extra.body.code]).toEqual([400, 'unknown-key']);
      });
    });

    it('answers the yield per tool, recipe and lot with the hand-computed figures', async () => {
      await withYieldApi(factory, async (app) => {
        // 40 dies, 32 good; B1 18 of 20, B2 14 of 20 (pair-analysis-fixtures.test-util.ts).
        const byTool = await get(app, '/api/yield?by=tool');
        expect(byTool.status).toBe(200);
        expect(byTool.body.total).toMatchObject({ pairs: 4, dies: 40, goodDies: 32, yield: 0.8 });
        const groups = byTool.body.groups as { key: string; figures: { goodDies: number } }[];
        expect(groups.map((g) => [g.key, g.figures.goodDies])).toEqual([
          ['B1', 18],
          ['B2', 14],
        ]);
        const lots = await get(app, `/api/yield?tool=B2&recipe=BOND-STD&from=${T0 + L2_LATER_MS}`);
        expect((lots.body.groups as { key: string }[]).map((g) => g.key)).toEqual(['L2']);
        expect(lots.body.by).toBe('lot');
        const iso = await get(app, '/api/yield?from=2026-01-05T08:00:00Z&to=2026-01-05T08:02:00Z&lot=L1');
        expect(iso.body.total).toMatchObject({ pairs: 1, dies: 10, goodDies: 8 });
      });
    });

    it('answers the loss Pareto by cause and by fault point, and the learning curve', async () => {
      await withYieldApi(factory, async (app) => {
        const p = await get(app, '/api/yield/pareto');
        expect(p.status).toBe(200);
        expect((p.body.byCause as { cause: string }[]).map((b) => b.cause)).toEqual([
          'void',
          'cu',
          'overlay',
        ]);
        // FP-A: 7 lost of 20, 6 beyond the 0.95 baseline; FP-B: 5 of 10, 4.5 beyond.
        expect(p.body.byFaultPoint).toEqual([
          {
            faultPoint: 'FP-A',
            pairs: 2,
            dies: 20,
            lostDies: 7,
            yield: 0.65,
            excessLostDies: expect.closeTo(6, 12),
          },
          {
            faultPoint: 'FP-B',
            pairs: 1,
            dies: 10,
            lostDies: 5,
            yield: 0.5,
            excessLostDies: expect.closeTo(4.5, 12),
          },
        ]);
        const c = await get(app, '/api/yield/curve?limit=1');
        expect(c.status).toBe(200);
        expect([(c.body.points as { lotId: string }[]).map((x) => x.lotId), c.body.truncated]).toEqual([
          ['L2'],
          true,
        ]);
        const all = await get(app, '/api/yield/curve?tool=B1');
        expect((all.body.points as { lotId: string }[]).map((x) => x.lotId)).toEqual(['L1']);
      });
    });

    it('refuses bad yield queries with 400 naming the field', async () => {
      await withYieldApi(factory, async (app) => {
        for (const [url, code, path] of [
          ['/api/yield?by=module', 'invalid-value', 'by'],
          ['/api/yield?from=yesterday', 'bad-range', 'from'],
          ['/api/yield?from=2000&to=1000', 'bad-range', 'to'],
          ['/api/yield?from=2026-01-05T08:00:00', 'bad-range', 'from'],
          ['/api/yield?tools=B1', 'unknown-key', 'tools'],
          ['/api/yield?tool=B1&tool=B2', 'wrong-type', 'tool'],
          ['/api/yield/pareto?by=tool', 'unknown-key', 'by'],
          ['/api/yield/curve?limit=0', 'bad-limit', 'limit'],
          ['/api/yield/curve?limit=1001', 'bad-limit', 'limit'],
          [`/api/yield/curve?lot=${'x'.repeat(201)}`, 'out-of-range', 'lot'],
        ] as const) {
          const r = await get(app, url);
          expect([url, r.status, r.body.code, r.body.path]).toEqual([url, 400, code, path]);
        }
      });
    });
  });
}
