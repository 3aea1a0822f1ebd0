// The collector into PostgreSQL (a throwaway database per run, a schema per test, as the store's own
// tests): the lot of the SQLite test, and a link lost mid-lot.
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FabStore } from '../store/fab-store.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres/postgres-test-db.test-util.js';
import { startTestTool, tempDir } from './collector.test-util.js';
import {
  type Cleanups,
  collectInto,
  expectEventsOnceInOrder,
  expectPairsStored,
  runLot,
  storesALot,
  toolPairs,
  untilLotStored,
} from './collector-lot.test-util.js';

let db: TestDatabase | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function postgres(): Promise<FabStore> {
  if (db === undefined) throw new Error('the test database was not created (see the beforeAll error above)');
  const h = await db.harness();
  cleanups.push(() => h.cleanup());
  const store = await h.open();
  const m = await store.migrate();
  if (!m.ok) throw new Error(m.issues[0]?.message);
  return store;
}

describe('collector into PostgreSQL', () => {
  it('stores a lot: every event once, decoded by name, the lot, pairs, substrates and maps, the tool status', async () => {
    const tmp = tempDir('collector-pg-');
    cleanups.push(tmp.remove);
    await storesALot(join(tmp.dir, 'tool'), await postgres(), cleanups);
  });

  it('link lost mid-lot: spool first after the reconnect, nothing lost, nothing twice', async () => {
    const tmp = tempDir('collector-pg-');
    cleanups.push(tmp.remove);
    const store = await postgres();
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    const { collector, sink, logged } = await collectInto(tool, store, cleanups);
    const pairs: ToolPair[] = [];
    cleanups.push(toolPairs(tool, pairs));
    const done = runLot(tool, 'LOT-PL', 5);
    await until(() => pairs.length >= 2, 'two pairs done');
    tool.gem.equipment.session.close();
    await done;
    await untilLotStored(store, collector, 'LOT-PL', logged);
    expect(collector.counters().reconnects).toBeGreaterThanOrEqual(1);
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInOrder(sink, store);
  });
});
