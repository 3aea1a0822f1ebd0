// Per-pair analysis throughput on one core (docs/fab.md §7): pairs made by the
// simulated bonder (@bondline/tool, offline, immature and mature fault profiles so that voids and
// yield loss vary), their maps in the store's layouts (docs/fab.md §1.4), each analysed with
// analysePair (10-term fit plain + robust, void statistics, die yield map by cause, the tool's map
// compared) one after another on the main thread. Recipes: BOND-STD (25 overlay sites) and
// INSPECT-FULL (121 sites, 5 µm void threshold). Quoted in packages/fab/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BondParams } from '@bondline/physics';
import { openSimulatedTool, type PairRecord, runToolLot } from '@bondline/tool';
import { siteRows } from '../src/analytics/pair/map-rows.js';
import { fitPairOverlay } from '../src/analytics/pair/overlay-fit.js';
import { analysePair, type PairMaps } from '../src/index.js';
import { toolPairMaps } from './bench-records.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 12);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** A tool pair's maps as the collector stores them. */
function storedMaps(p: PairRecord): PairMaps {
  return { pairId: p.pairId, ...toolPairMaps(p) };
}

async function toolPairs(profile: string, recipe: string): Promise<{ bond: BondParams; pairs: PairMaps[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'pair-bench-'));
  try {
    const opened = await openSimulatedTool({ stateDir: dir, seed: 11, profile });
    if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
    const tool = opened.value;
    try {
      const lot = await runToolLot(tool, { pairs: PAIRS, recipe });
      if (!lot.ok) throw new Error(lot.issues.map((i) => i.message).join('; '));
      return { bond: tool.config.bond, pairs: lot.value.pairs.map(storedMaps) };
    } finally {
      await tool.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Mean ms of `f` over the pairs, repeated for about `seconds`. */
function msPer(pairs: readonly PairMaps[], seconds: number, f: (p: PairMaps) => number): number {
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  while (performance.now() < t0 + seconds * 1000) {
    sink += f(pairs[n % pairs.length] as PairMaps);
    n++;
  }
  if (Number.isNaN(sink)) console.log('(sink)');
  return (performance.now() - t0) / n;
}

function measure(label: string, bond: BondParams, pairs: readonly PairMaps[]): void {
  let sink = 0;
  for (const p of pairs) sink += analysePair(p, { bond }).issues.length; // warm-up
  let n = 0;
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  while (performance.now() < until) {
    const a = analysePair(pairs[n % pairs.length] as PairMaps, { bond });
    sink += a.dieYield?.good ?? 0;
    n++;
  }
  const s = (performance.now() - t0) / 1000;
  const fitMs = msPer(pairs, SECONDS / 2, (p) => {
    const rows = siteRows(p.overlayMap).rows ?? [];
    return fitPairOverlay(p.pairId, rows, bond).overlay?.sites ?? 0;
  });
  const first = analysePair(pairs[0] as PairMaps, { bond });
  const voids = pairs.map((p) => p.voidMap?.dims[0] ?? 0);
  console.log(
    `${label}: ${(n / s).toFixed(0)} pairs/s on one core (${((1000 * s) / n).toFixed(2)} ms a pair, ${n} analyses in ${s.toFixed(1)} s; of which the fit ${fitMs.toFixed(2)} ms); ` +
      `${first.overlay?.sites} sites, ${first.dieYield?.dies} dies, voids ${Math.min(...voids)}..${Math.max(...voids)} a pair (check ${sink > 0 ? 'ok' : '0'})`,
  );
}

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const recipe of ['BOND-STD', 'INSPECT-FULL']) {
  for (const profile of ['mature', 'immature']) {
    const { bond, pairs } = await toolPairs(profile, recipe);
    measure(`${recipe}, ${profile}, ${pairs.length} pairs`, bond, pairs);
  }
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
