// The JetStream bus with a SQLite store: records from several tools through the sink, a store writer,
// and the store holding each one once with its maps bit for bit; the live feed; a writer killed
// mid-stream (a process killed with SIGKILL) or stopped without acks, and another taking over; two writers on one durable
// consumer; a result published before its pair; a bad record refused at the sink; the KV status board.
// Each test has a stream, subjects and bucket of its own, deleted at the end.
import { gate, until } from '@bondline/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuesOf, okValue } from '../store/contract/result-helpers.test-util.js';
import type { PairResultRecord } from '../store/records.js';
import { event, everything, line, lot, lotContents, T0 } from '../store/store-fixtures.test-util.js';
import {
  countFacts,
  deleteTestBus,
  eventWrites,
  openTestBus,
  TEST_NATS,
  tempSqliteStore,
  testBusNames,
  withWriteBatch,
} from './bus-testing.test-util.js';
import { openJetStreamBus } from './jetstream-bus.js';
import { startChildWriter } from './store-writer-child.test-util.js';

let names: ReturnType<typeof testBusNames>;
let temp: Awaited<ReturnType<typeof tempSqliteStore>>;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  names = testBusNames();
  temp = await tempSqliteStore();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await deleteTestBus(names);
  await temp.cleanup();
});

async function bus() {
  const b = await openTestBus(names);
  closers.push(() => b.close());
  return b;
}

