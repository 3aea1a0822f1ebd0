// The R2R loop end to end, for the tests and the bench (bench/r2r-loop.bench.ts): a simulated Bondline
// bonder (@bondline/tool) paced against real time, whose only active fault points are silent overlay
// drifts; the collector on its GEM port into a SQLite store through the embedded pipeline; and, with
// the loop on, the R2R service on the committed records, sending S2F15 back over the collector's link.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { loadCatalogue, openSimulatedTool, type PairRecord, startToolEquipment } from '@bondline/tool';
import { createEmbeddedPipeline } from '../../bus/embedded-pipeline.js';
import { startCollector } from '../../collector/collector.js';
import { exampleConfig } from '../../collector/collector.test-util.js';
import type { R2rActionRecord } from '../../store/records.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { r2rContextKey } from './r2r-context.js';
import { R2rService } from './r2r-service.js';
import { type R2rSettingsFile, r2rSettingsSchema } from './r2r-settings.js';

/**
 * Silent bonder fault points of the shipped catalogue (examples/tool/faults.yaml) that shift overlay
 * and stay active until maintenance: X encoder drift (Tx +150 nm), stage yaw drift (Rot +2 µrad),
 * chuck temperature mismatch (Mag +1.25 ppm).
 */
const DRIFT_POINTS = ['BD-STAGE-043', 'BD-STAGE-045', 'BD-CHUCK-048'] as const;

const CARRIER_SLOTS = 25;

export interface LoopOptions {
  /** Pairs in all, run as lots of at most 25 (a carrier's slots). */
  readonly pairs: number;
  readonly seed: number;
  /** 'off': no R2R service; 'on': the loop; 'held': the service with the context held from the start. */
  readonly loop: 'off' | 'on' | 'held';
  /** Virtual time per real time (default 600: a pair about every 0.25 s). */
  readonly factor?: number;
  /** The `r2r:` block (default: enabled, EWMA w 0.5, the defaults of r2r-settings.ts). */
  readonly settings?: unknown;
  /** Probability per bond step that each drift point fires (default 0.2: on within the first pairs). */
  readonly driftPerStep?: number;
}

interface OverlayFigure {
  readonly mean: number;
  readonly sigma: number;
  /** |mean| + 3 sigma, nm. */
  readonly m3s: number;
}

export interface LoopRun {
  /** Over every metrology site of every pair: dx and dy, nm. */
  readonly x: OverlayFigure;
  readonly y: OverlayFigure;
  /** The tool's own fitted terms of each pair, in order. */
  readonly pairs: readonly PairRecord[];
  readonly actions: readonly R2rActionRecord[];
  readonly contextKey: string;
  /** Real time of the lot, s. */
  readonly seconds: number;
  /** The tool's R2R offsets after the lot. */
  readonly finalOffsets: { Tx: number; Ty: number; Rot: number; Mag: number };
}

function figure(values: readonly number[]): OverlayFigure {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sigma = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sigma, m3s: Math.abs(mean) + 3 * sigma };
}

/** A fault profile with every point off but the drift points, written to `dir`. */
async function driftProfile(dir: string, perStep: number): Promise<string> {
  const catalogue = await loadCatalogue();
  if (!catalogue.ok) throw new Error(catalogue.issues.map((i) => i.message).join('; '));
  const drift = new Set<string>(DRIFT_POINTS);
  const lines = catalogue.value.points.map((p) => `  ${p.id}: { perStep: ${drift.has(p.id) ? perStep : 0} }`);
  const path = join(dir, 'drift.yaml');
  await writeFile(path, `name: r2r-drift\nrates:\n${lines.join('\n')}\n`);
  return path;
}

