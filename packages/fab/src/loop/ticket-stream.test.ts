// Ticket openings and changes on GET /api/stream (docs/fab.md §11.7): a `ticket` event per opening
// and change, without the captured data, kept to the tool and types a client asked for. The embedded
// pipeline on SQLite, the ticket service on its feed, the API on a real socket.

import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, expect, it } from 'vitest';
import { type RunningFabApi, startFabApi } from '../api/fab-api.js';
import { createEmbeddedPipeline } from '../bus/embedded-pipeline.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { AlarmRecord } from '../store/records.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, T0 } from '../store/store-fixtures.test-util.js';
import { TicketService } from './ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from './ticket-settings.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function open(url: string): Promise<() => string> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('error', () => undefined);
      cleanups.push(async () => {
        res.destroy();
      });
      resolve(() => text);
    });
    req.on('error', reject);
    req.end();
  });
}

const alarm = (toolId: string, at: number): AlarmRecord => ({
  type: 'alarm',
  toolId,
  alid: 7061,
  state: 'set',
  category: 4,
  text: 'BD-ALIGN-061 Registration failed on every attempt',
  equipmentTimeMs: T0 + at,
  receivedTimeMs: T0 + at,
  dataId: at,
});

it('streams ticket openings and changes as ticket events, filtered by tool and type', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-ticket-stream-'));
  const store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  okValue(await store.migrate());
  const pipeline = createEmbeddedPipeline(store);
  cleanups.push(() => pipeline.close());
  const service = new TicketService({ store, settings: DEFAULT_TICKET_SETTINGS });
  service.attach(pipeline.feed);
  const settings = DEFAULT_TICKET_SETTINGS;
  const api: RunningFabApi = await startFabApi({
    store,
    feed: pipeline.feed,
    tickets: { service, settings },
    port: 0,
  });
  cleanups.push(() => api.close());
  const write = async (r: Parameters<typeof pipeline.sink.write>[0]) => {
    const w = await pipeline.sink.write(r);
    if (!w.ok) throw new Error(w.issues[0]?.message);
  };
  await write(line(['B1', 'B2']));

  const b1 = await open(`${api.url}/api/stream?types=ticket`);
  const b2 = await open(`${api.url}/api/stream?tool=B2&types=ticket,alarm`);
  await until(() => b1().includes(': connected') && b2().includes(': connected'), 'both streams open');
  await write([alarm('B1', 1000)]);
  await until(() => b1().includes('event: ticket'), 'the opening', { detail: b1 });
  const opened = /event: ticket\ndata: (.*)\n/.exec(b1())?.[1] ?? '';
  const body = JSON.parse(opened) as { kind: string; ticket: Record<string, unknown> };
  expect(body.kind).toBe('opened');
  expect(body.ticket).toMatchObject({ id: 'T-000001', toolId: 'B1', state: 'new' });
  expect('data' in body.ticket).toBe(false);
  // Only alarm records were asked besides tickets: B1's alarm record is not on the first stream.
  expect(b1()).not.toContain('event: alarm');

  await write([alarm('B1', 2000)]);
  await until(() => b1().includes('"kind":"changed"'), 'the recurrence', { detail: b1 });
  expect(b1()).toContain('"action":{"kind":"recur"');
  await write([alarm('B2', 3000)]);
  await until(() => b2().includes('event: alarm'), "B2's alarm on the B2 stream", { detail: b2 });
  await until(() => b2().includes('event: ticket'), "B2's ticket", { detail: b2 });
  expect(b2()).not.toContain('"toolId":"B1"');
});
