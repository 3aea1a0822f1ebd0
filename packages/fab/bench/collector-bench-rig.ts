// The rig of the collector benches: the tools (secs' GemEquipment, collector-bench-equipment.ts) in a
// child process, as a fab's tools are other machines, a collector on every one of them in this process,
// and a SQLite store behind it. Not a test helper: only the benches use it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type Collector,
  openSqliteStore,
  parseFabConfigText,
  startCollector,
  type ToolStatus,
} from '../src/index.js';
import { BENCH_REPORT } from './collector-bench-equipment.js';

const EQUIPMENT = join(import.meta.dirname, 'collector-bench-equipment.ts');

export interface RunFigures {
  tools: number;
  events: number;
  seconds: number;
  eventsPerS: number;
  commits: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Peak RSS of the collector's process (the tools' process not included). */
  rssMiB: number;
  /** CPU time of the collector's process over the run, as a share of one core. */
  cpuCores: number;
}

/** The tools' process: its lines on stdout one by one. */
async function startTools(
  tools: number,
  dir: string,
): Promise<{ child: ChildProcess; eqs: { port: number; deviceId: number }[]; next(): Promise<string> }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_TOOLS_PROF === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_TOOLS_PROF}`]),
      '--import',
      'tsx',
      '--conditions=@bondline/source',
      EQUIPMENT,
      String(tools),
      dir,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (child.stdout === null) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done === true) throw new Error('the tools process ended');
    return r.value;
  };
  const ready = await next();
  if (!ready.startsWith('ready ')) throw new Error(`tools process: ${ready}`);
  return { child, eqs: JSON.parse(ready.slice(6)) as { port: number; deviceId: number }[], next };
}

/**
 * `tools` equipments, each firing `perTool` PairBonded events with at most `window` unacknowledged
 * (the equipment pipelines its S6F11: it does not wait for one S6F12 before the next S6F11).
 */
export async function runIngest(
  tools: number,
  perTool: number,
  window: number,
  source: 'gem' | 'wire',
): Promise<RunFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'collector-bench-'));
  const { child, eqs, next } = await startTools(tools, dir);
  try {
    const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    await store.migrate();
    const yaml = [
      'fab: { id: fab, name: Fab }',
      'makers: [{ id: m, name: Maker }]',
      'plans:',
      '  default:',
      `    events: [{ name: PairBonded, variables: [${BENCH_REPORT.join(', ')}] }]`,
      '    spool: []',
      'collector: { maxPendingMessages: 1000, maxBatchRecords: 5000 }',
      'tools:',
      ...eqs.map(
        (e, i) =>
          `  - { id: T${i}, name: Tool ${i}, maker: m, address: 127.0.0.1, port: ${e.port}, deviceId: ${e.deviceId}, timers: { t5Ms: 1000 } }`,
      ),
    ].join('\n');
    const config = parseFabConfigText(yaml, 'bench.yaml');
    if (!config.ok) throw new Error(config.issues.map((i) => i.message).join('; '));
    const status = new Map<string, ToolStatus>();
    const sink = {
      write: async (records: Parameters<typeof store.writeBatch>[0]) => {
        const r = await store.writeBatch(records);
        return r.ok
          ? { ok: true as const, value: undefined }
          : {
              ok: false as const,
              issues: r.issues.map((i) => ({ ...i, code: 'sink-unavailable' as const })),
            };
      },
    };
    const started = await startCollector({
      config: config.value,
      sink,
      statusBoard: {
        put: async (s) => void status.set(s.toolId, s),
        get: async (id) => status.get(id),
        list: async () => [...status.values()],
      },
      log: (i) => console.error(`  collector: ${i.code}: ${i.message}`),
    });
    if (!started.ok) throw new Error(started.issues[0]?.message);
    const collector: Collector = started.value;
    while ([...status.values()].filter((s) => s.link === 'communicating').length < tools)
      await new Promise((r) => setTimeout(r, 20));
    const base = collector.counters();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let rssMax = 0;
    const rssTimer = setInterval(() => {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
    }, 50);
    child.stdin?.write(`fire ${perTool} ${window} ${source}\n`);
    const fired = await next();
    if (fired !== 'fired') throw new Error(`tools process: ${fired}`);
    while (collector.counters().stored - base.stored < tools * perTool)
      await new Promise((r) => setTimeout(r, 2));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(rssTimer);
    const c = collector.counters();
    const lat = collector
      .latencies()
      .slice()
      .sort((a, b) => a - b);
    const q = (p: number): number => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? Number.NaN;
    await collector.close();
    await store.close();
    return {
      tools,
      events: tools * perTool,
      seconds,
      eventsPerS: (tools * perTool) / seconds,
      commits: c.commits - base.commits,
      latencyP50Ms: q(0.5),
      latencyP99Ms: q(0.99),
      rssMiB: rssMax / 1024 / 1024,
      cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin?.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
