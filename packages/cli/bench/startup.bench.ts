// Whole-process time of the `bondline` command as a user pays it: `node packages/cli/bin/bondline.js`
// (the compiled bin) spawned 20 times each for `--help` and for the analytic `yield` of the example
// pair, from the repository root; median and p90 wall time per run. `node -e 0` is the floor that
// Node's own start-up sets on this machine. The target is `--help` within 250 ms median.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'packages/cli/bin/bondline.js');
const RUNS = 20;

if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) {
  throw new Error(
    'packages/cli/dist is missing: run `npm run build` first (the bin runs compiled JavaScript)',
  );
}

/** Wall time of each of `RUNS` runs of `node ...args`, ms; a failing run stops the bench. */
function measure(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times;
}

/** The q-quantile by nearest rank (q = 0.5: the median of an odd count, the upper middle of an even one). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
console.log(`${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`);
console.log(`load average at start ${load()}`);
console.log(
  `${'command'.padEnd(52)}${'median ms'.padStart(11)}${'p90 ms'.padStart(9)}${'min ms'.padStart(9)}`,
);
const cases: [string, string[]][] = [
  ['node -e 0 (Node start-up alone)', ['-e', '0']],
  ['bondline --help', [BIN, '--help']],
  ['bondline yield examples/yield.yaml (analytic)', [BIN, 'yield', 'examples/yield.yaml']],
];
for (const [name, args] of cases) {
  const t = measure(args);
  console.log(
    `${name.padEnd(52)}${quantile(t, 0.5).toFixed(0).padStart(11)}${quantile(t, 0.9).toFixed(0).padStart(9)}${Math.min(
      ...t,
    )
      .toFixed(0)
      .padStart(9)}`,
  );
}
console.log(`load average at end ${load()} (${RUNS} runs each, one after another)`);
