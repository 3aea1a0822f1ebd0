// The running SPC service's cost per analysed pair (docs/fab.md §8.6): each pair gives a point to
// each of its charts (the analysis parameters: yield, Tx, Ty, rotation, magnification, residual
// 3 sigma x/y, void count: 8 charts), each point appended to the SQLite store (its own durable
// commit) and judged against the chart's frozen limits over the whole current phase. Pairs are fed
// one at a time, each waited for, so the figure is the time a pair's SPC takes end to end. Quoted in
// packages/fab/README.md §SPC.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '@bondline/align';
import { analysedPair, spcPair } from '../src/analytics/spc-service/spc-fixtures.test-util.js';
import { createEmbeddedPipeline, openSqliteStore, SpcService, spcSettingsSchema } from '../src/index.js';
import { line, lot } from '../src/store/store-fixtures.test-util.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 2000);

const dir = await mkdtemp(join(tmpdir(), 'bondline-spc-bench-'));
const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
if (!opened.ok) throw new Error(opened.issues[0]?.message);
const store = opened.value;
try {
  const migrated = await store.migrate();
  if (!migrated.ok) throw new Error(migrated.issues[0]?.message);
  const pipeline = createEmbeddedPipeline(store);
  const w = await pipeline.sink.write([
    ...line(['B1']),
    lot('L1', 'B1'),
    ...Array.from({ length: PAIRS }, (_, n) => spcPair(n)),
  ]);
  if (!w.ok) throw new Error(w.issues[0]?.message);
  const spc = new SpcService({ settings: spcSettingsSchema.parse({}), store, sink: pipeline.sink });
  const random = new SeededRandom(5);
  const times: number[] = [];
  const load0 = loadavg();
  const t0 = performance.now();
  for (let n = 0; n < PAIRS; n++) {
    const s = performance.now();
    spc.analysed(analysedPair(n, 100 * (random.nextUniform() - 0.5)));
    await spc.idle();
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  const c = spc.counters();
  // Mean per quarter of the run, in feeding order: does a longer series cost more per point?
  const quarter = Math.max(1, Math.floor(PAIRS / 4));
  const quarters = [0, 1, 2, 3].map((k) => {
    const part = times.slice(k * quarter, (k + 1) * quarter);
    return (part.reduce((a, b) => a + b, 0) / Math.max(1, part.length)).toFixed(2);
  });
  times.sort((a, b) => a - b);
  const q = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(2);
  console.log(
    `spc service, ${PAIRS} pairs, ${c.charts} charts, ${c.points} points, ${c.violations} violations, ${c.failed} failed;` +
      ` load average ${load0.map((l) => l.toFixed(2)).join(' ')} before, ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} after`,
  );
  console.log(
    `  per pair (all its charts, durable SQLite commits): p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms;` +
      ` mean by quarter of the run ${quarters.join(', ')} ms; ${(PAIRS / (total / 1000)).toFixed(0)} pairs/s`,
  );
  await pipeline.close();
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
