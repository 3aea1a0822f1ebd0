// The collector stopped mid-lot and started again on the same SQLite store: closed (Separate), and
// killed with SIGKILL in a process of its own. The tool spools meanwhile; at the end every pair and
// every event is stored once, the events in the tool's order (DATAID) with the spool first.
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { afterEach, describe, expect, it } from 'vitest';
import type { FabStore } from '../store/fab-store.js';
import { startTestTool, type TestTool, tempDir } from './collector.test-util.js';
import { startChildCollector } from './collector-child.test-util.js';
import {
  allEvents,
  type Cleanups,
  collectInto,
  expectPairsStored,
  migratedSqlite,
  runLot,
  toolPairs,
  untilLotStored,
} from './collector-lot.test-util.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

/**
 * Every event of B1 once, in the tool's order: listed by equipment time (then insertion), the DATAIDs
 * rise strictly. Not without gaps: the tool's S6F16 answers to the collector's S6F15 (a restarted
 * collector checks the reports the tool holds) take DATAIDs from the same counter. That no event is
 * lost is counted message by message in packages/cli/src/commands/fab-collect-kill.test.ts.
 */
async function expectEventsOnceInToolOrder(store: FabStore): Promise<void> {
  const ids = (await allEvents(store, 'B1')).map((e) => e.dataId);
  expect(ids.length).toBeGreaterThan(0);
  const notRising = ids.filter((id, i) => i > 0 && id <= (ids[i - 1] ?? 0));
  expect(notRising).toEqual([]);
}

/** Two pairs done with the collector up, then `stop` it; two more pairs done while none runs. */
async function stopMidLot(tool: TestTool, pairs: ToolPair[], lotId: string, stop: () => Promise<void>) {
  const done = runLot(tool, lotId, 6);
  await until(() => pairs.length >= 2, 'two pairs done');
  await stop();
  await until(() => pairs.length >= 4, 'two more pairs done while no collector runs (spooled)', {
    timeoutMs: TEST_DEADLINE_MS,
  });
  return done;
}

describe('collector restarted mid-lot on the same SQLite store', () => {
  it('closed, then started again: the spool arrives first; every pair and event once, in order', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    const store = await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups, 'full');
    const pairs: ToolPair[] = [];
    cleanups.push(toolPairs(tool, pairs));
    const first = await collectInto(tool, store, []);
    const done = await stopMidLot(tool, pairs, 'LOT-C', () => first.collector.close());
    const second = await collectInto(tool, store, cleanups);
    await done;
    await untilLotStored(store, second.collector, 'LOT-C', second.logged);
    expect(pairs).toHaveLength(6);
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInToolOrder(store);
  });

  it('killed with SIGKILL in its own process, then started again: every pair and event once, in order', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    const path = join(tmp.dir, 'fab.sqlite');
    const child = await startChildCollector({ port: tool.port, sqlitePath: path });
    cleanups.push(() => void child.kill('SIGKILL'));
    const pairs: ToolPair[] = [];
    cleanups.push(toolPairs(tool, pairs));
    const done = await stopMidLot(tool, pairs, 'LOT-K', async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    });
    const store = await migratedSqlite(path, cleanups, 'full');
    const again = await collectInto(tool, store, cleanups);
    await done;
    await untilLotStored(store, again.collector, 'LOT-K', again.logged);
    expect(pairs).toHaveLength(6);
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInToolOrder(store);
  });
});
