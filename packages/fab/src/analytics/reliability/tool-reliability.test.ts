// The fab's E10 split of a simulated bonder, rebuilt from the events the collector stored, against the
// tool's own E10 tracker (docs/tool.md §6), and the reliability route over it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFabApi } from '../../api/fab-api.js';
import { startTestTool } from '../../collector/collector.test-util.js';
import {
  type Cleanups,
  collectInto,
  migratedSqlite,
  runLot,
  untilLotStored,
} from '../../collector/collector-lot.test-util.js';
import { readToolReliability } from './tool-reliability.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('tool reliability from stored E10 events', () => {
  it("matches the tool's own E10 times per module, and is served at /api/tools/{id}/reliability", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-e10-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const store = await migratedSqlite(join(dir, 'fab.sqlite'), cleanups);
    const tool = await startTestTool(join(dir, 'tool'));
    cleanups.push(() => tool.close());
    const { collector, logged } = await collectInto(tool, store, cleanups);
    await runLot(tool, 'LOT-E10', 3);
    await untilLotStored(store, collector, 'LOT-E10', logged);

    const r = await readToolReliability(store, { toolId: 'B1' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const { split } = r.value;
    expect(split.skipped).toBe(0);
    expect(split.moves).toBeGreaterThan(20);
    const own = tool.tool.controller.e10Figures();
    expect(own.modules.length).toBeGreaterThan(5);
    expect(split.toolEntity).toBe(own.tool.entity);
    expect(split.entities[0]?.metrics.times.productive).toBeCloseTo(own.tool.metrics.times.productive, 3);
    // Every module's productive time happened between its moves: the fab sees all of it.
    for (const m of own.modules) {
      const seen = split.entities.find((e) => e.entity === m.entity);
      expect(seen, m.entity).toBeDefined();
      expect(seen?.gaps, m.entity).toBe(0);
      expect(seen?.metrics.times.productive, m.entity).toBeCloseTo(m.metrics.times.productive, 3);
      expect(seen?.metrics.failures, m.entity).toBe(m.metrics.failures);
    }
    // Without analysed pairs there are no units; the bound comes from the lot's end.
    expect(r.value.units).toBe(0);
    expect(r.value.theoreticalCycleS).toBeGreaterThan(0);
    expect(r.value.oee).toMatchObject({ availabilityEfficiency: 1, rateEfficiency: 0 });

    const app = await buildFabApi({ store, checkResponses: true });
    cleanups.push(() => app.close());
    const ok = await app.inject('/api/tools/B1/reliability?clock=equipment');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ toolId: 'B1', split: { clock: 'equipment', moves: split.moves } });
    const bad = await app.inject('/api/tools/B1/reliability?clock=wall');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ path: 'clock' });
    const range = await app.inject('/api/tools/B1/reliability?from=2&to=1');
    expect(range.json()).toMatchObject({ code: 'bad-range', path: 'to' });
    expect((await app.inject('/api/tools/NOPE/reliability')).statusCode).toBe(404);
  });
});
