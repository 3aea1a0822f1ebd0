// Pagination: keyset cursors give every row that was there when paging began exactly once, even
// while rows are inserted between pages (before and after the cursor's position), in either order,
// with filters and time ranges.
import type { Result } from '@bondline/core';
import { expect, it } from 'vitest';
import type { FabStore } from '../fab-store.js';
import type { Page, PageQuery } from '../page-cursor.js';
import type { EventRecord, FabRecord } from '../records.js';
import { alarm, ecChange, event, line, lot, lotContents, T0, trace } from '../store-fixtures.test-util.js';
import { type HarnessFactory, withStore } from './fab-store-contract.test-util.js';
import { okValue } from './result-helpers.test-util.js';

/** Park-Miller generator: the interleavings are the same on every run. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const eventKey = (e: EventRecord) => `${e.toolId}/${e.dataId}/${e.ceid}/${e.equipmentTimeMs}`;

/** Every page of a list, calling `between` after each page. */
async function allPages<T>(
  read: (q: PageQuery) => Promise<Result<Page<T>>>,
  query: PageQuery,
  between: () => Promise<void> = async () => undefined,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = okValue(await read(cursor === undefined ? query : { ...query, cursor }));
    out.push(...page.items);
    if (page.nextCursor === undefined) return out;
    cursor = page.nextCursor;
    await between();
  }
  throw new Error('paging did not end');
}

