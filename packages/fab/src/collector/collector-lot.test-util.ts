// A lot through a simulated bonder and the collector into a store, with what the tool itself produced
// to compare against: the scenario both store tests (SQLite, PostgreSQL) run.
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { expect } from 'vitest';
import type { FabStore } from '../store/fab-store.js';
import type { EventRecord } from '../store/records.js';
import type { Collector } from './collector.js';
import type { TestSink, TestTool } from './collector.test-util.js';

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
export async function untilLotStored(store: FabStore, collector: Collector, lotId: string, logged: readonly string[] = []): Promise<void> {
  await until(
    async () => {
      const lot = await store.getLot(lotId);
      return lot.ok && lot.value.lot.endedMs !== undefined && collector.counters().pending === 0;
    },
    `lot ${lotId} ended in the store`,
    { timeoutMs: TEST_DEADLINE_MS, detail: () => `${JSON.stringify(collector.counters())}\n${logged.slice(0, 20).join('\n')}` },
  );
}

/** Each pair the tool made is stored once, with its result and its three maps as the tool had them. */
export async function expectPairsStored(store: FabStore, toolId: string, pairs: readonly ToolPair[]): Promise<void> {
  const listed = await store.listPairs({ toolId, limit: 1000 });
  if (!listed.ok) throw new Error(listed.issues[0]?.message);
  expect(listed.value.items.map((i) => i.pair.id).sort()).toEqual(pairs.map((p) => p.pairId).sort());
  for (const p of pairs) {
    const got = await store.getPair(p.pairId);
    if (!got.ok) throw new Error(got.issues[0]?.message);
    const { pair, result } = got.value;
    expect(pair).toMatchObject({ lotId: p.lotId, topId: p.topId, bottomId: p.bottomId, stackId: p.stackId, recipe: p.recipe });
    expect(result?.yield).toBeCloseTo(p.yield, 12);
    const sites = p.metrology.sites.flatMap((s) => [s.X, s.Y, s.dx, s.dy]);
    expect(result?.overlayMap?.dims).toEqual([p.metrology.sites.length, 4]);
    expect(Array.from(result?.overlayMap?.data ?? [])).toEqual(sites);
    expect(result?.voidMap?.dims).toEqual([p.metrology.voids.length, 4]);
    expect(Array.from(result?.voidMap?.data ?? []).filter((_, i) => i % 4 === 2)).toEqual(p.metrology.voids.map((v) => v.diameterUm));
    const die = p.metrology.dieYield;
    expect(result?.dieYieldMap?.dims).toEqual([die.rows, die.cols]);
    expect(result?.dieYieldMap?.data).toEqual(die.causes);
  }
}

/** No event stored twice (the tool's DATAIDs are unique), and first deliveries came in DATAID order. */
export function expectEventsOnceInOrder(sink: TestSink, stored: readonly EventRecord[]): void {
  const ids = stored.map((e) => e.dataId);
  expect(new Set(ids).size).toBe(ids.length);
  const seen = new Set<number>();
  const firsts: number[] = [];
  for (const r of sink.written) {
    if (r.type !== 'event' || seen.has(r.dataId)) continue;
    seen.add(r.dataId);
    firsts.push(r.dataId);
  }
  expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  expect(seen.size).toBe(ids.length);
}
