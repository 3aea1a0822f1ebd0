// The embedded pipeline on a real SQLite store: group commit (writes that arrive together share a
// transaction, each caller answered after the commit), one bad write among good ones, a store that is
// down, a write larger than a batch, the feed in commit order, and the status board.
import { ok } from '@bondline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuesOf } from '../store/contract/result-helpers.test-util.js';
import { MAX_BATCH_RECORDS } from '../store/record-rows.js';
import type { FabRecord } from '../store/records.js';
import { event, line } from '../store/store-fixtures.test-util.js';
import { countFacts, eventWrites, tempSqliteStore, withWriteBatch } from './bus-testing.test-util.js';
import { createEmbeddedPipeline } from './embedded-pipeline.js';

let temp: Awaited<ReturnType<typeof tempSqliteStore>>;
const TOOLS = ['B1', 'B2', 'B3', 'B4'];

beforeEach(async () => {
  temp = await tempSqliteStore();
  const r = await temp.store.writeBatch(line(TOOLS));
  if (!r.ok) throw new Error(r.issues[0]?.message);
});

afterEach(async () => {
  await temp.cleanup();
});

describe('embedded pipeline', () => {
  it('groups writes that arrive together into few transactions and answers each after its commit', async () => {
    const batches: number[] = [];
    const committed = new Set<FabRecord>();
    const store = withWriteBatch(temp.store, async (records) => {
      const r = await temp.store.writeBatch(records);
      batches.push(records.length);
      if (r.ok) for (const rec of records) committed.add(rec);
      return r;
    });
    const pipeline = createEmbeddedPipeline(store);
    const fed: number[] = [];
    pipeline.feed.subscribe((records) => fed.push(records.length));
    const writes = TOOLS.flatMap((t) => eventWrites(t, 25, 4, event)); // 100 writes of 4 events
    const answers = await Promise.all(
      writes.map(async (w) => {
        const r = await pipeline.sink.write(w);
        // Answered only once every record of the write is in a committed transaction.
        return { ok: r.ok, committed: w.every((rec) => committed.has(rec)) };
      }),
    );
    expect(answers.every((a) => a.ok && a.committed)).toBe(true);
    expect(batches.length).toBeLessThan(writes.length / 4);
    expect(fed.reduce((a, b) => a + b, 0)).toBe(400);
    expect(fed).toEqual(batches);
    expect((await countFacts(temp.store)).events).toBe(400);
    await pipeline.close();
  });

  it('refuses only the write with a bad record when it shares a group with good ones', async () => {
    const pipeline = createEmbeddedPipeline(temp.store);
    const good1 = [event('B1', 0), event('B1', 1)];
    const bad = [event('B2', 0), event('NO-SUCH-TOOL', 1)];
    const good2 = [event('B3', 0)];
    const [a, b, c] = await Promise.all([good1, bad, good2].map((w) => pipeline.sink.write(w)));
    expect(a?.ok).toBe(true);
    expect(c?.ok).toBe(true);
    const issues = b === undefined ? [] : issuesOf(b);
    expect(issues[0]?.code).toBe('sink-rejected');
    // Named by its index in its own write, not in the group it was tried in.
    expect(issues[0]?.message).toMatch(/^records\[1\]: names a tool/);
    expect((await countFacts(temp.store)).events).toBe(3);
    // A record that fails its schema is named by its index in its own write.
    const invalid = await pipeline.sink.write([event('B1', 5), { ...event('B1', 6), ceid: -1 }]);
    expect(issuesOf(invalid)[0]).toMatchObject({ code: 'sink-rejected', path: 'records[1].ceid' });
    await pipeline.close();
  });

  it('answers sink-unavailable to every write of a group when the store is down', async () => {
    let down = true;
    const store = withWriteBatch(temp.store, async (records) =>
      down
        ? { ok: false, issues: [{ code: 'store-unavailable', message: 'connection refused' }] }
        : temp.store.writeBatch(records),
    );
    const pipeline = createEmbeddedPipeline(store);
    const answers = await Promise.all(eventWrites('B1', 5, 2, event).map((w) => pipeline.sink.write(w)));
    expect(answers.map((r) => (r.ok ? 'ok' : r.issues[0]?.code))).toEqual(Array(5).fill('sink-unavailable'));
    down = false;
    const again = await Promise.all(eventWrites('B1', 5, 2, event).map((w) => pipeline.sink.write(w)));
    expect(again.every((r) => r.ok)).toBe(true);
    expect((await countFacts(temp.store)).events).toBe(10);
    await pipeline.close();
  });

  it('commits a write larger than a batch in chunks of MAX_BATCH_RECORDS', async () => {
    const sizes: number[] = [];
    const store = withWriteBatch(temp.store, async (records) => {
      sizes.push(records.length);
      return ok({ new: records.length, duplicate: 0 });
    });
    const pipeline = createEmbeddedPipeline(store);
    const big = Array.from({ length: MAX_BATCH_RECORDS + 5 }, (_, i) => event('B1', i));
    expect((await pipeline.sink.write(big)).ok).toBe(true);
    expect(sizes).toEqual([MAX_BATCH_RECORDS, 5]);
    await pipeline.close();
    expect(issuesOf(await pipeline.sink.write([event('B1', 0)]))[0]?.code).toBe('sink-closed');
  });

  it('keeps the latest status of each tool', async () => {
    const { statusBoard } = createEmbeddedPipeline(temp.store);
    await statusBoard.put({ toolId: 'B2', link: 'connecting', updatedMs: 1 });
    await statusBoard.put({ toolId: 'B1', link: 'communicating', control: 'online-remote', updatedMs: 2 });
    await statusBoard.put({ toolId: 'B2', link: 'selected', updatedMs: 3 });
    expect(await statusBoard.get('B2')).toEqual({ toolId: 'B2', link: 'selected', updatedMs: 3 });
    expect(await statusBoard.get('B9')).toBeUndefined();
    expect((await statusBoard.list()).map((s) => s.toolId)).toEqual(['B1', 'B2']);
  });
});
