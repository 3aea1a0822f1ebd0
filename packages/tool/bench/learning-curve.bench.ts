// The learning curve (TOOL.md "Maturity", docs/tool.md §5.4, §5.6): the mature profile after only its
// first k fix records, k = 0 (the immature tool) to all, each on a fresh default tool with BOND-STD,
// 50 pairs (two lots of 25), seeds 1 to 3. The same seed replays the same tool fix by fix: the fault
// engine's draws of one point never depend on the others (common random numbers), so the curve is the
// fixes' effect, not a reshuffle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToolLot } from '../src/assemble/run-tool-lot.js';
import { openSimulatedTool } from '../src/assemble/simulated-tool.js';
import { loadCatalogue } from '../src/faults/load-catalogue.js';
import { loadProfile } from '../src/faults/load-profile.js';

const SEEDS = [1, 2, 3];
const PAIRS_PER_LOT = 25;
const LOTS = 2;

async function lotYield(
  seed: number,
  fixes: number,
): Promise<{ yield: number; alarms: number; hours: number }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-learning-'));
  try {
    const tool = await openSimulatedTool({ stateDir, seed, profile: 'mature', fixes });
    if (!tool.ok) throw new Error(tool.issues.map((i) => i.message).join('\n'));
    let alarms = 0;
    tool.value.controller.on('alarm', (a) => {
      if (a.set) alarms++;
    });
    let sum = 0;
    let n = 0;
    for (let lot = 1; lot <= LOTS; lot++) {
      const r = await runToolLot(tool.value, { recipe: 'BOND-STD', pairs: PAIRS_PER_LOT });
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
      for (const p of r.value.pairs) sum += p.yield;
      n += r.value.pairs.length;
    }
    const hours = tool.value.controller.status().clockS / 3600;
    await tool.value.close();
    return { yield: sum / n, alarms, hours };
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const catalogue = await loadCatalogue();
if (!catalogue.ok) throw new Error(catalogue.issues.map((i) => i.message).join('\n'));
const mature = await loadProfile('mature', catalogue.value);
if (!mature.ok) throw new Error(mature.issues.map((i) => i.message).join('\n'));
const total = mature.value.fixes.length;

const ks: number[] = [];
for (let k = 0; k < total; k += 20) ks.push(k);
ks.push(total);
console.log(
  `learning curve: BOND-STD, ${LOTS * PAIRS_PER_LOT} pairs, default tool, seeds ${SEEDS.join(', ')}`,
);
console.log('| fixes applied | yield seed 1 | seed 2 | seed 3 | mean | alarms (mean) | tool hours (mean) |');
console.log('|---|---|---|---|---|---|---|');
const t0 = performance.now();
for (const k of ks) {
  const rs: { yield: number; alarms: number; hours: number }[] = [];
  for (const seed of SEEDS) rs.push(await lotYield(seed, k));
  const mean = (f: (r: (typeof rs)[number]) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
  console.log(
    `| ${k}${k === 0 ? ' (immature)' : k === total ? ' (mature)' : ''} | ${rs.map((r) => `${(100 * r.yield).toFixed(1)}%`).join(' | ')} | ` +
      `${(100 * mean((r) => r.yield)).toFixed(1)}% | ${mean((r) => r.alarms).toFixed(0)} | ${mean((r) => r.hours).toFixed(1)} |`,
  );
}
console.log(
  `(${((performance.now() - t0) / 1000).toFixed(0)} s for ${ks.length * SEEDS.length} runs of 50 pairs)`,
);
