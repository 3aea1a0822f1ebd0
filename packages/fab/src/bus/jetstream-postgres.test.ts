// The JetStream bus into PostgreSQL: two store writers on one durable consumer (every record once,
// maps bit for bit), and a PostgreSQL server stopped and started again while they ingest (a private
// server of this test's own: the shared one is never restarted): the writers back off and go on, and
// at the end every record is stored exactly once.
import { until } from '@bondline/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres/postgres-test-db.test-util.js';
import type { PairResultRecord } from '../store/records.js';
import { event, everything, line } from '../store/store-fixtures.test-util.js';
import {
  countFacts,
  deleteTestBus,
  eventWrites,
  openTestBus,
  testBusNames,
} from './bus-testing.test-util.js';
import type { JetStreamBus } from './jetstream-bus.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.test-util.js';

let db: TestDatabase | undefined;
let names: ReturnType<typeof testBusNames>;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(() => {
  names = testBusNames();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await deleteTestBus(names);
});

async function bus(): Promise<JetStreamBus> {
  const b = await openTestBus(names);
  closers.push(() => b.close());
  return b;
}

describe('JetStream bus into PostgreSQL', () => {
  it('stores every record once with two writers on one durable consumer', async () => {
    if (db === undefined)
      throw new Error('the test database was not created (see the beforeAll error above)');
    const h = await db.harness();
    closers.push(() => h.cleanup());
    const store = await h.open();
    okValue(await store.migrate());
    const publisher = await bus();
    const sink = publisher.sink({ maxMessageRecords: 50 });
    const all = everything(8);
    okValue(await sink.write(all));
    const w1 = okValue(await (await bus()).startStoreWriter(store, { durable: 'pg', pull: 32 }));
    const w2 = okValue(await (await bus()).startStoreWriter(await h.open(), { durable: 'pg', pull: 32 }));
    const writes = ['B1', 'B2'].flatMap((t) => eventWrites(t, 40, 25, (tool, i) => event(tool, i + 10)));
    expect((await Promise.all(writes.map((w) => sink.write(w)))).every((r) => r.ok)).toBe(true);
    await until(async () => (await countFacts(store)).events === 3 + 2000, 'all events stored', {
      detail: () => JSON.stringify([w1.stats(), w2.stats()]),
    });
    expect(await countFacts(store)).toEqual({ events: 2003, alarms: 2, pairs: 8 });
    expect(w1.stats().records + w2.stats().records).toBe(all.length + 2000);
    for (const r of all.filter((x): x is PairResultRecord => x.type === 'pair-result')) {
      expect(okValue(await store.getPair(r.pairId)).result).toEqual(r);
    }
  });

  it('backs off while PostgreSQL restarts and stores every record exactly once', async () => {
    let pg: PrivatePostgres;
    try {
      pg = await startPrivatePostgres();
    } catch (e) {
      throw new Error(`could not start a private PostgreSQL server for this test: ${String(e)}`);
    }
    const server = pg;
    closers.push(() => server.destroy());
    const open = async (): Promise<FabStore> => {
      const s = okValue(
        await openPostgresStore({
          connectionString: server.url,
          schema: 'restart',
          poolSize: 2,
          connectTimeoutMs: 2000,
        }),
      );
      closers.push(() => s.close());
      return s;
    };
    const store = await open();
    okValue(await store.migrate());
    const publisher = await bus();
    const sink = publisher.sink();
    okValue(await sink.write(line(['B1', 'B2'])));
    const backoff = { initialMs: 100, maxMs: 1000 };
    const w1 = okValue(
      await (await bus()).startStoreWriter(await open(), {
        durable: 'pg',
        pull: 8,
        maxBatchRecords: 200,
        backoff,
      }),
    );
    const w2 = okValue(
      await (await bus()).startStoreWriter(await open(), {
        durable: 'pg',
        pull: 8,
        maxBatchRecords: 200,
        backoff,
      }),
    );
    const writes = ['B1', 'B2'].flatMap((t) => eventWrites(t, 60, 50, event)); // 6000 events
    const published = (async () => {
      for (const w of writes) okValue(await sink.write(w));
    })();
    const stored = async () => {
      const c = await store.listEvents({ limit: 1 });
      return c.ok ? (await countFacts(store)).events : -1;
    };
    await until(async () => (await stored()) >= 500, 'some events stored before the restart');
    await server.stop();
    const retriesBefore = w1.stats().retries + w2.stats().retries;
    await until(
      () => w1.stats().retries + w2.stats().retries > retriesBefore,
      'a writer found the store down',
      {
        detail: () => JSON.stringify([w1.stats(), w2.stats()]),
      },
    );
    await server.start();
    await published;
    await until(async () => (await stored()) === 6000, 'all 6000 events stored after the restart', {
      detail: () => JSON.stringify([w1.stats(), w2.stats()]),
    });
    expect(w1.stats().rejected + w2.stats().rejected).toBe(0);
  });
});
