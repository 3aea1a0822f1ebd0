// A lot from the simulated bonder over GEM through the collector into each store ends with an analysis
// of every pair, in both layouts: embedded (the collector's sink is the group-commit pipeline on SQLite,
// the analyser on its feed: what `bondline fab up` runs) and scaled (the collector publishes on NATS
// JetStream, a store writer commits into PostgreSQL and hands its commits to the analyser beside it:
// what `bondline fab store` runs). The analyser's default product is the simulated tool's own model.
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteTestBus,
  openTestBus,
  tempSqliteStore,
  testBusNames,
} from '../../bus/bus-testing.test-util.js';
import { createEmbeddedPipeline } from '../../bus/embedded-pipeline.js';
import { InProcessFeed } from '../../bus/in-process-feed.js';
import { startCollector } from '../../collector/collector.js';
import { exampleConfig, memoryBoard, startTestTool, tempDir } from '../../collector/collector.test-util.js';
import { runLot, toolPairs, untilLotStored } from '../../collector/collector-lot.test-util.js';
import { loadProductBonds } from '../../config/product-bonds.js';
import type { LiveFeed, RecordSink } from '../../pipeline/seams.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import { createTestDatabase, type TestDatabase } from '../../store/postgres/postgres-test-db.test-util.js';
import { analysePair } from './analyse-pair.js';
import { faultPointsOf, PAIR_ANALYSIS_VERSION, startPairAnalyser } from './pair-analyser.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let db: TestDatabase | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** Collect a 4-pair lot of a simulated bonder into `sink`; wait until `store` holds it; the tool's pairs. */
async function lotThrough(sink: RecordSink, store: FabStore, feed: LiveFeed): Promise<ToolPair[]> {
  const tmp = tempDir('pair-analyser-lot-');
  cleanups.push(tmp.remove);
  const tool = await startTestTool(join(tmp.dir, 'tool'));
  cleanups.push(() => tool.close());
  const bonds = okValue(await loadProductBonds({ tools: [] }));
  // The default product is the simulated tool's shipped model (examples/tool/bond.yaml).
  expect(bonds.bondFor('B1')).toEqual(tool.tool.config.bond);
  const analyser = startPairAnalyser({ store, feed, bondFor: bonds.bondFor });
  cleanups.push(() => analyser.close());
  const board = memoryBoard();
  const logged: string[] = [];
  const collector = okValue(
    await startCollector({
      config: await exampleConfig(tool.port),
      sink,
      statusBoard: board,
      log: (i) => logged.push(i.message),
    }),
  );
  cleanups.push(() => collector.close());
  await until(
    async () => (await board.get('B1'))?.link === 'communicating',
    'the collector set the tool up',
    {
      detail: () => logged.join('\n'),
    },
  );
  const pairs: ToolPair[] = [];
  cleanups.push(toolPairs(tool, pairs));
  await runLot(tool, 'LOT-AN', 4);
  await untilLotStored(store, collector, 'LOT-AN', logged);
  await until(async () => analyser.counters().stored === 4, 'an analysis of every pair stored', {
    detail: () => JSON.stringify(analyser.counters()),
  });
  expect(analyser.counters()).toMatchObject({ failed: 0, skipped: 0 });
  return pairs;
}

async function expectEveryPairAnalysed(store: FabStore, pairs: readonly ToolPair[]): Promise<void> {
  expect(pairs).toHaveLength(4);
  expect(okValue(await store.pairsToAnalyse({ version: PAIR_ANALYSIS_VERSION }))).toEqual([]);
  let dies = 0;
  let good = 0;
  for (const p of pairs) {
    const stored = okValue(await store.getPairAnalysis(p.pairId));
    const { result } = okValue(await store.getPair(p.pairId));
    if (result === undefined) throw new Error(`pair ${p.pairId} has no result`);
    const bonds = okValue(await loadProductBonds({ tools: [] }));
    expect(stored.analysis).toEqual(analysePair(result, { bond: bonds.bondFor('B1') }));
    expect(stored.analysis.issues).toEqual([]);
    expect(stored.faultPoints).toEqual(faultPointsOf(result));
    expect(stored.figures.voidCount).toBe(p.metrology.voids.length);
    dies += stored.figures.dies ?? 0;
    good += stored.figures.goodDies ?? 0;
  }
  const summary = okValue(await store.yieldSummary({ toolId: 'B1' }));
  expect(summary.groups.map((g) => [g.key, g.figures.pairs])).toEqual([['LOT-AN', 4]]);
  expect(summary.total).toMatchObject({ dies, goodDies: good });
}

describe('a lot through the collector ends with an analysis of every pair', () => {
  it('embedded: group-commit pipeline into SQLite, the analyser on its feed', async () => {
    const s = await tempSqliteStore();
    cleanups.push(s.cleanup);
    const pipeline = createEmbeddedPipeline(s.store);
    cleanups.push(() => pipeline.close());
    const pairs = await lotThrough(pipeline.sink, s.store, pipeline.feed);
    await expectEveryPairAnalysed(s.store, pairs);
  });

  it('scaled: NATS JetStream, a store writer into PostgreSQL handing its commits to the analyser', async () => {
    if (db === undefined)
      throw new Error('the test database was not created (see the beforeAll error above)');
    const h = await db.harness();
    cleanups.push(() => h.cleanup());
    const store = await h.open();
    okValue(await store.migrate());
    const names = testBusNames();
    cleanups.push(() => deleteTestBus(names));
    const bus = await openTestBus(names);
    cleanups.push(() => bus.close());
    const commits = new InProcessFeed();
    const writer = okValue(
      await bus.startStoreWriter(store, { durable: 'an', onCommitted: (records) => commits.emit(records) }),
    );
    cleanups.push(() => writer.stop());
    const pairs = await lotThrough(bus.sink(), store, commits);
    await expectEveryPairAnalysed(store, pairs);
  });
});