/** Run one lot of `pairs` through the rig; everything it started is closed before it returns. */
export async function runLoop(o: LoopOptions): Promise<LoopRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-r2r-'));
  const closing: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  try {
    const profile = await driftProfile(dir, o.driftPerStep ?? 0.2);
    const opened = await openSimulatedTool({
      stateDir: join(dir, 'tool'),
      seed: o.seed,
      profile,
      pacing: { mode: 'factor', factor: o.factor ?? 600 },
    });
    if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
    const tool = opened.value;
    closing.push(() => tool.close());
    const gem = await startToolEquipment(tool, { port: 0 });
    if (!gem.ok) throw new Error(gem.issues.map((i) => i.message).join('; '));
    closing.push(() => gem.value.close());

    const store = await openSqliteStore({ path: join(dir, 'fab.sqlite'), synchronous: 'normal' });
    if (!store.ok) throw new Error(store.issues[0]?.message);
    closing.push(() => store.value.close());
    const migrated = await store.value.migrate();
    if (!migrated.ok) throw new Error(migrated.issues[0]?.message);
    const pipeline = createEmbeddedPipeline(store.value);
    closing.push(() => pipeline.close());
    const config = await exampleConfig(gem.value.port);
    const logged: string[] = [];
    const collector = await startCollector({
      config,
      sink: pipeline.sink,
      statusBoard: pipeline.statusBoard,
      log: (i) => logged.push(`${i.code}: ${i.message}`),
    });
    if (!collector.ok) throw new Error(collector.issues[0]?.message);
    closing.push(() => collector.value.close());
    await until(async () => (await pipeline.statusBoard.get('B1'))?.link === 'communicating', 'tool set up', {
      timeoutMs: TEST_DEADLINE_MS,
      detail: () => logged.join('\n'),
    });

    const recipe = tool.config.defaultRecipe;
    const contextKey = r2rContextKey({ toolId: 'B1', recipe, product: 'default' });
    let service: R2rService | undefined;
    if (o.loop !== 'off') {
      const settings: R2rSettingsFile = r2rSettingsSchema.parse(o.settings ?? { enabled: true });
      const s = new R2rService({
        settings,
        store: store.value,
        tools: collector.value,
        toolIds: ['B1'],
        log: (i) => logged.push(`${i.code}: ${i.message}`),
      });
      service = s;
      closing.push(pipeline.feed.subscribe((r) => s.ingest(r)) as () => Promise<void>);
      if (o.loop === 'held') {
        const held = await s.hold(contextKey, 'the test holds the context');
        if (!held.ok) throw new Error(held.issues[0]?.message);
      }
    }

    const pairs: PairRecord[] = [];
    const off = tool.controller.on('pair-result', (p) => pairs.push(p));
    closing.push(async () => off());
    const t0 = performance.now();
    // A carrier holds 25 pairs: a longer run is lots of 25 back to back, one context throughout.
    const lots: string[] = [];
    for (let done = 0; done < o.pairs; done += CARRIER_SLOTS) {
      const lotId = `LOT-R2R-${lots.length + 1}`;
      lots.push(lotId);
      const n = Math.min(CARRIER_SLOTS, o.pairs - done);
      const started = tool.controller.start({ lotId, recipe, pairs: n });
      if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('; '));
      await started.value.done;
    }
    const seconds = (performance.now() - t0) / 1000;
    await until(
      async () => {
        const lot = await store.value.getLot(lots.at(-1) ?? '');
        return lot.ok && lot.value.lot.endedMs !== undefined && collector.value.counters().pending === 0;
      },
      'the lots stored',
      { timeoutMs: TEST_DEADLINE_MS, detail: () => logged.join('\n') },
    );
    await service?.idle();
    const actions: R2rActionRecord[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await store.value.listR2rActions({
        context: contextKey,
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!page.ok) throw new Error(page.issues[0]?.message);
      actions.push(...page.value.items);
      if (page.value.nextCursor === undefined) break;
      cursor = page.value.nextCursor;
    }
    const unexpected = logged.filter((l) => !l.startsWith('tool-t3-timeout'));
    if (unexpected.length > 0) throw new Error(`the rig logged: ${unexpected.join('\n')}`);
    return {
      x: figure(pairs.flatMap((p) => p.metrology.sites.map((s) => s.dx))),
      y: figure(pairs.flatMap((p) => p.metrology.sites.map((s) => s.dy))),
      pairs,
      actions,
      contextKey,
      seconds,
      finalOffsets: { ...tool.controller.status().r2rOffsets },
    };
  } finally {
    for (const close of closing.reverse()) await close();
  }
}
