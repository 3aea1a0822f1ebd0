// A lot through a simulated bonder and the collector into a store, with what the tool itself produced
// to compare against: the scenario both store tests (SQLite, PostgreSQL) run.
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { expect } from 'vitest';
import type { FabConfig } from '../config/fab-config.js';
import type { FabStore } from '../store/fab-store.js';
import type { EventRecord } from '../store/records.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { type Collector, startCollector } from './collector.js';
import {
  exampleConfig,
  memoryBoard,
  startTestTool,
  storeSink,
  type TestSink,
  type TestTool,
} from './collector.test-util.js';

export type Cleanups = (() => Promise<void> | void)[];

/**
 * A migrated SQLite store at `path`, closed by `cleanups`; synchronous NORMAL (the tests need no
 * power-loss durability) unless told otherwise.
 */
export async function migratedSqlite(
  path: string,
  cleanups: Cleanups,
  synchronous: 'normal' | 'full' = 'normal',
): Promise<FabStore> {
  const r = await openSqliteStore({ path, synchronous });
  if (!r.ok) throw new Error(r.issues[0]?.message);
  cleanups.push(() => r.value.close());
  const m = await r.value.migrate();
  if (!m.ok) throw new Error(m.issues[0]?.message);
  return r.value;
}

/** A collector for `tool` (examples/fab/fab.yaml's B1) into `store`, once it has set the tool up. */
export async function collectInto(
  tool: TestTool,
  store: FabStore,
  cleanups: Cleanups,
  collectorOverrides: Partial<FabConfig['collector']> = {},
) {
  const board = memoryBoard();
  const sink = storeSink(store);
  const config = await exampleConfig(tool.port, { collector: collectorOverrides });
  const logged: string[] = [];
  const started = await startCollector({
    config,
    sink,
    statusBoard: board,
    log: (i) => logged.push(`${i.code}: ${i.message}`),
  });
  if (!started.ok) throw new Error(started.issues[0]?.message);
  const collector: Collector = started.value;
  cleanups.push(() => collector.close());
  await until(
    async () => (await board.get('B1'))?.link === 'communicating',
    'the collector set the tool up',
    {
      detail: () => logged.join('\n'),
    },
  );
  return { collector, board, sink, logged };
}

/** A lot of 4 pairs through the collector into `store`: each part checked against what the tool made. */
export async function storesALot(toolDir: string, store: FabStore, cleanups: Cleanups): Promise<void> {
  const tool = await startTestTool(toolDir);
  cleanups.push(() => tool.close());
  const { collector, board, sink, logged } = await collectInto(tool, store, cleanups);
  const pairs: ToolPair[] = [];
  cleanups.push(toolPairs(tool, pairs));
  await runLot(tool, 'LOT-A', 4);
  await untilLotStored(store, collector, 'LOT-A', logged);

  await expectPairsStored(store, 'B1', pairs);
  const events = await allEvents(store, 'B1');
  await expectEventsOnceInOrder(sink, store);
  const names = new Set(events.map((e) => e.name));
  for (const n of ['LotStarted', 'PairResult', 'LotEnded', 'ProcessStateChanged', 'BonderStepEnded'])
    expect(names).toContain(n);
  const pr = events.filter((e) => e.name === 'PairResult');
  expect(pr).toHaveLength(4);
  expect(pr[0]?.data).toMatchObject({
    LotId: 'LOT-A',
    PairId: pairs[0]?.pairId,
    PairRecipe: tool.tool.config.defaultRecipe,
  });
  expect(typeof pr[0]?.data.Clock).toBe('string');
  const lot = await store.getLot('LOT-A');
  if (!lot.ok) throw new Error(lot.issues[0]?.message);
  expect(lot.value.lot).toMatchObject({ toolId: 'B1', plannedPairs: 4, outcome: 'completed' });
  expect(lot.value.substrates).toHaveLength(12);
  const t = await store.getTool('B1');
  if (!t.ok) throw new Error(t.issues[0]?.message);
  expect(t.value.tool).toMatchObject({ name: 'Bonder 1', organisationId: 'maker-a', port: tool.port });
  expect(t.value.modules.map((m) => m.kind)).toContain('bonder');
  expect(await board.get('B1')).toMatchObject({
    link: 'communicating',
    control: 'online-remote',
    processing: 'idle',
  });
  const c = collector.counters();
  expect(c).toMatchObject({ pending: 0, rejected: 0, reconnects: 0 });
  expect(c.stored).toBeGreaterThanOrEqual(c.received);
}

