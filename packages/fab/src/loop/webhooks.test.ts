// Webhook deliveries against a real HTTP server on 127.0.0.1: signed, in order, retried, dead-lettered.
// The HMAC is checked against RFC 4231's test case 2.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWithSchema } from '@bondline/core';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex, SIGNATURE_HEADER, signatureHeader, verifySignature } from './webhook-signature.js';
import { type DeadLetter, WebhookDispatcher, type WebhookTarget, webhookTargetSchema } from './webhooks.js';

const SECRET = 'a-secret-of-the-maker-a';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Answer = (n: number, res: ServerResponse) => void;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A receiver: answers the n-th request (0-based) with `answer`, records every request. */
async function receiver(answer: Answer): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(got.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, got };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  (_n: number, res: ServerResponse) => {
    res.writeHead(code, headers);
    res.end();
  };

function dispatcher(
  targets: WebhookTarget[],
  extra: Partial<ConstructorParameters<typeof WebhookDispatcher>[0]> = {},
) {
  const d = new WebhookDispatcher({ targets, initialDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000, ...extra });
  cleanups.push(() => d.close());
  return d;
}

const target = (url: string, more: Partial<WebhookTarget> = {}): WebhookTarget => ({
  id: 'maker-a-hooks',
  url,
  secret: SECRET,
  ...more,
});

describe('webhook signature', () => {
  it('computes HMAC-SHA256 as RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs the time and the body, and a receiver checks both', () => {
    const at = 1_796_000_000_000;
    const h = signatureHeader(SECRET, '{"a":1}', at);
    expect(h).toBe(`t=1796000000,v1=${hmacSha256Hex(SECRET, '1796000000.{"a":1}')}`);
    expect(verifySignature(SECRET, '{"a":1}', h, at + 10_000)).toEqual({ ok: true });
    expect(verifySignature(SECRET, '{"a":2}', h, at)).toEqual({ ok: false, why: 'mismatch' });
    expect(verifySignature('another-secret-entirely', '{"a":1}', h, at)).toEqual({
      ok: false,
      why: 'mismatch',
    });
    expect(verifySignature(SECRET, '{"a":1}', h, at + 301_000)).toEqual({ ok: false, why: 'too-old' });
    expect(verifySignature(SECRET, '{"a":1}', 'v1=abc', at)).toEqual({ ok: false, why: 'malformed' });
  });
});

