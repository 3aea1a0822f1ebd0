// The R2R loop on the simulated bonder (issue 12, "R2R over GEM"): a 100-pair lot whose silent fault
// points drift the overlay (X encoder Tx +150 nm, stage yaw Rot +2 µrad, chuck mismatch Mag
// +1.25 ppm, examples/tool/faults.yaml), run twice on the same seed: without the loop, and with the
// collector + R2R service sending S2F15 corrections. Prints the lot's overlay |mean| + 3 sigma (every
// metrology site of every pair, x and y), the corrections sent, the time from a pair result's commit
// to the tool's EAC, and how many pairs later a correction was in force at a bond. Quoted in
// packages/fab/README.md and docs/fab.md §10.
import { loadavg } from 'node:os';
import { type LoopRun, runLoop } from '../src/analytics/r2r/r2r-loop-rig.test-util.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 100);
const SEED = Number(process.env.BENCH_SEED ?? 3);
const FACTOR = Number(process.env.BENCH_FACTOR ?? 600);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Pairs from the pair a correction was computed on to the first pair bonded with it. */
function lags(run: LoopRun): number[] {
  const index = new Map(run.pairs.map((p, i) => [p.pairId, i]));
  const measured = run.actions.filter((a) => a.pairId !== undefined && a.detail.bondedWith !== undefined);
  const out: number[] = [];
  for (const a of measured) {
    if (a.action !== 'correct' || a.detail.eac !== 0) continue;
    const next = a.detail.next as Record<string, number>;
    const i = index.get(a.pairId ?? '') ?? -1;
    const later = measured.find((b) => {
      const j = index.get(b.pairId ?? '') ?? -1;
      const w = b.detail.bondedWith as Record<string, number>;
      return j > i && ['Tx', 'Ty', 'Rot', 'Mag'].every((t) => w[t] === next[t]);
    });
    const j = later === undefined ? -1 : (index.get(later.pairId ?? '') ?? -1);
    if (j > i) out.push(j - i);
  }
  return out;
}

function line(name: string, r: LoopRun): string {
  const f = (x: { mean: number; sigma: number; m3s: number }) =>
    `mean ${x.mean.toFixed(1)}, sigma ${x.sigma.toFixed(1)}, |mean|+3s ${x.m3s.toFixed(1)} nm`;
  return `${name}: x ${f(r.x)}; y ${f(r.y)} (${r.pairs.length} pairs in ${r.seconds.toFixed(1)} s)`;
}

console.log(
  `load average before: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; ${PAIRS} pairs, seed ${SEED}, ${FACTOR}x real time`,
);
const off = await runLoop({ pairs: PAIRS, seed: SEED, loop: 'off', factor: FACTOR });
console.log(line('without the loop', off));
const on = await runLoop({ pairs: PAIRS, seed: SEED, loop: 'on', factor: FACTOR });
console.log(line('with the loop   ', on));
const corrections = on.actions.filter((a) => a.action === 'correct');
const answered = corrections.map((a) => Number(a.detail.answeredMs)).sort((a, b) => a - b);
const lag = lags(on).sort((a, b) => a - b);
const counts = new Map<string, number>();
for (const a of on.actions) counts.set(a.action, (counts.get(a.action) ?? 0) + 1);
console.log(`actions: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(
  `pair result committed -> EAC: p50 ${quantile(answered, 0.5).toFixed(1)} ms, p99 ${quantile(answered, 0.99).toFixed(1)} ms, max ${(answered.at(-1) ?? Number.NaN).toFixed(1)} ms`,
);
console.log(
  `correction in force at a bond: p50 ${quantile(lag, 0.5)} pairs later, max ${lag.at(-1) ?? 'n/a'} (${lag.length} of ${corrections.length} corrections seen in force)`,
);
console.log(`final offsets: ${JSON.stringify(on.finalOffsets)}`);
console.log(
  `|mean|+3s x: ${off.x.m3s.toFixed(1)} -> ${on.x.m3s.toFixed(1)} nm (${((1 - on.x.m3s / off.x.m3s) * 100).toFixed(0)} % lower); y: ${off.y.m3s.toFixed(1)} -> ${on.y.m3s.toFixed(1)} nm`,
);
console.log(
  `load average after: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
