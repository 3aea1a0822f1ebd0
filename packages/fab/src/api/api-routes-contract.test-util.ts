// The read routes against a real store: what they answer, how they page, the maps of a pair as
// written, and a 400 naming its field for every bad query value. Run on SQLite (api-routes.test.ts)
// and on PostgreSQL (api-routes-postgres.test.ts) through the store contract's harnesses.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { HarnessFactory } from '../store/contract/fab-store-contract.test-util.js';
import { withStore } from '../store/contract/fab-store-contract.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import type { NumericMap } from '../store/map-codec.js';
import type { FabRecord, PairResultRecord } from '../store/records.js';
import { alarm, ecChange, event, everything, T0, trace } from '../store/store-fixtures.test-util.js';
import { FakeStatusBoard } from './api-fakes.test-util.js';
import { buildFabApi } from './fab-api.js';
import type { JsonMap } from './map-json.js';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function get(app: FastifyInstance, url: string): Promise<Answer> {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json() };
}

async function withApi(
  factory: HarnessFactory,
  records: readonly FabRecord[],
  work: (app: FastifyInstance, store: FabStore, board: FakeStatusBoard) => Promise<void>,
): Promise<void> {
  await withStore(factory, async (store) => {
    const w = await store.writeBatch(records);
    if (!w.ok) throw new Error(w.issues.map((i) => i.message).join('; '));
    const board = new FakeStatusBoard();
    const app = await buildFabApi({ store, statusBoard: board, checkResponses: true });
    try {
      await work(app, store, board);
    } finally {
      await app.close();
    }
  });
}

interface PageBody {
  readonly items: readonly Record<string, unknown>[];
  readonly nextCursor?: string;
}

async function allPages(app: FastifyInstance, url: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 1000; n++) {
    const sep = url.includes('?') ? '&' : '?';
    const r = await get(app, cursor === undefined ? url : `${url}${sep}cursor=${encodeURIComponent(cursor)}`);
    expect(r.status).toBe(200);
    const page = r.body as PageBody;
    out.push(...page.items);
    if (page.nextCursor === undefined) return out;
    cursor = page.nextCursor;
  }
  throw new Error(`${url}: more than 1000 pages`);
}

/** A full wafer's maps: a ~3,900-die yield map, 300 overlay sites, a few voids, NaN and infinities. */
function waferResult(pairId: string): PairResultRecord {
  const die = new Uint8Array(70 * 70);
  for (let i = 0; i < die.length; i++) {
    const r = Math.floor(i / 70) - 34.5;
    const c = (i % 70) - 34.5;
    die[i] = r * r + c * c > 35 * 35 ? 255 : i % 17 === 0 ? 3 : 0;
  }
  const overlay = new Float64Array(300 * 4);
  for (let i = 0; i < 300; i++)
    overlay.set([i * 997 - 140_000, 140_000 - i * 911, Math.sin(i) * 3.7, Math.cos(i) * 2.1], i * 4);
  overlay[3] = Number.NaN;
  overlay[7] = Number.POSITIVE_INFINITY;
  overlay[11] = Number.NEGATIVE_INFINITY;
  const voids = new Float64Array([12.5, -40.25, 180, 1, -88, 3.5, 65, 2, 0.1, 0.2, 20, 0]);
  return {
    type: 'pair-result',
    pairId,
    yield: 0.912,
    summary: { dies: 3848 },
    dieYieldMap: { dims: [70, 70], data: die },
    overlayMap: { dims: [300, 4], data: overlay },
    voidMap: { dims: [3, 4], data: voids },
  };
}

function expectMap(json: JsonMap | undefined, map: NumericMap | undefined, dtype: string): void {
  if (map === undefined || json === undefined) throw new Error('a map is missing');
  expect(json.shape).toEqual(map.dims);
  expect(json.dtype).toBe(dtype);
  expect(json.data.length).toBe(map.data.length);
  const back = json.data.map((v) => (typeof v === 'number' ? v : Number(v)));
  expect(back).toEqual(Array.from(map.data));
}

