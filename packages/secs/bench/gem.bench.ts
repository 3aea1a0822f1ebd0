// GEM speed on loopback TCP (127.0.0.1), equipment and host in this one process:
// - event throughput: S6F11 carrying one report of 10 variables, each acknowledged with S6F12;
// - S1F3 with 100 SVIDs: round-trip latency percentiles, one request at a time (measured first).
// Prints the figures quoted in packages/secs/README.md (## GEM).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GemEquipment,
  GemHost,
  HsmsActiveEndpoint,
  HsmsPassiveEndpoint,
  HsmsSession,
  recipeDirectory,
  validateModel,
} from '../src/index.js';

const svs = Array.from({ length: 100 }, (_, i) => ({
  id: i + 1,
  name: `SV${i + 1}`,
  type: i % 2 === 0 ? 'F8' : 'U4',
  unit: '',
  value: i,
}));
const parsed = validateModel({
  mdln: 'BENCH',
  softrev: '1',
  deviceId: 1,
  control: { initial: 'online-remote', remote: true },
  processing: { states: ['IDLE'], initial: 'IDLE' },
  statusVariables: svs,
  events: [{ id: 1, name: 'Tick', data: [] }],
});
if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
const dir = mkdtempSync(join(tmpdir(), 'gem-bench-'));

const toolSession = new HsmsSession({ sessionId: 1 });
const hostSession = new HsmsSession({ sessionId: 1 });
const equipment = new GemEquipment({
  model: parsed.value,
  session: toolSession,
  recipes: recipeDirectory(dir),
});
await equipment.start();
const host = new GemHost(hostSession);
const passive = new HsmsPassiveEndpoint(toolSession, { host: '127.0.0.1', port: 0 });
const { port } = await passive.listen();
const communicating = new Promise<void>((resolve) =>
  equipment.on('communication-state', (s) => {
    if (s.to === 'communicating') resolve();
  }),
);
const active = new HsmsActiveEndpoint(hostSession, { host: '127.0.0.1', port });
active.start();
await communicating;

// ---- S1F3 latency (first: the event phase leaves garbage whose collection would land here) ----
const ids = svs.map((s) => s.id);
for (let i = 0; i < 1000; i++) await host.readStatusItems(ids); // warm-up
const lat: number[] = [];
for (let i = 0; i < 10_000; i++) {
  const t0 = performance.now();
  const items = await host.readStatusItems(ids);
  lat.push(performance.now() - t0);
  if (items.length !== 100) throw new Error('S1F4 with 100 values expected');
}
lat.sort((a, b) => a - b);
const pct = (p: number): number => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]!;
console.log(
  `S1F3 100 SVIDs -> S1F4, 10,000 sequential:  p50 ${pct(50).toFixed(3)} ms  p99 ${pct(99).toFixed(3)} ms  max ${lat[lat.length - 1]!.toFixed(2)} ms`,
);

// ---- event throughput ----
if ((await host.defineReports([{ rptid: 1, vids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }])) !== 0)
  throw new Error('S2F33');
if ((await host.linkEvents([{ ceid: 1, rptids: [1] }])) !== 0) throw new Error('S2F35');
let received = 0;
host.on('event', (e) => {
  if (e.reports[0]?.items.length !== 10) throw new Error('report of 10 expected');
  received++;
});

async function events(n: number, window: number): Promise<number> {
  const t0 = performance.now();
  let inFlight: Promise<boolean>[] = [];
  for (let i = 0; i < n; i++) {
    inFlight.push(equipment.triggerEvent(1));
    if (inFlight.length === window) {
      for (const ok of await Promise.all(inFlight)) if (!ok) throw new Error('event not acknowledged');
      inFlight = [];
    }
  }
  for (const ok of await Promise.all(inFlight)) if (!ok) throw new Error('event not acknowledged');
  return n / ((performance.now() - t0) / 1000);
}
await events(5000, 500); // warm-up
let best = 0;
for (let r = 0; r < 5; r++) best = Math.max(best, await events(20_000, 500));
const seq = await (async () => {
  const t0 = performance.now();
  for (let i = 0; i < 5000; i++) await equipment.triggerEvent(1);
  return 5000 / ((performance.now() - t0) / 1000);
})();
console.log(
  `S6F11 (report of 10 SVs) + S6F12, 500 in flight:  ${best.toFixed(0).padStart(7)} events/s (best of 5 x 20,000)`,
);
console.log(
  `S6F11 + S6F12, one at a time:                    ${seq.toFixed(0).padStart(7)} events/s (5,000)`,
);
if (received !== 5000 + 5 * 20_000 + 5000) throw new Error(`host saw ${received} events`);

equipment.stop();
active.dispose();
await passive.close();
rmSync(dir, { recursive: true, force: true });
