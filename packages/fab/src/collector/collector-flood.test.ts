// A tool that sends at once on connecting (its reports and events enabled by an earlier collector)
// and more than the collector lets wait before its first setup finished: the session would stop
// reading the tool, the setup's replies with it, until T3. The collector drops the link instead; the
// tool spools, the next connection sets up and asks for the spool; everything is stored once.
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import type { PairRecord as ToolPair } from '@bondline/tool';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCollector } from './collector.js';
import { exampleConfig, memoryBoard, startTestTool, storeSink, tempDir } from './collector.test-util.js';
import {
  type Cleanups,
  collectInto,
  expectEventsOnceInOrder,
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

describe('collector and a tool that floods it before its setup', () => {
  it('drops the link, sets the tool up again and stores every event once', async () => {
    const tmp = tempDir('collector-flood-');
    cleanups.push(tmp.remove);
    const store = await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    // A first collector defines the reports and enables the events; the tool keeps them.
    const first = await collectInto(tool, store, cleanups);
    await first.collector.close();
    await until(() => tool.gem.equipment.session.state !== 'selected', 'the first collector gone');
    // What the tool spooled since (its own state events) is of no interest here: with an empty spool
    // the tool sends at once on the next connection rather than spool behind older messages.
    await tool.gem.equipment.spool?.purge();

    // The tool answers the setup's S2F29 (constants namelist) a second late: time for a flood.
    const session = tool.gem.equipment.session;
    const reply = session.reply.bind(session);
    const slow = vi.spyOn(session, 'reply').mockImplementation((primary, message) => {
      if (primary.stream !== 2 || primary.function !== 29) return reply(primary, message);
      setTimeout(() => {
        // The link may have gone meanwhile: the collector asks again on the next one.
        if (session.state === 'selected') reply(primary, message);
      }, 1000);
    });
    cleanups.push(() => slow.mockRestore());
    // A lot starts the moment the tool communicates with the next collector, while it sets up.
    let lot: Promise<unknown> | undefined;
    const off = tool.gem.equipment.on('communication-state', ({ to }) => {
      if (to === 'communicating' && lot === undefined) lot = runLot(tool, 'FLOOD', 3);
    });
    cleanups.push(off);
    const pairs: ToolPair[] = [];
    cleanups.push(toolPairs(tool, pairs));
    const board = memoryBoard();
    const sink = storeSink(store);
    const logged: string[] = [];
    // T3 of two minutes: a session that stopped reading would wait that long for the setup's replies.
    const config = await exampleConfig(tool.port, {
      collector: { maxPendingMessages: 20 },
      tool: { timers: { t3Ms: 120_000, t5Ms: 1000 } },
    });
    const started = await startCollector({
      config,
      sink,
      statusBoard: board,
      log: (i) => logged.push(`${i.code}: ${i.message}`),
    });
    if (!started.ok) throw new Error(started.issues[0]?.message);
    const collector = started.value;
    cleanups.push(() => collector.close());

    await until(() => lot !== undefined, 'the lot started as the tool communicated');
    await lot;
    await untilLotStored(store, collector, 'FLOOD', logged);
    expect(logged.filter((l) => l.includes('before its setup finished'))).toHaveLength(1);
    await until(
      async () => (await board.get('B1'))?.link === 'communicating',
      'the tool set up on the next connection',
      { timeoutMs: TEST_DEADLINE_MS, detail: () => logged.join('\n') },
    );
    await expectPairsStored(store, 'B1', pairs);
    await expectEventsOnceInOrder(sink, store);
  });
});
