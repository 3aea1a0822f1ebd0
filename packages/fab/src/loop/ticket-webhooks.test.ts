// Tickets reach the makers' systems: an alarm's ticket opened on the embedded pipeline is POSTed,
// signed, to the webhook target of the tool's maker and not to another maker's; its change follows.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedPipeline } from '../bus/embedded-pipeline.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, T0 } from '../store/store-fixtures.test-util.js';
import { TicketService } from './ticket-service.js';
import { ticketSettingsSchema } from './ticket-settings.js';
import { forwardTicketEvents } from './ticket-webhooks.js';
import { verifySignature } from './webhook-signature.js';
import { WebhookDispatcher } from './webhooks.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(): Promise<{
  url: string;
  got: { headers: IncomingMessage['headers']; body: string }[];
}> {
  const got: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, got };
}

describe('ticket webhooks', () => {
  it("sends each ticket opened and changed to its maker's target, signed", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-ticket-hooks-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
    cleanups.push(() => store.close());
    okValue(await store.migrate());
    const pipeline = createEmbeddedPipeline(store);
    cleanups.push(() => pipeline.close());
    const a = await receiver();
    const b = await receiver();
    const settings = ticketSettingsSchema.parse({
      webhooks: [
        { id: 'maker-a-hooks', url: a.url, secret: 'maker-a-shared-secret', organisation: 'maker-a' },
        { id: 'maker-b-hooks', url: b.url, secret: 'maker-b-shared-secret', organisation: 'maker-b' },
      ],
    });
    const service = new TicketService({ store, settings });
    service.attach(pipeline.feed);
    const hooks = new WebhookDispatcher({ targets: settings.webhooks, initialDelayMs: 5 });
    cleanups.push(() => hooks.close());
    forwardTicketEvents(service, hooks);

    const alarm = {
      type: 'alarm' as const,
      toolId: 'B1',
      alid: 7061,
      state: 'set' as const,
      category: 4,
      text: 'BD-ALIGN-061 Registration failed on every attempt',
      equipmentTimeMs: T0 + 100,
      receivedTimeMs: T0 + 103,
      dataId: 1,
    };
    okValue(await pipeline.sink.write([...line(['B1']), alarm]));
    await until(() => a.got.length === 1, 'the opening delivered');
    const opened = JSON.parse(a.got[0]?.body ?? '{}') as {
      type: string;
      organisationId: string;
      data: { id: string; state: string };
    };
    expect(opened).toMatchObject({
      type: 'ticket.opened',
      organisationId: 'maker-a',
      data: { state: 'new', faultKey: 'alarm:7061' },
    });
    expect(
      verifySignature(
        'maker-a-shared-secret',
        a.got[0]?.body ?? '',
        String(a.got[0]?.headers['bondline-signature']),
        Date.now(),
      ),
    ).toEqual({ ok: true });

    okValue(
      await service.act(opened.data.id, { kind: 'acknowledge' }, { id: 'mk-1', role: 'maker-engineer' }),
    );
    await until(() => a.got.length === 2, 'the change delivered');
    expect(JSON.parse(a.got[1]?.body ?? '{}')).toMatchObject({
      type: 'ticket.changed',
      data: { state: 'acknowledged', action: 'acknowledge' },
    });
    await hooks.idle();
    expect(b.got).toEqual([]);
  });

  it('refuses two targets of one id', () => {
    const r = ticketSettingsSchema.safeParse({
      webhooks: [
        { id: 'x', url: 'http://127.0.0.1:1/', secret: 'sixteen-chars-ok' },
        { id: 'x', url: 'http://127.0.0.1:2/', secret: 'sixteen-chars-ok' },
      ],
    });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['webhooks.1.id']);
  });
});
