// The webhooks' dead letters through the API (docs/fab.md §13.2), on SQLite and a receiver on
// 127.0.0.1: a delivery the receiver refuses is stored as a dead letter, listed, sent again by hand
// once the receiver takes it (the same delivery id), and marked retried; one the process cannot send
// (no such target here) is 409.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFabApi } from '../api/fab-api.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { TicketService } from './ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from './ticket-settings.js';
import { WebhookDispatcher } from './webhooks.js';

let dir: string;
let store: FabStore;
let server: Server;
let url: string;
let answer = 410;
const received: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-dead-letters-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  answer = 410;
  received.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push((JSON.parse(body) as { id: string }).id);
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${a.port}/hook`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dead letters over the API', () => {
  it('lists a refused delivery from the store and sends it again by hand', async () => {
    const hooks = new WebhookDispatcher({
      targets: [{ id: 'maker-a-jira', url, secret: 'a secret of sixteen+' }],
      onDeadLetter: (l) => void store.saveDeadLetter(l),
    });
    const service = new TicketService({ store, settings: DEFAULT_TICKET_SETTINGS });
    const app = await buildFabApi({
      store,
      tickets: { service, settings: DEFAULT_TICKET_SETTINGS, webhooks: hooks },
    });
    try {
      expect(
        hooks.notify({ type: 'ticket.opened', organisationId: 'maker-a', data: { ticket: 'T-000001' } }),
      ).toBe(1);
      const listed = async (query = '') =>
        (await app.inject(`/api/webhooks/dead-letters${query}`)).json() as {
          items: { deliveryId: string; lastError: string }[];
        };
      await until(
        async () => (await listed()).items.length === 1,
        'the refused delivery stored as a dead letter',
      );
      const letter = (await listed()).items[0];
      expect(letter?.lastError).toBe('HTTP 410');
      answer = 200;
      const retried = await app.inject({
        method: 'POST',
        url: `/api/webhooks/dead-letters/${letter?.deliveryId}/retry`,
      });
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ deliveryId: letter?.deliveryId, retriedMs: expect.any(Number) });
      await until(() => received.length === 2, 'the delivery sent again');
      expect(received).toEqual([letter?.deliveryId, letter?.deliveryId]);
      expect((await listed('?pending=true')).items).toEqual([]);
      const unknown = await app.inject({ method: 'POST', url: '/api/webhooks/dead-letters/nope/retry' });
      expect(unknown.statusCode).toBe(404);
    } finally {
      hooks.close();
      await app.close();
    }
  });

  it('answers 409 for a dead letter whose target this process does not have', async () => {
    okValue(
      await store.saveDeadLetter({
        deliveryId: 'd-1',
        targetId: 'gone',
        type: 'ticket.opened',
        body: '{}',
        attempts: 8,
        lastError: 'HTTP 503',
        atMs: 1,
      }),
    );
    const app = await buildFabApi({ store });
    try {
      const r = await app.inject({ method: 'POST', url: '/api/webhooks/dead-letters/d-1/retry' });
      expect([r.statusCode, r.json().code]).toEqual([409, 'no-target']);
    } finally {
      await app.close();
    }
  });
});