describe('JetStream bus', () => {
  it('stores every record once, maps bit for bit, and announces what was committed', async () => {
    const publisher = await bus();
    const sink = publisher.sink({ maxMessageRecords: 7 });
    const announced: number[] = [];
    publisher.liveFeed().subscribe((records) => announced.push(records.length));
    const all = everything(6);
    okValue(await sink.write(all));
    const writes = ['B1', 'B2'].flatMap((t) => eventWrites(t, 10, 20, (tool, i) => event(tool, i + 100)));
    const answers = await Promise.all(writes.map((w) => sink.write(w)));
    expect(answers.every((r) => r.ok)).toBe(true);
    okValue(await sink.write(writes[0] ?? [])); // published again: the store keeps one of each

    const writer = okValue(await (await bus()).startStoreWriter(temp.store, { durable: 'w' }));
    const expectedEvents = 3 + 400;
    await until(async () => (await countFacts(temp.store)).events === expectedEvents, 'every event stored', {
      detail: () => JSON.stringify(writer.stats()),
    });
    await until(() => announced.reduce((a, b) => a + b, 0) >= all.length + 400, 'every record announced');
    expect(await countFacts(temp.store)).toEqual({ events: expectedEvents, alarms: 2, pairs: 6 });
    for (const r of all.filter((x): x is PairResultRecord => x.type === 'pair-result')) {
      const stored = okValue(await temp.store.getPair(r.pairId)).result;
      expect(stored).toEqual(r);
      if (r.overlayMap !== undefined && stored?.overlayMap !== undefined) {
        expect(Buffer.from(stored.overlayMap.data.buffer).equals(Buffer.from(r.overlayMap.data.buffer))).toBe(
          true,
        );
      }
    }
    expect(writer.stats().rejected).toBe(0);
  });

  it('loses nothing and stores nothing twice when a writer process is killed mid-stream', async () => {
    const publisher = await bus();
    const sink = publisher.sink({ maxMessageRecords: 10 });
    okValue(await sink.write(line(['B1'])));
    const writes = eventWrites('B1', 100, 20, event);
    for (const w of writes) okValue(await sink.write(w));
    const child = await startChildWriter({ servers: TEST_NATS, names, durable: 'w', sqlitePath: temp.path });
    try {
      await until(
        async () => (await countFacts(temp.store)).events >= 300,
        'the writer process stored some events',
      );
    } finally {
      child.kill('SIGKILL');
    }
    const atKill = (await countFacts(temp.store)).events;
    expect(atKill).toBeLessThan(2000);
    // Messages it held unacknowledged come back after the ack wait (2 s) to the writer that takes over.
    const second = okValue(
      await (await bus()).startStoreWriter(temp.store, { durable: 'w', ackWaitMs: 2000 }),
    );
    await until(async () => (await countFacts(temp.store)).events === 2000, 'all 2000 events stored', {
      detail: () => JSON.stringify(second.stats()),
    });
    expect(second.stats().rejected).toBe(0);
  });

  it('loses nothing when a writer stops while the store holds its batch', async () => {
    const publisher = await bus();
    okValue(await publisher.sink().write(line(['B1'])));
    for (const w of eventWrites('B1', 20, 25, event)) okValue(await publisher.sink().write(w));
    // The first writer's store refuses as if the database were down; the writer stops without acking.
    const held = gate();
    const down = withWriteBatch(temp.store, async () => {
      held.open();
      return { ok: false, issues: [{ code: 'store-unavailable', message: 'connection refused' }] };
    });
    const first = okValue(
      await (await bus()).startStoreWriter(down, { durable: 'w', backoff: { initialMs: 50, maxMs: 100 } }),
    );
    await held.done;
    await first.stop();
    expect((await countFacts(temp.store)).events).toBe(0);
    const second = okValue(await (await bus()).startStoreWriter(temp.store, { durable: 'w' }));
    await until(async () => (await countFacts(temp.store)).events === 500, 'all 500 events stored', {
      detail: () => JSON.stringify([first.stats(), second.stats()]),
    });
  });

  it('writes up to concurrentBatches batches at once, each acked only after its own commit', async () => {
    const publisher = await bus();
    okValue(await temp.store.writeBatch(line(['B1'])));
    for (const w of eventWrites('B1', 12, 10, event)) okValue(await publisher.sink().write(w));
    // Every batch is held until released: the writer must start a second while the first is held,
    // and no third while both are.
    const releases: (() => void)[] = [];
    let holding = true;
    let writing = 0;
    let most = 0;
    const held = withWriteBatch(temp.store, async (records) => {
      writing++;
      most = Math.max(most, writing);
      if (holding) {
        const release = gate();
        releases.push(release.open);
        await release.done;
      }
      const r = await temp.store.writeBatch(records);
      writing--;
      return r;
    });
    const writer = okValue(
      await (await bus()).startStoreWriter(held, {
        durable: 'w',
        pull: 4,
        maxBatchRecords: 20,
        concurrentBatches: 2,
      }),
    );
    try {
      await until(() => writing === 2, 'two batches written at once');
      expect(writer.stats().messages).toBe(0);
      // Only the second batch commits: its messages are acked, the first batch's are not.
      releases[1]?.();
      await until(() => writer.stats().messages > 0, 'the second batch acked', {
        detail: () => JSON.stringify(writer.stats()),
      });
      expect(writer.stats().records).toBeLessThanOrEqual(20);
      await until(() => writing === 2, 'a third batch in place of the second');
      expect(releases).toHaveLength(3);
    } finally {
      holding = false;
      for (const release of releases) release();
    }
    await until(async () => (await countFacts(temp.store)).events === 120, 'all 120 events stored', {
      detail: () => JSON.stringify(writer.stats()),
    });
    await until(() => writer.stats().records === 120, 'every batch acked');
    expect(most).toBe(2);
    expect(writer.stats().rejected).toBe(0);
  });

  it('shares one durable consumer between two writers: each record stored once', async () => {
    const publisher = await bus();
    okValue(await publisher.sink().write(line(['B1', 'B2', 'B3'])));
    const w1 = okValue(await (await bus()).startStoreWriter(temp.store, { durable: 'shared', pull: 16 }));
    const w2 = okValue(await (await bus()).startStoreWriter(temp.store, { durable: 'shared', pull: 16 }));
    const writes = ['B1', 'B2', 'B3'].flatMap((t) => eventWrites(t, 30, 10, event));
    const answers = await Promise.all(writes.map((w) => publisher.sink().write(w)));
    expect(answers.every((r) => r.ok)).toBe(true);
    await until(async () => (await countFacts(temp.store)).events === 900, 'all 900 events stored', {
      detail: () => JSON.stringify([w1.stats(), w2.stats()]),
    });
    expect(w1.stats().records + w2.stats().records).toBe(line(['B1', 'B2', 'B3']).length + 900);
    expect(w1.stats().messages).toBeGreaterThan(0);
    expect(w2.stats().messages).toBeGreaterThan(0);
  });

  it('stores a result published before its pair once the pair is there', async () => {
    const publisher = await bus();
    const sink = publisher.sink();
    const contents = lotContents('L1', 'B1', 2);
    const results = contents.filter((r) => r.type === 'pair-result');
    const rest = contents.filter((r) => r.type !== 'pair-result');
    okValue(await sink.write(line(['B1'])));
    okValue(await sink.write(results)); // before the pairs it names
    const writer = okValue(await (await bus()).startStoreWriter(temp.store, { durable: 'w' }));
    await until(() => writer.stats().retries > 0, 'the result waited for its pair');
    okValue(await sink.write([lot('L1', 'B1'), ...rest]));
    await until(async () => {
      const p = await temp.store.getPair('L1-P1');
      return p.ok && p.value.result !== undefined;
    }, 'the result stored');
    expect(okValue(await temp.store.getPair('L1-P2')).result?.yield).toBeCloseTo(0.902, 9);
    expect(writer.stats().rejected).toBe(0);
  });

  it('refuses a bad record at the sink, naming it', async () => {
    const sink = (await bus()).sink();
    const r = await sink.write([event('B1', 0), { ...event('B1', 1), equipmentTimeMs: 1.5 }]);
    expect(issuesOf(r)[0]).toMatchObject({ code: 'sink-rejected', path: 'records[1].equipmentTimeMs' });
  });

  it('keeps tool statuses in the KV bucket', async () => {
    const writerSide = okValue(await (await bus()).statusBoard());
    const readerSide = okValue(await (await bus()).statusBoard());
    await writerSide.put({ toolId: 'B2', link: 'connecting', updatedMs: T0 });
    await writerSide.put({
      toolId: 'line 1.B1',
      link: 'communicating',
      control: 'online-remote',
      lotId: 'L1',
      updatedMs: T0 + 1,
    });
    await writerSide.put({ toolId: 'B2', link: 'selected', lastMessageMs: T0 + 5, updatedMs: T0 + 6 });
    expect(await readerSide.get('B2')).toEqual({
      toolId: 'B2',
      link: 'selected',
      lastMessageMs: T0 + 5,
      updatedMs: T0 + 6,
    });
    expect(await readerSide.get('B9')).toBeUndefined();
    expect((await readerSide.list()).map((s) => s.toolId)).toEqual(['B2', 'line 1.B1']);
  });

  it('answers bus-unavailable when NATS cannot be reached, and refuses bad names', async () => {
    const down = await openJetStreamBus({ servers: '127.0.0.1:1', connectTimeoutMs: 2000 });
    expect(issuesOf(down)[0]?.code).toBe('bus-unavailable');
    const bad = await openJetStreamBus({ servers: '127.0.0.1:1', stream: 'a.b' });
    expect(issuesOf(bad)[0]).toMatchObject({ code: 'bus-misconfigured', path: 'stream' });
  });
});