/** Every stored event of a tool, in stored order. */
export async function allEvents(store: FabStore, toolId: string): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await store.listEvents({ toolId, limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) throw new Error(page.issues[0]?.message);
    out.push(...page.value.items);
    if (page.value.nextCursor === undefined) return out;
    cursor = page.value.nextCursor;
  }
}

/** Pairs the tool reported (its own records), collected from its controller. */
export function toolPairs(t: TestTool, into: ToolPair[]): () => void {
  return t.tool.controller.on('pair-result', (p) => into.push(p));
}

/** Start a lot on the tool; resolves when the tool ended it. */
export function runLot(t: TestTool, lotId: string, pairs: number): Promise<unknown> {
  const started = t.tool.controller.start({ lotId, recipe: t.tool.config.defaultRecipe, pairs });
  if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('; '));
  return started.value.done;
}

/** Wait until the collector stored the tool's LotEnded of `lotId` and has nothing pending. */
export async function untilLotStored(
  store: FabStore,
  collector: Collector,
  lotId: string,
  logged: readonly string[] = [],
): Promise<void> {
  await until(
    async () => {
      const lot = await store.getLot(lotId);
      return lot.ok && lot.value.lot.endedMs !== undefined && collector.counters().pending === 0;
    },
    `lot ${lotId} ended in the store`,
    {
      timeoutMs: TEST_DEADLINE_MS,
      detail: () => `${JSON.stringify(collector.counters())}\n${logged.slice(0, 20).join('\n')}`,
    },
  );
}

/** Each pair the tool made is stored once, with its result and its three maps as the tool had them. */
export async function expectPairsStored(
  store: FabStore,
  toolId: string,
  pairs: readonly ToolPair[],
): Promise<void> {
  const listed = await store.listPairs({ toolId, limit: 1000 });
  if (!listed.ok) throw new Error(listed.issues[0]?.message);
  expect(listed.value.items.map((i) => i.pair.id).sort()).toEqual(pairs.map((p) => p.pairId).sort());
  for (const p of pairs) {
    const got = await store.getPair(p.pairId);
    if (!got.ok) throw new Error(got.issues[0]?.message);
    const { pair, result } = got.value;
    expect(pair).toMatchObject({
      lotId: p.lotId,
      topId: p.topId,
      bottomId: p.bottomId,
      stackId: p.stackId,
      recipe: p.recipe,
    });
    expect(result?.yield).toBeCloseTo(p.yield, 12);
    const sites = p.metrology.sites.flatMap((s) => [s.X, s.Y, s.dx, s.dy]);
    expect(result?.overlayMap?.dims).toEqual([p.metrology.sites.length, 4]);
    expect(Array.from(result?.overlayMap?.data ?? [])).toEqual(sites);
    expect(result?.voidMap?.dims).toEqual([p.metrology.voids.length, 4]);
    expect(Array.from(result?.voidMap?.data ?? []).filter((_, i) => i % 4 === 2)).toEqual(
      p.metrology.voids.map((v) => v.diameterUm),
    );
    const die = p.metrology.dieYield;
    expect(result?.dieYieldMap?.dims).toEqual([die.rows, die.cols]);
    expect(result?.dieYieldMap?.data).toEqual(die.causes);
  }
}

/**
 * No event stored twice (the tool's DATAIDs are unique), every event the sink took is stored, and the
 * first deliveries came in DATAID order (the spool before what the tool raised after the reconnect).
 */
export async function expectEventsOnceInOrder(sink: TestSink, store: FabStore): Promise<void> {
  // Events keep coming after a lot (state changes): judge what was written before the store is read.
  const written = sink.written.slice();
  const stored = await allEvents(store, 'B1');
  const ids = stored.map((e) => e.dataId);
  const twice = stored.filter((e) => ids.indexOf(e.dataId) !== ids.lastIndexOf(e.dataId));
  expect(twice).toEqual([]);
  const storedIds = new Set(ids);
  const seen = new Set<number>();
  const firsts: number[] = [];
  for (const r of written) {
    if (r.type !== 'event' || seen.has(r.dataId)) continue;
    seen.add(r.dataId);
    firsts.push(r.dataId);
  }
  expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  expect(firsts.filter((id) => !storedIds.has(id))).toEqual([]);
}
