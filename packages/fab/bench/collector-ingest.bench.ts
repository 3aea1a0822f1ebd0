// The collector's ingest (docs/fab.md §2.5, quoted in packages/fab/README.md): PairBonded events with
// a 10-variable report from simulated equipment over HSMS (loopback TCP), through the collector into
// SQLite (FULL sync), each S6F11 answered only after the commit that holds it. (a) a few tools at
// full speed: events/s (target ≥ 20,000/s on the 2-core machine); (b) 100 tools on one collector:
// events/s, p99 receive-to-commit latency, the collector process's peak RSS. The equipment runs in a
// child process (a fab's tools are other machines); on this 2-core machine it still takes its share of
// the cores. `cpu` is the collector process's CPU time over the run (main thread and the SQLite
// worker), in cores and per event: on a loaded machine it says more than events/s. Node's heap
// settings matter: run once as is and once with NODE_OPTIONS=--max-semi-space-size=64.
import { loadavg } from 'node:os';
import { runIngest } from './collector-bench-rig.js';

const per = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function report(label: string, r: Awaited<ReturnType<typeof runIngest>>): void {
  console.log(
    `${label}: ${r.tools} tools, ${per(r.events)} events in ${r.seconds.toFixed(2)} s = ${per(r.eventsPerS)} events/s; ` +
      `${per(r.commits)} commits (${(r.events / r.commits).toFixed(0)} events each); receive-to-commit p50 ${r.latencyP50Ms.toFixed(1)} ms, ` +
      `p99 ${r.latencyP99Ms.toFixed(1)} ms; collector peak RSS ${r.rssMiB.toFixed(0)} MiB, cpu ${r.cpuCores.toFixed(2)} cores = ${((r.cpuCores * r.seconds * 1e6) / r.events).toFixed(0)} µs per event`,
  );
}

console.log(
  `${new Date().toISOString()} load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
const events = Number(process.env.BENCH_EVENTS ?? 60_000);
for (const source of ['wire', 'gem'] as const) {
  console.log(`source ${source}`);
  report('(a) 1 tool ', await runIngest(1, events, 500, source));
  report('(a) 4 tools', await runIngest(4, events / 4, 500, source));
  report('(b) 100 tools', await runIngest(100, Math.max(1, Math.floor(events / 100)), 200, source));
}
console.log(
  `${new Date().toISOString()} load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
