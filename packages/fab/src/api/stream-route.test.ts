// GET /api/stream over a real socket: committed records arrive as typed events, filters hold,
// heartbeats come while idle, a disconnect unsubscribes, a client that stops reading is dropped.

import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issue } from '@bondline/core';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userWithToken } from '../accounts/account-fixtures.test-util.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { alarm, event, line, pair, T0 } from '../store/store-fixtures.test-util.js';
import { FakeFeed, refusingStore } from './api-fakes.test-util.js';
import { type RunningFabApi, startFabApi } from './fab-api.js';

const running: RunningFabApi[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function serve(feed: FakeFeed, extra: { heartbeatMs?: number; maxStreamBacklogBytes?: number } = {}) {
  const api = await startFabApi({ store: refusingStore(issue('not-found', 'x')), feed, port: 0, ...extra });
  running.push(api);
  return api;
}

interface Stream {
  readonly res: IncomingMessage;
  text(): string;
  closed(): boolean;
}

function open(url: string, read = true, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let text = '';
      let closed = false;
      res.setEncoding('utf8');
      // The socket, not the response: a paused response never reaches its end.
      res.socket.on('close', () => {
        closed = true;
      });
      res.on('error', () => undefined);
      if (read)
        res.on('data', (c: string) => {
          text += c;
        });
      else res.pause();
      resolve({ res, text: () => text, closed: () => closed });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/stream', () => {
  it('sends committed records as events typed by record type, with heartbeats', async () => {
    const feed = new FakeFeed();
    const api = await serve(feed, { heartbeatMs: 20 });
    const s = await open(`${api.url}/api/stream`);
    expect(s.res.statusCode).toBe(200);
    expect(s.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await until(() => feed.listenerCount === 1, 'the stream subscribes');
    feed.push([event('B1', 0), alarm('B1', 1)]);
    await until(() => s.text().includes('event: alarm'), 'both records arrive', { detail: s.text });
    expect(s.text()).toContain(`event: event\ndata: ${JSON.stringify(event('B1', 0))}\n\n`);
    expect(s.text()).toContain(`event: alarm\ndata: ${JSON.stringify(alarm('B1', 1))}\n\n`);
    await until(() => s.text().includes(': heartbeat\n\n'), 'a heartbeat');
    s.res.destroy();
    await until(() => feed.listenerCount === 0, 'a disconnect unsubscribes');
  });

  it('keeps only the tool and types asked for, a pair result through its pair', async () => {
    const feed = new FakeFeed();
    const api = await serve(feed);
    const s = await open(`${api.url}/api/stream?tool=B2&types=alarm,pair-result`);
    await until(() => feed.listenerCount === 1, 'the stream subscribes');
    feed.push([
      event('B2', 0),
      alarm('B1', 1),
      alarm('B2', 2),
      pair('P-B1', 'B1', 'L1', 1),
      pair('P-B2', 'B2', 'L2', 2),
    ]);
    feed.push([
      { type: 'pair-result', pairId: 'P-B1', yield: 0.5, summary: {} },
      {
        type: 'pair-result',
        pairId: 'P-B2',
        yield: 0.9,
        summary: {},
        dieYieldMap: { dims: [1], data: new Uint8Array([0]) },
      },
      alarm('B2', 3),
    ]);
    await until(() => s.text().includes(`"alid":${2_000_000_003}`), 'the last record arrives', {
      detail: s.text,
    });
    const events = s
      .text()
      .split('\n\n')
      .filter((f) => f.startsWith('event:'));
    expect(events).toEqual([
      `event: alarm\ndata: ${JSON.stringify(alarm('B2', 2))}`,
      'event: pair-result\ndata: {"type":"pair-result","pairId":"P-B2","yield":0.9,"summary":{},"maps":["dieYieldMap"]}',
      `event: alarm\ndata: ${JSON.stringify(alarm('B2', 3))}`,
    ]);
  });

  it('refuses a bad filter with 400 naming it, before streaming', async () => {
    const api = await serve(new FakeFeed());
    const r = await fetch(`${api.url}/api/stream?types=event,gossip`);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: 'bad-filter', path: 'types' });
  });

  it('drops a client that stops reading, with a bounded backlog, and unsubscribes it', async () => {
    const feed = new FakeFeed();
    const api = await serve(feed, { maxStreamBacklogBytes: 64 * 1024 });
    const slow = await open(`${api.url}/api/stream`, false);
    const fast = await open(`${api.url}/api/stream?types=alarm`);
    await until(() => feed.listenerCount === 2, 'both streams subscribe');
    const batch = Array.from({ length: 200 }, (_, i) => event('B1', i, T0 + i));
    let pushed = 0;
    // The kernel's socket buffers take megabytes before the server sees a full socket: push until
    // the slow client is dropped (each push ~90 KB), never more than ~900 MB.
    await until(
      () => {
        feed.push(batch);
        pushed++;
        return feed.listenerCount === 1 || pushed > 10_000;
      },
      'the slow client is dropped',
      { intervalMs: 1 },
    );
    expect(feed.listenerCount).toBe(1);
    // What the kernel still holds comes first: read it, and the connection turns out closed.
    slow.res.resume();
    await until(() => slow.closed(), 'the server closed the slow client’s connection');
    feed.push([alarm('B1', 7)]);
    await until(() => fast.text().includes('event: alarm'), 'the reading client still gets records');
  });

  it('ends open streams when the server closes', async () => {
    const feed = new FakeFeed();
    const api = await serve(feed);
    const s = await open(`${api.url}/api/stream`);
    await until(() => feed.listenerCount === 1, 'the stream subscribes');
    await api.close();
    running.length = 0;
    await until(() => s.closed(), 'the stream ends');
    expect(feed.listenerCount).toBe(0);
  });

  it("gives a maker's user only their tools' records, none of the fab's analytics", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-stream-maker-'));
    const store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
    try {
      okValue(await store.migrate());
      const lineOf = line(['TA', 'TB']).map((r) =>
        r.type === 'tool' && r.id === 'TB' ? { ...r, organisationId: 'maker-b' } : r,
      );
      okValue(await store.writeBatch([{ type: 'organisation', id: 'maker-b', name: 'B', role: 'maker' }]));
      okValue(await store.writeBatch(lineOf));
      const t = await userWithToken(
        store,
        { id: 'mka', organisationId: 'maker-a', role: 'maker-engineer' },
        'read',
      );
      const feed = new FakeFeed();
      const api = await startFabApi({ store, feed, port: 0, auth: 'accounts' });
      running.push(api);
      const refused = await open(`${api.url}/api/stream`);
      expect(refused.res.statusCode).toBe(401);
      const s = await open(`${api.url}/api/stream`, true, { authorization: `Bearer ${t.text}` });
      expect(s.res.statusCode).toBe(200);
      await until(() => feed.listenerCount === 1, 'the stream subscribes');
      const violation = {
        type: 'spc-violation' as const,
        chartId: 'tx@TA+BOND-STD+default',
        part: 'location' as const,
        rule: 'we1',
        pointIndex: 3,
        toolId: 'TA',
        parameter: 'tx',
        context: 'TA+BOND-STD+default',
        phase: 1,
        description: 'one point beyond 3 sigma',
        indexes: [3],
        value: 1,
        atMs: T0,
      };
      feed.push([event('TB', 0), alarm('TB', 1), violation, event('TA', 2)]);
      await until(() => s.text().includes('"toolId":"TA"'), "maker A's event arrives", { detail: s.text });
      expect(s.text()).not.toContain('"TB"');
      expect(s.text()).not.toContain('spc-violation');
      s.res.destroy();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
