// The controller alone: a 25-pair lot at max speed on the simulated tool with the fake (time-only)
// physics of the controller's tests, so the figure is the cost of the clock, drivers, scheduler,
// tracking and events, not of the twin. Then the scheduler's steady state per test recipe: the
// bottleneck's busy fraction between fill and drain, and the throughput against the bound.
import { harness, runToEnd } from '../src/controller/controller-harness.test-util.js';
import { resourceBusy } from '../src/schedule/lot-metrics.js';
import { TEST_RECIPES } from '../src/schedule/test-recipes.test-util.js';

const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] as number;

async function lot(seed: number, recipe: string) {
  const h = harness({ seed });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await runToEnd(h, `B${seed}`, 25, recipe);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { summary, wallMs, cpuMs: (c.user + c.system) / 1000, events: h.events.length };
}

for (let i = 0; i < 3; i++) await lot(100 + i, 'T-BOND'); // warm-up (JIT)
const runs = [];
for (let i = 0; i < 15; i++) runs.push(await lot(i + 1, 'T-BOND'));
console.log(
  `25-pair lot, max speed, fake physics: wall median ${med(runs.map((r) => r.wallMs)).toFixed(1)} ms, ` +
    `best ${Math.min(...runs.map((r) => r.wallMs)).toFixed(1)} ms; CPU median ${med(runs.map((r) => r.cpuMs)).toFixed(1)} ms; ` +
    `${runs[0]?.events} events (${((runs[0]?.events ?? 0) / 25).toFixed(0)} per pair); 15 runs`,
);

for (const recipe of TEST_RECIPES) {
  const busy: number[] = [];
  const ratio: number[] = [];
  let s = (await lot(1, recipe.name)).summary;
  for (let seed = 1; seed <= 5; seed++) {
    s = (await lot(seed, recipe.name)).summary;
    busy.push(resourceBusy(s.bottleneck, s.modules) ?? Number.NaN);
    ratio.push(s.pairsPerHour / s.boundPairsPerHour);
  }
  console.log(
    `${recipe.name}: bottleneck ${s.bottleneck}, busy ${Math.min(...busy).toFixed(4)}..${Math.max(...busy).toFixed(4)} ` +
      `(steady state, 5 seeds); ${s.pairsPerHour.toFixed(2)} pairs/h vs bound ${s.boundPairsPerHour.toFixed(2)} ` +
      `(ratio ${Math.min(...ratio).toFixed(3)}..${Math.max(...ratio).toFixed(3)}); fill ${s.fillS.toFixed(0)} s, drain ${s.drainS.toFixed(0)} s (seed 5)`,
  );
}