export function paginationContract(factory: HarnessFactory): void {
  for (const order of ['asc', 'desc'] as const) {
    it(`pages events (${order}) with no duplicates and no gaps while events are inserted between pages`, async () => {
      await withStore(factory, async (store) => {
        okValue(await store.writeBatch(line(['B1', 'B2'])));
        const initial = Array.from({ length: 240 }, (_, i) =>
          event(i % 2 === 0 ? 'B1' : 'B2', i, T0 + i * 1000),
        );
        okValue(await store.writeBatch(initial));
        const next = generator(order === 'asc' ? 11 : 29);
        let dataId = 10_000;
        const between = async () => {
          // New events at random times across the whole span: some land before the cursor, some after.
          const batch = [0, 1, 2].map(() => event('B1', dataId++, T0 + Math.floor(next() * 300) * 1000));
          okValue(await store.writeBatch(batch));
        };
        const seen = await allPages((q) => store.listEvents(q), { limit: 7, order }, between);
        const keys = seen.map(eventKey);
        expect(new Set(keys).size).toBe(keys.length);
        for (const e of initial) expect(keys).toContain(eventKey(e));
        const times = seen.map((e) => e.equipmentTimeMs);
        const sorted = [...times].sort((a, b) => (order === 'asc' ? a - b : b - a));
        expect(times).toEqual(sorted);
      });
    });
  }

  it('pages events of one tool within a time range: from inclusive, to exclusive', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1', 'B2'])));
      okValue(await store.writeBatch(Array.from({ length: 100 }, (_, i) => event(i < 50 ? 'B1' : 'B2', i))));
      const q = { toolId: 'B1', fromMs: T0 + 10_000, toMs: T0 + 20_000, limit: 3 };
      const got = await allPages((p) => store.listEvents({ ...q, ...p }), { limit: 3 });
      expect(got.map((e) => e.dataId)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
      const b2 = await allPages((p) => store.listEvents({ toolId: 'B2', ...p }), { limit: 1000 });
      expect(b2).toHaveLength(50);
    });
  });

  it('pages alarms, trace samples and constant changes by time range', async () => {
    await withStore(factory, async (store) => {
      const facts: FabRecord[] = [
        ...Array.from({ length: 30 }, (_, i) => alarm('B1', i)),
        ...Array.from({ length: 30 }, (_, i) => trace('B1', i)),
        ...Array.from({ length: 30 }, (_, i) => ecChange('B1', i)),
      ];
      okValue(await store.writeBatch([...line(['B1']), ...facts]));
      const alarms = await allPages((q) => store.listAlarms({ ...q, fromMs: T0 + 5000, toMs: T0 + 9000 }), {
        limit: 2,
      });
      expect(alarms.map((a) => a.alid - 2_000_000_000)).toEqual([5, 6, 7, 8]);
      const samples = await allPages((q) => store.listTrace({ ...q, traceId: 7, fromMs: T0 + 2500 }), {
        limit: 4,
      });
      expect(samples.map((s) => s.sampleNo)).toEqual(Array.from({ length: 5 }, (_, i) => 26 + i));
      const changes = await allPages((q) => store.listEcChanges({ ...q, ecid: 310, toMs: T0 + 15_000 }), {
        limit: 1,
        order: 'desc',
      });
      expect(changes.map((c) => c.newValue)).toEqual([2, 1, 0]);
      expect(okValue(await store.listTrace({ traceId: 8 })).items).toEqual([]);
    });
  });

  it('pages pairs by tool, by lot and by both, in the order they were stored', async () => {
    await withStore(factory, async (store) => {
      const batch: FabRecord[] = [...line(['B1', 'B2']), lot('L1', 'B1'), lot('L2', 'B2'), lot('L3', 'B1')];
      batch.push(...lotContents('L1', 'B1', 5), ...lotContents('L2', 'B2', 4), ...lotContents('L3', 'B1', 3));
      okValue(await store.writeBatch(batch));
      const ids = async (q: { toolId?: string; lotId?: string }) =>
        (await allPages((p) => store.listPairs({ ...q, ...p }), { limit: 2 })).map((x) => x.pair.id);
      const l1 = ['L1-P1', 'L1-P2', 'L1-P3', 'L1-P4', 'L1-P5'];
      const l3 = ['L3-P1', 'L3-P2', 'L3-P3'];
      expect(await ids({ toolId: 'B1' })).toEqual([...l1, ...l3]);
      expect(await ids({ lotId: 'L2' })).toEqual(['L2-P1', 'L2-P2', 'L2-P3', 'L2-P4']);
      expect(await ids({ toolId: 'B1', lotId: 'L3' })).toEqual(l3);
      expect(await ids({ toolId: 'B2', lotId: 'L3' })).toEqual([]);
      expect(await ids({})).toHaveLength(12);
    });
  });

  it('pages tools by id and lots by start time, ties broken by id', async () => {
    await withStore(factory, async (store) => {
      const tools = ['B10', 'B2', 'A7', 'b1', 'B1'];
      const lots = ['L5', 'L1', 'L3', 'L2', 'L4'].map((id, i) =>
        lot(id, 'B1', { startedMs: i < 3 ? T0 : T0 - 1000 }),
      );
      okValue(await store.writeBatch([...line(tools), ...lots]));
      const toolIds = (await allPages((q) => store.listTools(q), { limit: 2 })).map((t) => t.id);
      // Byte order in both stores (PostgreSQL's text columns are COLLATE "C").
      expect(toolIds).toEqual(['A7', 'B1', 'B10', 'B2', 'b1']);
      const lotIds = (await allPages((q) => store.listLots({ ...q, toolId: 'B1' }), { limit: 2 })).map(
        (l) => l.id,
      );
      expect(lotIds).toEqual(['L2', 'L4', 'L1', 'L3', 'L5']);
      const newest = (await allPages((q) => store.listLots(q), { limit: 3, order: 'desc' })).map((l) => l.id);
      expect(newest).toEqual(['L5', 'L3', 'L1', 'L4', 'L2']);
    });
  });

  it('serves at most 1000 rows a page, and a last page without a cursor', async () => {
    await withStore(factory, async (store: FabStore) => {
      okValue(
        await store.writeBatch([...line(['B1']), ...Array.from({ length: 1001 }, (_, i) => event('B1', i))]),
      );
      const first = okValue(await store.listEvents({ limit: 1000 }));
      expect(first.items).toHaveLength(1000);
      const second = okValue(await store.listEvents({ limit: 1000, cursor: first.nextCursor ?? '' }));
      expect(second.items.map((e) => e.dataId)).toEqual([1001]);
      expect(second.nextCursor).toBeUndefined();
      const exact = okValue(await store.listEvents({ limit: 1000, fromMs: T0 + 1000 }));
      expect(exact.items).toHaveLength(1000);
      expect(exact.nextCursor).toBeUndefined();
    });
  });
}
