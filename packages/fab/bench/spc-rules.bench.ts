// Western Electric + Nelson rules, all on, over 1,000,000 points (target ≤ 50 ms on the 2-core
// machine): a standard normal series from a seeded generator, with a slow drift and a few shifts so
// every rule has something to find. Quoted in packages/fab/README.md §SPC.
import { loadavg } from 'node:os';
import { SeededRandom } from '@bondline/align';
import { allRulesOn, evaluateRules, ruleViolations } from '../src/index.js';

const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const RUNS = 20;

function series(n: number): Float64Array {
  const seeded = new SeededRandom(12);
  const rand = (): number => seeded.nextUniform();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    // Box–Muller, two normals per pair of uniforms.
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const t = 2 * Math.PI * rand();
    const shift = Math.floor(i / 50_000) % 20 === 7 ? 1.5 : 0;
    out[i] = 10 + r * Math.cos(t) + shift;
    if (i + 1 < n) out[i + 1] = 10 + r * Math.sin(t) + shift;
  }
  return out;
}

const values = series(POINTS);
const config = allRulesOn();
const times: number[] = [];
const cpu: number[] = [];
// One warm-up call (compiled mid-loop), then the measured ones.
let violations = evaluateRules(values, 10, 1, config).count;
for (let r = 0; r < RUNS; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const hits = evaluateRules(values, 10, 1, config);
  times.push(performance.now() - t0);
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1000);
  violations = hits.count;
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
// Turning the hits into objects is the caller's, for the points it returns (judge's `from`).
const byRule = new Map<string, number>();
for (const h of ruleViolations(evaluateRules(values, 10, 1, config), config)) {
  byRule.set(h.rule, (byRule.get(h.rule) ?? 0) + 1);
}
console.log(
  `spc rules, all 12 on, ${POINTS.toLocaleString('en')} points, ${RUNS} runs; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `  min ${times[0]?.toFixed(1)} ms, median ${times[Math.floor(RUNS / 2)]?.toFixed(1)} ms, max ${times[RUNS - 1]?.toFixed(1)} ms (wall); CPU min ${cpu[0]?.toFixed(1)}, median ${cpu[Math.floor(RUNS / 2)]?.toFixed(1)} ms; ${violations} violations`,
);
console.log(`  by rule: ${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}`);