describe('WebhookDispatcher', () => {
  it('posts signed JSON, in order, retrying 5xx until it is taken', async () => {
    // The first two attempts fail with 503, then every request is taken.
    const r = await receiver((n, res) => status(n < 2 ? 503 : 204)(n, res));
    const d = dispatcher([target(r.url)]);
    for (let i = 1; i <= 3; i++)
      d.notify({ type: 'ticket.opened', organisationId: 'maker-a', data: { ticket: `T-${i}` } });
    await until(() => d.counters().delivered === 3, 'three deliveries');
    expect(d.counters()).toMatchObject({ queued: 0, delivered: 3, retries: 2, deadLetters: 0 });
    const taken = r.got.slice(2).map((g) => JSON.parse(g.body) as { data: { ticket: string } });
    expect(taken.map((b) => b.data.ticket)).toEqual(['T-1', 'T-2', 'T-3']);
    for (const g of r.got) {
      expect(g.headers['content-type']).toBe('application/json');
      expect(g.headers['bondline-event']).toBe('ticket.opened');
      expect(verifySignature(SECRET, g.body, String(g.headers[SIGNATURE_HEADER]), Date.now())).toEqual({
        ok: true,
      });
    }
    // The same delivery was retried: same id, same body.
    expect(r.got[0]?.headers['bondline-delivery']).toBe(r.got[2]?.headers['bondline-delivery']);
    expect(JSON.parse(r.got[2]?.body ?? '{}')).toMatchObject({
      type: 'ticket.opened',
      organisationId: 'maker-a',
    });
  });

  it('dead-letters a refusal at once, and a retried dead letter is delivered', async () => {
    let answerWith = 410;
    const r = await receiver((n, res) => status(answerWith)(n, res));
    const letters: DeadLetter[] = [];
    const d = dispatcher([target(r.url)], { onDeadLetter: (l) => letters.push(l) });
    d.notify({ type: 'ticket.changed', data: { state: 'acknowledged' } });
    await until(() => letters.length === 1, 'a dead letter');
    expect(letters[0]).toMatchObject({ targetId: 'maker-a-hooks', attempts: 1, lastError: 'HTTP 410' });
    answerWith = 200;
    expect(d.retryDeadLetter(letters[0]?.deliveryId ?? '')).toBe(true);
    expect(d.retryDeadLetter('no-such-delivery')).toBe(false);
    await until(() => d.counters().delivered === 1, 'the retried delivery');
    expect(d.deadLetters()).toEqual([]);
    expect(r.got[1]?.headers['bondline-delivery']).toBe(letters[0]?.deliveryId);
  });

  it('gives up after maxAttempts, on time-outs and on refused connections', async () => {
    const failing = await receiver(status(500));
    const hanging = await receiver(() => {});
    // A port nobody listens on: a server's, closed.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const d = dispatcher(
      [
        target(failing.url, { id: 'failing' }),
        target(hanging.url, { id: 'hanging' }),
        target(`http://127.0.0.1:${port}/hooks`, { id: 'nobody' }),
      ],
      { maxAttempts: 3, timeoutMs: 100 },
    );
    d.notify({ type: 'ticket.opened', data: null });
    await until(() => d.deadLetters().length === 3, 'three dead letters', {
      detail: () => JSON.stringify(d.deadLetters()),
    });
    const by = new Map(d.deadLetters().map((l) => [l.targetId, l]));
    expect(by.get('failing')).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
    expect(by.get('hanging')).toMatchObject({ attempts: 3, lastError: 'timeout after 100 ms' });
    expect(by.get('nobody')?.attempts).toBe(3);
    expect(by.get('nobody')?.lastError).toMatch(/ECONNREFUSED/);
    expect(failing.got).toHaveLength(3);
  });

  it("sends a target only its organisation's notifications of its types", async () => {
    const r = await receiver(status(200));
    const d = dispatcher([target(r.url, { organisation: 'maker-a', types: ['ticket.opened'] })]);
    expect(d.notify({ type: 'ticket.opened', organisationId: 'maker-b', data: 1 })).toBe(0);
    expect(d.notify({ type: 'ticket.changed', organisationId: 'maker-a', data: 2 })).toBe(0);
    expect(d.notify({ type: 'ticket.opened', organisationId: 'maker-a', data: 3 })).toBe(1);
    await d.idle();
    expect(r.got.map((g) => (JSON.parse(g.body) as { data: number }).data)).toEqual([3]);
  });

  it('bounds the queue and the dead letters', async () => {
    const hanging = await receiver(() => {});
    const d = dispatcher([target(hanging.url)], { maxQueue: 2, maxDeadLetters: 2, timeoutMs: 60_000 });
    for (let i = 0; i < 5; i++) d.notify({ type: 'ticket.opened', data: i });
    // Two wait (one in flight), three overflow; two dead letters kept, one dropped.
    expect(d.counters()).toMatchObject({ queued: 2, deadLetters: 3, deadLettersDropped: 1 });
    expect(d.deadLetters().map((l) => l.lastError)).toEqual(['queue full', 'queue full']);
    d.close();
    await d.idle();
    expect(d.counters().queued).toBe(0);
  });

  it('refuses bad targets, naming the field', () => {
    const bad = parseWithSchema(webhookTargetSchema, {
      id: 'x',
      url: 'ftp://maker-a/hooks',
      secret: 'short',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['secret', 'url']);
  });
});
