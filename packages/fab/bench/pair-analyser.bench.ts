// The per-pair analyser in the embedded layout (docs/fab.md §7.5): does
// it slow ingest? Events go into a SQLite store through the embedded pipeline (group commit) as fast as
// two writers can commit them, batches of 256, while a pair of the simulated bonder (immature profile,
// its maps in the store's layouts) is committed every 50 ms; without and with the analyser on the
// pipeline's feed, in its worker thread (the default) and in the main thread. Figures: events/s, the
// event batches' commit latency, the event-loop stalls, and with the analyser the time from the last
// pair's commit until every pair's analysis is stored.
// Quoted in packages/fab/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimulatedTool, type PairRecord, runToolLot } from '@bondline/tool';
import {
  createEmbeddedPipeline,
  type FabRecord,
  loadProductBonds,
  openSqliteStore,
  startPairAnalyser,
} from '../src/index.js';
import { benchEvent, benchTools, toolPairMaps } from './bench-records.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 40_000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 40);
const BATCH = 256;
const PAIR_EVERY_MS = 50;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

async function toolPairs(): Promise<PairRecord[]> {
  const dir = await mkdtemp(join(tmpdir(), 'analyser-bench-'));
  try {
    const opened = await openSimulatedTool({ stateDir: dir, seed: 11, profile: 'immature' });
    if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
    try {
      const out: PairRecord[] = [];
      while (out.length < PAIRS) {
        const lot = await runToolLot(opened.value, {
          pairs: Math.min(25, PAIRS - out.length),
          recipe: 'BOND-STD',
        });
        if (!lot.ok) throw new Error(lot.issues.map((i) => i.message).join('; '));
        out.push(...lot.value.pairs);
      }
      return out;
    } finally {
      await opened.value.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A tool pair as the collector stores it: the pair and its result with the three maps. */
function pairRecords(p: PairRecord, i: number): FabRecord[] {
  const id = `BENCH-P${i}`;
  return [
    {
      type: 'pair',
      id,
      toolId: 'B0',
      lotId: 'BENCH-LOT',
      slot: (i % 25) + 1,
      recipe: 'BOND-STD',
      topId: `${id}-T`,
      bottomId: `${id}-B`,
      stackId: `${id}-S`,
      startedMs: T0 + i * 1000,
    },
    {
      type: 'pair-result',
      pairId: id,
      yield: p.yield,
      summary: {},
      ...toolPairMaps(p),
    },
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Gaps of a 1 ms timer beyond its 1 ms: time the loop could run nothing (as store-ingest.bench.ts). */
function stallProbe(): { stop(): number[] } {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(Math.max(0, now - last - 1));
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  return {
    stop() {
      running = false;
      return gaps.sort((a, b) => a - b);
    },
  };
}

async function run(mode: 'none' | 'worker' | 'inline', pairs: readonly PairRecord[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'analyser-bench-db-'));
  const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
  if (!opened.ok) throw new Error(opened.issues[0]?.message);
  const store = opened.value;
  try {
    const m = await store.migrate();
    if (!m.ok) throw new Error(m.issues[0]?.message);
    const pipeline = createEmbeddedPipeline(store);
    const setup = await pipeline.sink.write([
      ...benchTools(1),
      { type: 'lot', id: 'BENCH-LOT', toolId: 'B0', recipe: 'BOND-STD', plannedPairs: PAIRS, startedMs: T0 },
    ]);
    if (!setup.ok) throw new Error(setup.issues[0]?.message);
    const bonds = await loadProductBonds({ tools: [] });
    if (!bonds.ok) throw new Error(bonds.issues[0]?.message);
    const analyser =
      mode === 'none'
        ? undefined
        : startPairAnalyser({ store, feed: pipeline.feed, bondFor: bonds.value.bondFor, thread: mode });
    const commits: number[] = [];
    const probe = stallProbe();
    const start = performance.now();
    let next = 0;
    const writer = async () => {
      while (next < EVENTS) {
        const from = next;
        next = Math.min(EVENTS, next + BATCH);
        const batch: FabRecord[] = [];
        for (let i = from; i < next; i++) batch.push(benchEvent(0, i + 1, i));
        const t = performance.now();
        const w = await pipeline.sink.write(batch);
        if (!w.ok) throw new Error(w.issues[0]?.message);
        commits.push(performance.now() - t);
      }
    };
    let lastPairMs = start;
    const pairFeeder = async () => {
      for (let i = 0; i < pairs.length; i++) {
        const p = pairs[i];
        if (p === undefined) break;
        const w = await pipeline.sink.write(pairRecords(p, i));
        if (!w.ok) throw new Error(w.issues[0]?.message);
        lastPairMs = performance.now();
        await sleep(PAIR_EVERY_MS);
      }
    };
    await Promise.all([writer(), writer(), pairFeeder()]);
    const eventsS = (performance.now() - start) / 1000;
    let drained = '';
    if (analyser !== undefined) {
      while (analyser.counters().stored < pairs.length) await sleep(5);
      const c = analyser.counters();
      drained = `; all ${c.stored} analyses stored ${(performance.now() - lastPairMs).toFixed(0)} ms after the last pair's commit (skipped ${c.skipped}, failed ${c.failed})`;
      await analyser.close();
    }
    const gaps = probe.stop();
    await pipeline.close();
    commits.sort((a, b) => a - b);
    return (
      `${mode === 'none' ? 'without the analyser' : `with the analyser (${mode === 'worker' ? 'worker thread' : 'main thread'})`}: ${(EVENTS / eventsS).toFixed(0)} events/s ` +
      `(${pairs.length} pairs meanwhile); event batch commit p50 ${percentile(commits, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(commits, 99).toFixed(1)} ms; loop stall p99 ${percentile(gaps, 99).toFixed(1)} ms, ` +
      `max ${(gaps[gaps.length - 1] ?? 0).toFixed(1)} ms${drained}`
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const pairs = await toolPairs();
for (const mode of ['none', 'worker', 'inline', 'none', 'worker', 'inline'] as const)
  console.log(await run(mode, pairs));
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
