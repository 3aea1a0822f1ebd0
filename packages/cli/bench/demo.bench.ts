// Wall time of the simulated bonder's commands, run in this process as the bin runs them (the command
// functions, after Node's start-up): `bondline demo --pairs 25` (tool, GEM equipment, a GEM host over
// loopback HSMS, 25 pairs, then 103 files with 76 PNG maps), `bondline tool run --pairs 25` (the lot
// alone, offline) and the same with `--out` (the maps' share). Five runs each after one warm-up run;
// median and minimum. The target: a 25-pair demo in a few seconds on the 2-core machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as demo } from '../src/commands/demo.js';
import { runToolRun } from '../src/commands/tool-run.js';

const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'bondline-demo-bench-'));

/** Run `fn` with stdout and stderr swallowed (the commands print their tables and progress lines). */
async function quiet(fn: () => Promise<number>): Promise<number> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = () => true;
  process.stderr.write = () => true;
  try {
    return await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Wall time of each of RUNS runs after a warm-up, ms; a run that does not exit 0 stops the bench. */
async function measure(name: string, fn: () => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const code = await quiet(fn);
    if (code !== 0) throw new Error(`${name} exited ${code}`);
    if (i > 0) times.push(performance.now() - t0);
  }
  return times;
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(`${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
console.log(`load average at start: ${load()}`);
const cases: [string, () => Promise<number>][] = [
  ['bondline demo --pairs 25', () => demo(['--pairs', '25', '--out', join(dir, 'demo')])],
  ['bondline tool run --pairs 25', () => runToolRun(['--pairs', '25'])],
  ['bondline tool run --pairs 25 --out', () => runToolRun(['--pairs', '25', '--out', join(dir, 'run')])],
];
try {
  for (const [name, fn] of cases) {
    const t = await measure(name, fn);
    console.log(
      `${name.padEnd(36)} median ${(median(t) / 1000).toFixed(2)} s, min ${(Math.min(...t) / 1000).toFixed(2)} s (${RUNS} runs)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`load average at end: ${load()}`);
