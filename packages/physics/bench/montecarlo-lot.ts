// One Monte Carlo lot kept in memory, run in its own process by montecarlo.bench.ts so that its
// peak RSS is its own (not the high-water mark of the benches before it). Prints one JSON line.
// Usage: tsx bench/montecarlo-lot.ts <die edge µm> <D0 per µm²> <wafers> <seed>
import { runMonteCarlo } from '../src/index.js';
import { type BondParams, defaultParams } from '../src/params.js';

const [dieUm, D0, wafers, seed] = process.argv.slice(2, 6).map(Number) as [number, number, number, number];
const params: BondParams = {
  ...defaultParams,
  die: { ...defaultParams.die, W: dieUm, L: dieUm },
  voids: { ...defaultParams.voids, D0 },
};
let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
sample();
const startRss = peakRss;
const t = performance.now();
const cpu = process.cpuUsage();
const lot = runMonteCarlo(params, { wafers, seed, onProgress: (d) => d % 50 === 0 && sample() });
sample();
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    dies: lot.dies.length,
    wafers: lot.wafers.length,
    msPerPair: (performance.now() - t) / wafers,
    cpuMsPerPair: (used.user + used.system) / 1000 / wafers,
    startRssMB: startRss / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
    mean: lot.mean,
  }),
);
