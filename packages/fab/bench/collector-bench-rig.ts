// The rig of the collector benches: simulated equipment (secs' GemEquipment on examples/equipment.yaml,
// in this process) that fires PairBonded as fast as the collector acknowledges it, a collector on
// every one of them, and a SQLite store behind it. Not a test helper: only the benches use it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  jsonStateStore,
  parseModelText,
  recipeDirectory,
} from '@bondline/secs';
import {
  type Collector,
  openSqliteStore,
  parseFabConfigText,
  startCollector,
  type ToolStatus,
} from '../src/index.js';

const MODEL = join(import.meta.dirname, '../../../examples/equipment.yaml');
/** PairBonded with a 10-variable report (and the Clock the collector puts first). */
const REPORT = [
  'PairId',
  'BondForce',
  'OverlayX',
  'OverlayY',
  'ChamberPressure',
  'ChuckTemperature',
  'WafersBonded',
  'Recipe',
  'ProcessState',
  'ControlState',
];
const PAIR_BONDED = 400;

interface Equipment {
  equipment: GemEquipment;
  port: number;
  deviceId: number;
  close(): Promise<void>;
}

async function startEquipment(dir: string): Promise<Equipment> {
  const m = parseModelText(readFileSync(MODEL, 'utf8'), { source: MODEL });
  if (!m.ok) throw new Error(m.issues[0]?.message);
  const session = new HsmsSession({ sessionId: m.value.deviceId });
  const equipment = new GemEquipment({
    model: m.value,
    session,
    recipes: recipeDirectory(join(dir, 'recipes')),
    store: jsonStateStore(dir),
  });
  await equipment.start();
  const endpoint = new HsmsPassiveEndpoint(session, { port: 0, host: '127.0.0.1' });
  const { port } = await endpoint.listen();
  return {
    equipment,
    port,
    deviceId: m.value.deviceId,
    close: async () => {
      equipment.stop();
      await endpoint.close();
    },
  };
}

export interface RunFigures {
  tools: number;
  events: number;
  seconds: number;
  eventsPerS: number;
  commits: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  rssMiB: number;
}

/**
 * `tools` equipments, each firing `perTool` PairBonded events with at most `window` unacknowledged
 * (the equipment pipelines its S6F11: it does not wait for one S6F12 before the next S6F11).
 */
export async function runIngest(tools: number, perTool: number, window: number): Promise<RunFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'collector-bench-'));
  const eqs: Equipment[] = [];
  try {
    for (let i = 0; i < tools; i++) eqs.push(await startEquipment(join(dir, `eq${i}`)));
    const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    await store.migrate();
    const yaml = [
      'fab: { id: fab, name: Fab }',
      'makers: [{ id: m, name: Maker }]',
      'plans:',
      '  default:',
      `    events: [{ name: PairBonded, variables: [${REPORT.join(', ')}] }]`,
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
    let rssMax = 0;
    const rssTimer = setInterval(() => {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
    }, 50);
    await Promise.all(eqs.map((e, i) => fire(e.equipment, i, perTool, window)));
    while (collector.counters().stored - base.stored < tools * perTool)
      await new Promise((r) => setTimeout(r, 2));
    const seconds = (performance.now() - t0) / 1000;
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
    };
  } finally {
    for (const e of eqs) await e.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fire `n` PairBonded events on one equipment, at most `window` of them unacknowledged at a time. */
async function fire(eq: GemEquipment, tool: number, n: number, window: number): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | undefined;
  for (let i = 0; i < n; i++) {
    eq.set('PairId', `T${tool}-P${i}`);
    eq.set('BondForce', 20_000 + (i % 7));
    eq.set('WafersBonded', i);
    inFlight++;
    void eq.triggerEvent(PAIR_BONDED).finally(() => {
      inFlight--;
      wake?.();
    });
    while (inFlight >= window) await new Promise<void>((r) => (wake = r));
  }
  while (inFlight > 0) await new Promise<void>((r) => (wake = r));
}