export function apiRoutesContract(name: string, factory: HarnessFactory): void {
  describe(`API read routes: ${name}`, () => {
    it('answers tools with their modules, recipes and status, lots and pairs', async () => {
      await withApi(factory, everything(4), async (app, _store, board) => {
        await board.put({
          toolId: 'B1',
          link: 'communicating',
          control: 'online-remote',
          processing: 'executing',
          e10: 'productive',
          lotId: 'L1',
          updatedMs: T0,
        });
        const tools = await get(app, '/api/tools');
        expect(tools.status).toBe(200);
        const items = (tools.body as PageBody).items;
        expect(items.map((i) => (i.tool as { id: string }).id)).toEqual(['B1', 'B2']);
        expect(items[0]?.status).toMatchObject({ link: 'communicating', e10: 'productive' });
        expect(items[1]?.status).toBeUndefined();
        const tool = await get(app, '/api/tools/B1');
        expect(tool.status).toBe(200);
        expect(tool.body).toMatchObject({
          tool: { id: 'B1', name: 'Bonder B1' },
          modules: [{ id: 'BD1' }, { id: 'PM1' }],
          recipes: [{ name: 'BOND-STD', version: 1 }],
          status: {
            link: 'communicating',
            control: 'online-remote',
            processing: 'executing',
            e10: 'productive',
          },
        });
        expect((await get(app, '/api/lots?tool=B1')).body).toMatchObject({
          items: [{ id: 'L1', outcome: 'completed' }],
        });
        expect((await get(app, '/api/lots?tool=B2')).body).toEqual({ items: [] });
        const lot = await get(app, '/api/lots/L1');
        expect(lot.status).toBe(200);
        expect((lot.body as { substrates: unknown[] }).substrates).toHaveLength(12);
        const pairs = await get(app, '/api/pairs?tool=B1&lot=L1');
        expect((pairs.body as PageBody).items.map((i) => i.yield)).toEqual([0.901, 0.902, 0.903, 0.904]);
      });
    });

    it('gives a pair with its maps as written, or without them', async () => {
      const result = waferResult('L1-P2');
      const records = everything(4).map((r) =>
        r.type === 'pair-result' && r.pairId === 'L1-P2' ? result : r,
      );
      await withApi(factory, records, async (app) => {
        const r = await get(app, '/api/pairs/L1-P2');
        expect(r.status).toBe(200);
        const body = r.body as {
          pair: { id: string };
          result: Record<string, JsonMap | undefined> & { yield: number };
        };
        expect(body.pair.id).toBe('L1-P2');
        expect(body.result.yield).toBe(0.912);
        expectMap(body.result.dieYieldMap, result.dieYieldMap, 'u8');
        expectMap(body.result.overlayMap, result.overlayMap, 'f64');
        expectMap(body.result.voidMap, result.voidMap, 'f64');
        expect(body.result.overlayMap?.data.slice(3, 12)).toContain('NaN');
        const none = await get(app, '/api/pairs/L1-P2?maps=none');
        expect(none.body).toEqual({
          pair: body.pair,
          result: { pairId: 'L1-P2', yield: 0.912, summary: { dies: 3848 } },
        });
      });
    });

    it('answers 404 with the id for what is not stored', async () => {
      await withApi(factory, everything(1), async (app) => {
        for (const url of ['/api/tools/B9', '/api/lots/L9', '/api/pairs/P9']) {
          const r = await get(app, url);
          expect(r.status, url).toBe(404);
          expect(r.body).toMatchObject({ code: 'not-found', path: 'id' });
        }
      });
    });

    it('pages every list without duplicates or gaps, and filters by time and id', async () => {
      const facts: FabRecord[] = [];
      // everything() holds the first events, alarm, constant changes of B1 already: stored once.
      for (let i = 0; i < 57; i++)
        facts.push(event('B1', i), alarm('B1', i), trace('B1', i), ecChange('B1', i));
      await withApi(factory, [...everything(4), ...facts], async (app) => {
        for (const [url, total] of [
          ['/api/events?limit=10', 57],
          ['/api/alarms?limit=7&order=desc', 58],
          ['/api/trace?limit=9&tool=B1', 57],
          ['/api/ec-changes?limit=11', 57],
          ['/api/pairs?limit=3', 4],
          ['/api/tools?limit=1', 2],
          ['/api/lots?limit=1', 1],
        ] as const) {
          const rows = await allPages(app, url);
          expect(rows.length, url).toBe(total);
          expect(new Set(rows.map((r) => JSON.stringify(r))).size, url).toBe(total);
        }
        const from = new Date(T0 + 10_000).toISOString();
        const window = await allPages(app, `/api/events?tool=B1&from=${from}&to=${T0 + 20_000}&limit=4`);
        expect(window.map((e) => e.dataId)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
        const ceid = await allPages(app, '/api/events?ceid=4001&limit=5');
        expect(ceid.every((e) => e.ceid === 4001)).toBe(true);
        expect(ceid.length).toBe(14);
        const named = await allPages(app, `/api/events?name=${ceid[0]?.name ?? ''}&limit=5`);
        expect(named.map((e) => e.dataId)).toEqual(ceid.map((e) => e.dataId));
        expect((await allPages(app, '/api/alarms?alid=2000000003')).length).toBe(1);
        expect((await allPages(app, '/api/trace?trid=8')).length).toBe(0);
        expect((await allPages(app, '/api/ec-changes?ecid=310&tool=B2')).length).toBe(0);
      });
    });

    it('refuses every bad query value and parameter with 400 naming it', async () => {
      await withApi(factory, everything(1), async (app) => {
        const long = 'x'.repeat(201);
        const cases: [string, string, string][] = [
          ['/api/tools?limit=0', 'limit', 'bad-limit'],
          ['/api/tools?limit=1001', 'limit', 'bad-limit'],
          ['/api/tools?cursor=nonsense', 'cursor', 'bad-cursor'],
          ['/api/tools?order=up', 'order', 'invalid-value'],
          ['/api/tools?tool=B1', 'tool', 'unknown-key'],
          [`/api/tools/${long}`, 'id', 'out-of-range'],
          ['/api/lots?tool=', 'tool', 'out-of-range'],
          ['/api/lots?limit=2.5', 'limit', 'bad-limit'],
          [`/api/lots/${long}`, 'id', 'out-of-range'],
          ['/api/pairs?lot=', 'lot', 'out-of-range'],
          [`/api/pairs?tool=${long}`, 'tool', 'out-of-range'],
          ['/api/pairs?cursor=', 'cursor', 'out-of-range'],
          ['/api/pairs/L1-P1?maps=some', 'maps', 'invalid-value'],
          ['/api/events?ceid=x', 'ceid', 'bad-filter'],
          ['/api/events?from=yesterday', 'from', 'bad-range'],
          ['/api/events?to=2026-01-05T08:00:00', 'to', 'bad-range'],
          ['/api/events?from=2&to=1', 'to', 'bad-range'],
          ['/api/events?limit=-1', 'limit', 'bad-limit'],
          ['/api/events?limit=5&limit=6', 'limit', 'wrong-type'],
          ['/api/alarms?alid=1e3', 'alid', 'bad-filter'],
          ['/api/alarms?from=99999999999999999', 'from', 'bad-range'],
          ['/api/trace?trid=-7', 'trid', 'bad-filter'],
          ['/api/trace?order=newest', 'order', 'invalid-value'],
          ['/api/ec-changes?ecid=', 'ecid', 'bad-filter'],
          ['/api/ec-changes?cursor=eyJ4Ijox', 'cursor', 'bad-cursor'],
          ['/api/health?verbose=1', 'verbose', 'unknown-key'],
          ['/api/openapi.json?x=1', 'x', 'unknown-key'],
        ];
        for (const [url, path, code] of cases) {
          const r = await get(app, url);
          expect(r.status, url).toBe(400);
          expect(r.body, url).toMatchObject({ code, path });
          expect(Object.keys(r.body as object).sort(), url).toEqual(['code', 'message', 'path']);
        }
        // A cursor of one list is refused by another.
        const page = (await get(app, '/api/events?limit=1')).body as PageBody;
        const other = await get(app, `/api/alarms?cursor=${page.nextCursor ?? ''}`);
        expect(other).toMatchObject({ status: 400, body: { code: 'bad-cursor', path: 'cursor' } });
      });
    });
  });
}
