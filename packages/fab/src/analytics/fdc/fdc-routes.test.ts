// The FDC routes and service on a SQLite store, with the simulated bonder's records (fdc-sim.test-util.ts:
// the twin's own sensor model, 10 readings a step): models learned from lots or pairs, stored as
// versions with the newest active; the service checking pairs as their records are committed, the
// faults listed by tool, pair and recipe; refusals as `{ code, message, path? }`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFabApi } from '../../api/fab-api.js';
import { storeSink } from '../../collector/collector.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord, FdcFaultRecord } from '../../store/records.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { line } from '../../store/store-fixtures.test-util.js';
import { FdcService } from './fdc-service.js';
import { emptyRecords, RECIPE, SimLine } from './fdc-sim.test-util.js';
import { LEAK, laterSample, lotRecords } from './fdc-store.test-util.js';

let dir: string;
let store: FabStore;
let api: FastifyInstance;
let sim: SimLine;

async function write(records: readonly FabRecord[]): Promise<void> {
  const r = await store.writeBatch(records);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-fdc-routes-'));
  const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
  if (!opened.ok) throw new Error(opened.issues[0]?.message);
  store = opened.value;
  await store.migrate();
  await write(line(['B1']));
  sim = await SimLine.open(5);
  const golden = emptyRecords();
  sim.pairs(30, 'G', golden);
  await write(lotRecords('L-GOLD', golden));
  api = await buildFabApi({ store, checkResponses: true });
});

afterAll(async () => {
  await api?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (payload: object) => api.inject({ method: 'POST', url: '/api/fdc/models', payload });
const get = (url: string) => api.inject({ method: 'GET', url });

describe('FDC routes and service', () => {
  it('learns models from a lot or from pairs, each a new version, the newest active', async () => {
    const first = await post({ lotIds: ['L-GOLD'] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ recipe: RECIPE, version: 1, pairs: 30, runs: 30 });
    // Plasma: 3 traces x 5 statistics; clean: 2 x 5 (docs/fab.md §9.2).
    expect((first.json() as { steps: { step: string; features: number }[] }).steps).toMatchObject([
      { step: 'clean.bottom', features: 10 },
      { step: 'clean.top', features: 10 },
      { step: 'plasma.bottom', features: 15 },
      { step: 'plasma.top', features: 15 },
    ]);
    const second = await post({ pairIds: ['G-0', 'G-1', 'G-2', 'G-3', 'G-4', 'G-5'], kSigma: 5 });
    expect(second.json()).toMatchObject({
      version: 2,
      pairs: 6,
      goldenPairIds: ['G-0', 'G-1', 'G-2', 'G-3', 'G-4', 'G-5'],
    });
    const list = (await get('/api/fdc/models')).json() as { items: { version: number }[] };
    expect(list.items.map((m) => m.version)).toEqual([1, 2]);
    expect((await get('/api/fdc/models?recipe=OTHER')).json()).toEqual({ items: [] });
    expect((await get(`/api/fdc/models/${RECIPE}`)).json()).toMatchObject({
      version: 2,
      model: { kSigma: 5 },
    });
    expect((await get(`/api/fdc/models/${RECIPE}/1`)).json()).toMatchObject({
      version: 1,
      model: { kSigma: 4 },
    });
    const none = await get(`/api/fdc/models/${RECIPE}/3`);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'not-found' });
    // Back to the lot's model as the active one for the checks below.
    expect((await post({ lotIds: ['L-GOLD'] })).json()).toMatchObject({ version: 3 });
  });

  it('checks pairs as they are committed: the leak pairs are faults of their plasma steps', async () => {
    const sink = storeSink(store);
    const fdc = new FdcService({ store, sink, clock: () => Date.UTC(2026, 11, 8) });
    const leak = emptyRecords();
    sim.pairs(3, 'LEAK', leak, LEAK);
    const records = lotRecords('L-LEAK', leak);
    await write(records);
    // In commit order, a few records at a time, as a feed gives them.
    for (let i = 0; i < records.length; i += 7) fdc.ingest(records.slice(i, i + 7));
    await fdc.idle();
    // The last pair waits for a sample after its last step: the tool's trace runs on.
    expect(fdc.counters()).toMatchObject({ checked: 2, pending: 1 });
    fdc.ingest([laterSample(leak)]);
    await fdc.idle();
    expect(fdc.counters()).toMatchObject({ checked: 3, flagged: 3, pending: 0, failed: 0 });
    // A pair record delivered again is not checked again.
    fdc.ingest(records.filter((r) => r.type === 'pair'));
    await fdc.idle();
    expect(fdc.counters()).toMatchObject({ checked: 3, pending: 0 });
    const check = await get('/api/pairs/LEAK-0/fdc');
    expect(check.json()).toMatchObject({ pairId: 'LEAK-0', toolId: 'B1', modelVersion: 3, flagged: true });
    const faults = (await get('/api/fdc/faults?pair=LEAK-1')).json() as { items: FdcFaultRecord[] };
    expect(faults.items.map((f) => f.step).sort()).toEqual(['plasma.bottom', 'plasma.top']);
    for (const f of faults.items) {
      expect(f.reasons).toContain('t2');
      expect(
        f.traces
          .slice(0, 2)
          .map((t) => t.trace)
          .sort(),
      ).toEqual(['ChamberPressure', 'RfReflectedPower']);
    }
    const byTool = (await get('/api/fdc/faults?tool=B1&recipe=BOND-STD&limit=2')).json() as {
      items: FdcFaultRecord[];
      nextCursor?: string;
    };
    expect(byTool.items).toHaveLength(2);
    const rest = (await get(`/api/fdc/faults?tool=B1&cursor=${byTool.nextCursor}`)).json() as {
      items: unknown[];
    };
    expect(rest.items).toHaveLength(4);
    expect((await get('/api/fdc/faults?tool=B9')).json()).toEqual({ items: [] });
  });

  it('refuses what it cannot learn or read, naming why', async () => {
    const bare = emptyRecords();
    sim.pairs(3, 'BARE', bare);
    await write(lotRecords('L-BARE', { ...bare, samples: [] }));
    const noTraces = await post({ lotIds: ['L-BARE'] });
    expect(noTraces.statusCode).toBe(422);
    expect(noTraces.json()).toMatchObject({ code: 'no-traces' });
    const unknown = await post({ pairIds: ['G-0', 'NOPE'] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      code: 'unknown-pair',
      message: "no pair 'NOPE' is stored",
      path: 'pairIds[1]',
    });
    const few = await post({ pairIds: ['G-0'] });
    expect(few.statusCode).toBe(422);
    expect(few.json()).toMatchObject({ code: 'too-few-golden-runs' });
    const badAlpha = await post({ lotIds: ['L-GOLD'], alpha: 2 });
    expect(badAlpha.statusCode).toBe(400);
    expect(badAlpha.json()).toMatchObject({ path: 'alpha' });
    expect((await get('/api/pairs/G-0/fdc')).statusCode).toBe(404);
    const badLimit = await get('/api/fdc/faults?limit=0');
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json()).toMatchObject({ code: 'bad-limit', path: 'limit' });
    expect((await get('/api/fdc/faults?colour=red')).statusCode).toBe(400);
  });
});
