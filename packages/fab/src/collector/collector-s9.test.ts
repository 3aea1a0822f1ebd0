// S9 from a tool. A tool configured with the wrong device id answers the collector's S1F13 with S9F1
// (under its own device id): the setup ends at once with a log line that says so, and the collector
// keeps trying with a growing wait instead of hanging until T3. A tool whose T3 runs out on an S6F11
// the collector has not answered yet (the sink is slow) sends S9F9: logged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import {
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  parseModelText,
  recipeDirectory,
} from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFabConfigText } from '../config/fab-config.js';
import type { RecordSink } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';
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

describe('collector and a tool whose T3 runs out', () => {
  it('logs tool-t3-timeout naming the S6F11 the tool gave up on (S9F9), and stores it once the sink takes it', async () => {
    const file = join(import.meta.dirname, '../../../../examples/equipment.yaml');
    const model = parseModelText(readFileSync(file, 'utf8'), { source: file });
    if (!model.ok) throw new Error(model.issues[0]?.message);
    // The equipment waits 1 s for each S6F12 (T3), then reports S9F9 with the S6F11's header.
    const session = new HsmsSession({ sessionId: model.value.deviceId, t3Ms: 1000 });
    const equipment = new GemEquipment({
      model: model.value,
      session,
      recipes: recipeDirectory('/nonexistent'),
    });
    await equipment.start();
    const endpoint = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
    const { port } = await endpoint.listen();
    cleanups.push(async () => {
      equipment.stop();
      await endpoint.close();
    });
    const config = parseFabConfigText(
      [
        'fab: { id: fab, name: Fab }',
        'makers: [{ id: m, name: Maker }]',
        'plans: { default: { events: [{ name: PairBonded, variables: [PairId] }], spool: [] } }',
        `tools: [{ id: T1, name: Tool 1, maker: m, address: 127.0.0.1, port: ${port}, deviceId: ${model.value.deviceId}, timers: { t5Ms: 1000 } }]`,
      ].join('\n'),
      'fab.yaml',
    );
    if (!config.ok) throw new Error(config.issues.map((i) => i.message).join('; '));
    // A sink that holds every write until the test lets it go.
    let hold = true;
    const written: FabRecord[] = [];
    const sink: RecordSink = {
      write: async (records) => {
        await until(() => !hold, 'the test lets the sink go');
        written.push(...records);
        return { ok: true, value: undefined };
      },
    };
    const board = memoryBoard();
    const logged: string[] = [];
    const started = await startCollector({
      config: config.value,
      sink,
      statusBoard: board,
      log: (i) => logged.push(`${i.code}: ${i.message}`),
    });
    if (!started.ok) throw new Error(started.issues[0]?.message);
    const collector = started.value;
    cleanups.push(() => collector.close());
    await until(async () => (await board.get('T1'))?.link === 'communicating', 'the tool set up', {
      detail: () => logged.join('\n'),
    });
    equipment.set('PairId', 'P-1');
    void equipment.triggerEvent(400).catch(() => {}); // PairBonded; its S6F11 waits at the held sink
    await until(() => logged.some((l) => l.startsWith('tool-t3-timeout')), 'the S9F9 logged', {
      detail: () => logged.join('\n'),
    });
    expect(logged.find((l) => l.startsWith('tool-t3-timeout'))).toMatch(
      /^tool-t3-timeout: T1: the tool gave up waiting \(T3\) for our answer to its S6F11 \(system bytes \d+\) \(S9F9\): the sink's commits take longer than the tool's T3$/,
    );
    hold = false;
    await until(
      () => written.some((r) => r.type === 'event' && r.name === 'PairBonded'),
      'the event stored once the sink took it',
    );
  });
});
