// Trace data and constant changes from a simulated Bondline bonder through the collector into SQLite:
// the plan's S2F23 trace comes back as S6F1 groups, stored as one sample each with its values by name;
// an equipment constant changed at the tool (ConstantChanged) is stored with its old and new value.
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { FabStore } from '../store/fab-store.js';
import type { EcChangeRecord, TraceSampleRecord } from '../store/records.js';
import { startCollector } from './collector.js';
import { exampleConfig, memoryBoard, startTestTool, storeSink, tempDir } from './collector.test-util.js';
import { type Cleanups, migratedSqlite } from './collector-lot.test-util.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function traces(store: FabStore): Promise<readonly TraceSampleRecord[]> {
  const r = await store.listTrace({ toolId: 'B1', limit: 1000 });
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value.items;
}

async function ecChanges(store: FabStore): Promise<readonly EcChangeRecord[]> {
  const r = await store.listEcChanges({ toolId: 'B1', limit: 1000 });
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value.items;
}

describe('collector: trace samples and constant changes into SQLite', () => {
  it('stores each trace sample (S2F23 -> S6F1 groups of 2) by name, and each ConstantChanged with old and new value', async () => {
    const tmp = tempDir('collector-');
    cleanups.push(tmp.remove);
    const tool = await startTestTool(join(tmp.dir, 'tool'));
    cleanups.push(() => tool.close());
    const store = await migratedSqlite(join(tmp.dir, 'fab.sqlite'), cleanups);
    const base = await exampleConfig(tool.port);
    const b1 = base.tools[0];
    if (b1 === undefined) throw new Error('no tool');
    const variables = ['PairsDoneTotal', 'ControlState', 'ProcessStateName'];
    const trace = { id: 7, variables, periodMs: 50, samples: 4, groupSize: 2 };
    const config = { ...base, tools: [{ ...b1, plan: { ...b1.plan, trace: [trace] } }] };
    const board = memoryBoard();
    const logged: string[] = [];
    const started = await startCollector({
      config,
      sink: storeSink(store),
      statusBoard: board,
      log: (i) => logged.push(`${i.code}: ${i.message}`),
    });
    if (!started.ok) throw new Error(started.issues[0]?.message);
    cleanups.push(() => started.value.close());
    const detail = () => `${JSON.stringify(started.value.counters())}\n${logged.join('\n')}`;
    await until(async () => (await traces(store)).length === 4, 'four trace samples stored', {
      timeoutMs: TEST_DEADLINE_MS,
      detail,
    });
    const samples = await traces(store);
    expect(samples.map((s) => [s.traceId, s.sampleNo])).toEqual([
      [7, 1],
      [7, 2],
      [7, 3],
      [7, 4],
    ]);
    for (const s of samples) {
      expect(Object.keys(s.values)).toEqual(variables);
      expect(s.values).toMatchObject({ PairsDoneTotal: 0, ControlState: 5, ProcessStateName: 'idle' });
    }
    const times = samples.map((s) => s.equipmentTimeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // An operator's change at the tool (E30): ConstantChanged with ChangedEcid, twice.
    tool.gem.equipment.set('R2R_TX_NM', 12.5);
    await until(async () => (await ecChanges(store)).length === 1, 'the first change stored', { detail });
    tool.gem.equipment.set('R2R_TX_NM', -3.25);
    await until(async () => (await ecChanges(store)).length === 2, 'the second change stored', { detail });
    expect(await ecChanges(store)).toMatchObject([
      { ecid: 2001, name: 'R2R_TX_NM', oldValue: 0, newValue: 12.5, source: 'tool' },
      { ecid: 2001, name: 'R2R_TX_NM', oldValue: 12.5, newValue: -3.25, source: 'tool' },
    ]);
    expect(logged).toEqual([]);
  });
});
