// Fault catalogue and profile load times (docs/tool.md §5): read, parse, validate and check the
// shipped examples/tool/faults.yaml, and the mature profile with its base and fix records. Cold is
// the first load in the process (zod and the YAML parser warming up); warm is the median of repeats.
// Run: npm run bench -w @bondline/tool -- faults-catalogue
import { loadavg } from 'node:os';
import { type FaultCatalogue, loadCatalogue, loadProfile } from '../src/index.js';

const REPEATS = Number(process.env.FAULTS_BENCH_REPEATS ?? 20);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

async function catalogue(): Promise<FaultCatalogue> {
  const r = await loadCatalogue();
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

const [coldMs, cat] = await timed(catalogue);
const warm: number[] = [];
for (let i = 0; i < REPEATS; i++) warm.push((await timed(catalogue))[0]);
const profileMs: Record<string, number[]> = { immature: [], mature: [] };
for (const name of ['immature', 'mature'] as const) {
  for (let i = 0; i < REPEATS; i++) {
    const [ms, r] = await timed(() => loadProfile(name, cat));
    if (!r.ok) throw new Error(r.issues.map((x) => x.message).join('\n'));
    profileMs[name]?.push(ms);
  }
}
console.log(
  `${cat.points.length} fault points; ${REPEATS} repeats; load average ${loadavg()[0]?.toFixed(2)}`,
);
console.log('| what | ms |');
console.log('|---|---|');
console.log(`| catalogue, cold (first in the process) | ${coldMs.toFixed(1)} |`);
console.log(`| catalogue, warm (median) | ${median(warm).toFixed(1)} |`);
console.log(`| profile immature, warm (median) | ${median(profileMs.immature ?? []).toFixed(1)} |`);
console.log(
  `| profile mature (base + fixes), warm (median) | ${median(profileMs.mature ?? []).toFixed(1)} |`,
);
