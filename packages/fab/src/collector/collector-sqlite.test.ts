// The collector against a simulated Bondline bonder over TCP, into the embedded SQLite store: a lot,
// the link lost mid-lot, the tool restarted with its spool, the store unavailable for a while.
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestTool, tempDir } from './collector.test-util.js';
import {
  type Cleanups,
  collectInto,
  expectEventsOnceInOrder,
  expectPairsStored,
  migratedSqlite,
  runLot,
  storesALot,
  toolPairs,
  untilLotStored,
} from './collector-lot.test-util.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

describe('collector into SQLite', () => {
  it('stores a lot: every event once, decoded by name, the lot, pairs, substrates and maps, the tool status', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    await storesALot(
      join(tmp.dir, 'tool'),
      await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups),
      cleanups,
    );
  });

  it('link lost mid-lot: the tool spools, the collector reconnects and asks for the spool first; nothing lost, nothing twice', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    const store = await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups);
    const { collector, sink, logged } = await collectInto(tool, store, cleanups);
    const pairs: ToolPair[] = [];
    cleanups.push(toolPairs(tool, pairs));
    const done = runLot(tool, 'LOT-L', 6);
    await until(() => pairs.length >= 2, 'two pairs done');
    tool.gem.equipment.session.close(); // the link drops under the tool's feet
    await done;
    await untilLotStored(store, collector, 'LOT-L', logged);
    expect(collector.counters().reconnects).toBeGreaterThanOrEqual(1);
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInOrder(sink, store);
  });

  it('tool restarted mid-lot: what it spooled before the restart arrives after it, then the next lot', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const stateDir = join(tmp.dir, 'tool');
    let tool = await startTestTool(stateDir);
    const port = tool.port;
    const store = await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups);
    const { collector, board, sink, logged } = await collectInto(tool, store, cleanups);
    const pairs: ToolPair[] = [];
    let off = toolPairs(tool, pairs);
    void runLot(tool, 'LOT-R1', 6).catch(() => {});
    await until(() => pairs.length >= 2, 'two pairs done');
    tool.gem.equipment.session.close();
    await until(() => pairs.length >= 4, 'two more pairs done while the link is down (spooled)');
    // The tool reports no pair once its close has begun (it unbinds GEM first, in this same turn).
    off();
    const seen = board.history.length;
    await tool.close();
    const before = pairs.length;
    tool = await startTestTool(stateDir, port, 8);
    cleanups.push(() => tool.close());
    off = toolPairs(tool, pairs);
    cleanups.push(off);
    // The restarted tool is offline until the collector brings it online: a lot before would not be reported.
    await until(
      () => board.history.slice(seen).some((st) => st.link === 'communicating'),
      'the collector set the restarted tool up',
    );
    await runLot(tool, 'LOT-R2', 2);
    await untilLotStored(store, collector, 'LOT-R2', logged);
    expect(pairs.length).toBe(before + 2);
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInOrder(sink, store);
  });

  it('sink unavailable: nothing is acknowledged, the queue stays bounded, the data arrives once it is back', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    const store = await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups);
    const { collector, sink, logged } = await collectInto(tool, store, cleanups, {
      maxPendingMessages: 20,
      stallSeparateMs: 500,
    });
    const pairs: ToolPair[] = [];
    cleanups.push(toolPairs(tool, pairs));
    sink.down = true;
    const writtenBefore = sink.written.length;
    const done = runLot(tool, 'LOT-D', 4);
    await until(() => sink.refusedWhileDown >= 3, 'the sink refused writes');
    let maxPending = 0;
    await until(() => {
      maxPending = Math.max(maxPending, collector.counters().pending);
      return collector.counters().reconnects >= 1 || pairs.length === 4;
    }, 'the link dropped to let the tool spool, or the lot ended');
    // Reading stops at the bound (HSMS maxPrimariesInProgress); the messages of the socket read
    // under way still come in: at most one read (64 KiB) of these reports (160 bytes and more) more.
    expect(maxPending).toBeGreaterThan(0);
    expect(maxPending).toBeLessThanOrEqual(20 + 400);
    // Nothing of the lot stored meanwhile, so nothing of it acknowledged (a write already under way
    // when the sink went down may finish: it holds what came before the lot).
    const meanwhile = sink.written.slice(writtenBefore);
    expect(
      meanwhile.filter((r) => r.type === 'lot' || (r.type === 'event' && r.name === 'LotStarted')),
    ).toEqual([]);
    await done;
    sink.down = false;
    await untilLotStored(store, collector, 'LOT-D', logged);
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInOrder(sink, store);
  });
});
