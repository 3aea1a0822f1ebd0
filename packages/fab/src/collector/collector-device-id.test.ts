// A tool configured with the wrong device id: the tool answers the collector's S1F13 with S9F1 (under
// its own device id), the setup ends at once with a log line that says so, and the collector keeps
// trying with a growing wait instead of hanging until T3.
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector } from './collector.js';
import { exampleConfig, memoryBoard, startTestTool, tempDir } from './collector.test-util.js';
import type { Cleanups } from './collector-lot.test-util.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

describe('collector and a tool of another device id', () => {
  it('logs wrong-device-id (S9F1, both ids) at once, not after T3, and retries with a doubling wait', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    // T3 of 2 minutes (the most E37 allows): a setup that waited for it would log nothing within the test's deadline.
    const config = await exampleConfig(tool.port, {
      tool: { deviceId: 7, timers: { t3Ms: 120_000, t5Ms: 1000 } },
    });
    const board = memoryBoard();
    const logged: string[] = [];
    const started = await startCollector({
      config,
      sink: { write: async () => ({ ok: true, value: undefined }) },
      statusBoard: board,
      log: (i) => logged.push(`${i.code}: ${i.message}`),
    });
    if (!started.ok) throw new Error(started.issues[0]?.message);
    const collector = started.value;
    cleanups.push(() => collector.close());
    await until(
      () => logged.filter((l) => l.startsWith('wrong-device-id')).length >= 2,
      'two attempts logged',
      {
        detail: () => logged.join('\n'),
      },
    );
    const [first, second] = logged.filter((l) => l.startsWith('wrong-device-id'));
    expect(first).toMatch(
      new RegExp(
        `^wrong-device-id: B1: the tool at 127\\.0\\.0\\.1:${tool.port} does not answer to device id 7 \\(the tool speaks as device 0\\); check deviceId in the configuration: equipment answered S1F13 \\(system bytes \\d+\\) with S9F1 \\(unrecognized device id\\); the equipment is device 0, this host uses device id 7; next attempt in 1\\.0 s$`,
      ),
    );
    expect(second).toMatch(/; next attempt in 2\.0 s$/);
    expect(logged.filter((l) => l.startsWith('setup-failed'))).toEqual([]);
    expect(board.history.some((s) => s.link === 'communicating')).toBe(false);
    expect(collector.counters()).toMatchObject({ received: 0, stored: 0 });
  });
});
