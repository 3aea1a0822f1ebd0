// The R2R routes (docs/fab.md §10) on a SQLite store with a fake tool port: contexts and state,
// history from the store, the engineer's commands, refusals in `{ code, message, path? }`, and the
// routes in the OpenAPI document.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFabApi } from '../../api/fab-api.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { line } from '../../store/store-fixtures.test-util.js';
import { type FakeToolPort, fakeToolPort } from './r2r-fakes.test-util.js';
import { R2rService } from './r2r-service.js';
import { r2rSettingsSchema } from './r2r-settings.js';

const KEY = 'B1+BOND-STD+default';
let dir: string;
let store: FabStore;
let port: FakeToolPort;
let app: FastifyInstance;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-r2r-api-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  okValue(await store.writeBatch(line(['B1'])));
  port = fakeToolPort();
  const r2r = new R2rService({
    settings: r2rSettingsSchema.parse({ enabled: true }),
    store,
    tools: port,
    toolIds: ['B1'],
  });
  app = await buildFabApi({ store, r2r, checkResponses: true });
});

afterEach(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  app.inject({ method: 'POST', url: path, payload: body as object });

describe('R2R routes', () => {
  it('lists contexts, runs the commands in order and keeps each in the history', async () => {
    expect((await app.inject('/api/r2r')).json()).toEqual({ items: [] });
    const held = await post(`/api/r2r/${KEY}/hold`, { reason: 'SPC violation on overlay Tx' });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ key: KEY, toolId: 'B1', recipe: 'BOND-STD', product: 'default' });
    expect(held.json().held.reason).toBe('SPC violation on overlay Tx');
    const list = (await app.inject('/api/r2r')).json();
    expect(list.items.map((c: { key: string }) => c.key)).toEqual([KEY]);

    const over = await post(`/api/r2r/${KEY}/override`, {
      reason: 'stage recalibrated',
      values: { Tx: 120, Rot: -1.5 },
    });
    expect(over.statusCode).toBe(200);
    expect(port.sets).toEqual([
      [
        { name: 'R2R_TX_NM', value: 120 },
        { name: 'R2R_ROT_URAD', value: -1.5 },
      ],
    ]);
    expect(over.json().offsets).toEqual({ Tx: 120, Ty: 0, Rot: -1.5, Mag: 0 });
    for (const cmd of ['freeze', 'reset', 'release', 'unfreeze'])
      expect((await post(`/api/r2r/${KEY}/${cmd}`, { reason: cmd })).statusCode).toBe(200);

    const history = (await app.inject(`/api/r2r/${KEY}/history`)).json();
    expect(history.items.map((a: { action: string; actionNo: number }) => [a.actionNo, a.action])).toEqual([
      [1, 'hold'],
      [2, 'override'],
      [3, 'freeze'],
      [4, 'reset'],
      [5, 'release'],
      [6, 'unfreeze'],
    ]);
    expect(history.items[1].detail).toMatchObject({
      reason: 'stage recalibrated',
      sent: { R2R_TX_NM: 120, R2R_ROT_URAD: -1.5 },
      eac: 0,
    });
    const page = (await app.inject(`/api/r2r/${KEY}/history?limit=2&order=desc`)).json();
    expect(page.items.map((a: { actionNo: number }) => a.actionNo)).toEqual([6, 5]);
    expect(page.nextCursor).toBeDefined();
  });

  it('refuses an override outside the EC limits (S2F29: ±1000 nm), sending nothing', async () => {
    const r = await post(`/api/r2r/${KEY}/override`, { reason: 'typo', values: { Tx: 1500 } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'out-of-limits', path: 'Tx' });
    expect(r.json().message).toContain('[-1000, 1000]');
    expect(port.sets).toEqual([]);
  });

  it('answers a tool refusal (EAC 3) with 409 and audits it', async () => {
    port.eac = 3;
    const r = await post(`/api/r2r/${KEY}/override`, { reason: 'x', values: { Mag: 2 } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('tool-refused');
    const history = (await app.inject(`/api/r2r/${KEY}/history`)).json();
    expect(history.items[0].detail).toMatchObject({ eac: 3, sent: { R2R_MAG_PPM: 2 } });
  });

  it('refuses unknown contexts and bad bodies in the one error shape', async () => {
    const unknown = await post('/api/r2r/B9+BOND-STD+default/hold', { reason: 'x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'unknown-context', path: 'context' });
    expect((await post(`/api/r2r/not-a-key/hold`, { reason: 'x' })).statusCode).toBe(404);
    const noReason = await post(`/api/r2r/${KEY}/hold`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ path: 'reason' });
    const empty = await post(`/api/r2r/${KEY}/override`, { reason: 'x', values: {} });
    expect(empty.statusCode).toBe(400);
    const extra = await post(`/api/r2r/${KEY}/override`, { reason: 'x', values: { Tz: 1 } });
    expect(extra.statusCode).toBe(400);
    expect(port.sets).toEqual([]);
  });

  it('puts every R2R route in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/r2r'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/r2r/{context}/history'] ?? {})).toEqual(['get']);
    for (const cmd of ['freeze', 'unfreeze', 'reset', 'override', 'hold', 'release'])
      expect(Object.keys(doc.paths[`/api/r2r/{context}/${cmd}`] ?? {})).toEqual(['post']);
  });
});
