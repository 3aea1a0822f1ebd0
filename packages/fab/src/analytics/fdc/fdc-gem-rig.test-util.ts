// FDC end to end over GEM, for fdc-gem.test.ts: two simulated Bondline bonders (@bondline/tool) paced
// against real time, B1 with every fault point off and B2 with the silent plasma air leak PL-VAC-037
// firing at its first step (it stays until maintenance); the collector on both GEM ports, with the
// example plan (step start and end events, an S2F23 trace of the plasma and clean trace variables)
// traced every 10 ms; the embedded pipeline into a SQLite store; the FDC service on the committed
// records, writing through the pipeline's sink; and the API on the store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { loadCatalogue, openSimulatedTool, type SimulatedTool, startToolEquipment } from '@bondline/tool';
import type { FastifyInstance } from 'fastify';
import { buildFabApi } from '../../api/fab-api.js';
import { createEmbeddedPipeline } from '../../bus/embedded-pipeline.js';
import { type Collector, startCollector } from '../../collector/collector.js';
import { exampleConfig } from '../../collector/collector.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord } from '../../store/records.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { FdcService } from './fdc-service.js';

/** Virtual time per real time: a 30 s plasma step lasts 300 ms, 30 trace samples at 10 ms. */
const FACTOR = 100;
const TRACE_PERIOD_MS = 10;

export interface FdcRig {
  readonly store: FabStore;
  readonly api: FastifyInstance;
  readonly fdc: FdcService;
  readonly collector: Collector;
  /** Every fdc-fault record the live feed carried (what /api/stream sends). */
  readonly streamed: FabRecord[];
  /** Run a lot of `pairs` on `tool` (B1 golden, B2 with the leak) and wait until it is stored. */
  lot(tool: 'B1' | 'B2', lotId: string, pairs: number): Promise<void>;
  /** Messages the collector and the FDC service logged. */
  readonly logged: string[];
  close(): Promise<void>;
}

/** A fault profile with every point off but `on` (firing at every step), written to `dir`. */
async function profile(dir: string, name: string, on: readonly string[]): Promise<string> {
  const catalogue = await loadCatalogue();
  if (!catalogue.ok) throw new Error(catalogue.issues.map((i) => i.message).join('; '));
  const lines = catalogue.value.points.map((p) => `  ${p.id}: { perStep: ${on.includes(p.id) ? 1 : 0} }`);
  const path = join(dir, `${name}.yaml`);
  await writeFile(path, `name: ${name}\nrates:\n${lines.join('\n')}\n`);
  return path;
}

export async function startFdcRig(seed: number): Promise<FdcRig> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-fdc-'));
  const closing: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const c of closing.splice(0).reverse()) await c();
  };
  try {
    const tools = new Map<string, SimulatedTool>();
    const ports = new Map<string, number>();
    for (const [id, points] of [
      ['B1', []],
      ['B2', ['PL-VAC-037']],
    ] as const) {
      const opened = await openSimulatedTool({
        stateDir: join(dir, id),
        seed: seed + tools.size,
        profile: await profile(dir, `fdc-${id.toLowerCase()}`, points),
        pacing: { mode: 'factor', factor: FACTOR },
      });
      if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
      const tool = opened.value;
      closing.push(() => tool.close());
      const gem = await startToolEquipment(tool, { port: 0 });
      if (!gem.ok) throw new Error(gem.issues.map((i) => i.message).join('; '));
      closing.push(() => gem.value.close());
      tools.set(id, tool);
      ports.set(id, gem.value.port);
    }
    const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite'), synchronous: 'normal' });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    closing.push(() => store.close());
    const migrated = await store.migrate();
    if (!migrated.ok) throw new Error(migrated.issues[0]?.message);
    const pipeline = createEmbeddedPipeline(store);
    closing.push(() => pipeline.close());

    const base = await exampleConfig(ports.get('B1') ?? 0);
    const b1 = base.tools[0];
    if (b1 === undefined) throw new Error('the example has no tool');
    const plan = {
      ...b1.plan,
      trace: b1.plan.trace.map((t) => ({ ...t, periodMs: TRACE_PERIOD_MS, groupSize: 5 })),
    };
    const config = {
      ...base,
      tools: [
        { ...b1, plan },
        { ...b1, id: 'B2', name: 'Bonder 2', port: ports.get('B2') ?? 0, plan },
      ],
    };
    const logged: string[] = [];
    const log = (i: { code: string; message: string }) => logged.push(`${i.code}: ${i.message}`);
    const collector = await startCollector({
      config,
      sink: pipeline.sink,
      statusBoard: pipeline.statusBoard,
      log,
    });
    if (!collector.ok) throw new Error(collector.issues[0]?.message);
    closing.push(() => collector.value.close());
    for (const id of ['B1', 'B2']) {
      await until(
        async () => (await pipeline.statusBoard.get(id))?.link === 'communicating',
        `${id} set up`,
        {
          timeoutMs: TEST_DEADLINE_MS,
          detail: () => logged.join('\n'),
        },
      );
    }
    const fdc = new FdcService({ store, sink: pipeline.sink, log });
    const detach = fdc.attach(pipeline.feed);
    closing.push(async () => {
      detach();
      await fdc.idle();
    });
    const streamed: FabRecord[] = [];
    const unsubscribe = pipeline.feed.subscribe((records) => {
      streamed.push(...records.filter((r) => r.type === 'fdc-fault'));
    });
    closing.push(async () => unsubscribe());
    const api = await buildFabApi({ store, feed: pipeline.feed, checkResponses: true });
    closing.push(() => api.close());

    const lot = async (toolId: 'B1' | 'B2', lotId: string, pairs: number): Promise<void> => {
      const tool = tools.get(toolId);
      if (tool === undefined) throw new Error(toolId);
      const started = tool.controller.start({ lotId, recipe: tool.config.defaultRecipe, pairs });
      if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('; '));
      await started.value.done;
      await until(
        async () => {
          const l = await store.getLot(lotId);
          return l.ok && l.value.lot.endedMs !== undefined && collector.value.counters().pending === 0;
        },
        `lot ${lotId} stored`,
        { timeoutMs: TEST_DEADLINE_MS, detail: () => logged.join('\n') },
      );
    };
    return { store, api, fdc, collector: collector.value, streamed, lot, logged, close };
  } catch (e) {
    await close();
    throw e;
  }
}
