// Latency of the API over a real socket (undici, one keep-alive connection, requests one after
// another), SQLite store: GET /api/pairs/{id} of a full wafer with its maps (a 3,900-die yield map,
// 300 overlay sites, 12 voids), and 10,000 events read as 10 pages of MAX_PAGE_LIMIT (1,000) rows,
// following nextCursor. Quoted in packages/fab/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import {
  type EventRecord,
  type FabRecord,
  MAX_PAGE_LIMIT,
  openSqliteStore,
  startFabApi,
} from '../src/index.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const PAIR_RUNS = Number(process.env.BENCH_PAIR_RUNS ?? 200);
const EVENT_RUNS = Number(process.env.BENCH_EVENT_RUNS ?? 20);
const EVENTS = 10_000;

function wafer(): FabRecord[] {
  const die = new Uint8Array(70 * 70);
  for (let i = 0; i < die.length; i++) {
    const r = Math.floor(i / 70) - 34.5;
    const c = (i % 70) - 34.5;
    die[i] = r * r + c * c > 35 * 35 ? 255 : i % 17 === 0 ? 3 : 0;
  }
  const overlay = new Float64Array(300 * 4);
  for (let i = 0; i < 300; i++)
    overlay.set([i * 997 - 140_000, 140_000 - i * 911, Math.sin(i) * 3.7, Math.cos(i) * 2.1], i * 4);
  const voids = new Float64Array(12 * 4).map((_, i) => (i * 7.31) % 50);
  return [
    { type: 'organisation', id: 'maker-a', name: 'Maker A', role: 'maker' },
    { type: 'tool', id: 'B1', name: 'Bonder 1', organisationId: 'maker-a' },
    { type: 'lot', id: 'L1', toolId: 'B1', recipe: 'BOND-STD', plannedPairs: 25, startedMs: T0 },
    {
      type: 'pair',
      id: 'P1',
      toolId: 'B1',
      lotId: 'L1',
      slot: 1,
      recipe: 'BOND-STD',
      topId: 'T1',
      bottomId: 'B1',
      stackId: 'S1',
      startedMs: T0,
    },
    {
      type: 'pair-result',
      pairId: 'P1',
      yield: 0.91,
      summary: { dies: 3848 },
      dieYieldMap: { dims: [70, 70], data: die },
      overlayMap: { dims: [300, 4], data: overlay },
      voidMap: { dims: [12, 4], data: voids },
    },
  ];
}

function event(i: number): EventRecord {
  return {
    type: 'event',
    toolId: 'B1',
    dataId: i + 1,
    ceid: 4000 + (i % 4),
    name: 'PairBonded',
    equipmentTimeMs: T0 + i * 5,
    receivedTimeMs: T0 + i * 5 + 2,
    data: {
      PairId: `L1-P${i % 25}`,
      Slot: i % 25,
      BondForceN: 20.5,
      ChamberPressurePa: 1.2e-3,
      ChuckTemperatureC: 23.1,
      AlignResidualNm: [12.5, -3.25],
      Attempts: 1,
      Aligned: true,
      Recipe: 'BOND-STD',
      Faults: [],
    },
  };
}

function quantiles(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => (s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN).toFixed(1);
  return `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms (n=${s.length})`;
}

const dir = await mkdtemp(join(tmpdir(), 'bondline-api-bench-'));
const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
if (!opened.ok) throw new Error(opened.issues[0]?.message);
const store = opened.value;
try {
  await store.migrate();
  const w = await store.writeBatch([...wafer(), ...Array.from({ length: EVENTS }, (_, i) => event(i))]);
  if (!w.ok) throw new Error(w.issues[0]?.message);
  const api = await startFabApi({ store, port: 0 });
  const pool = new Pool(api.url, { connections: 1 });
  try {
    const getText = async (path: string): Promise<string> => {
      const r = await pool.request({ method: 'GET', path });
      const text = await r.body.text();
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${text}`);
      return text;
    };
    let bytes = 0;
    for (let i = 0; i < 10; i++) bytes = (await getText('/api/pairs/P1')).length;
    const pairMs: number[] = [];
    for (let i = 0; i < PAIR_RUNS; i++) {
      const t = performance.now();
      await getText('/api/pairs/P1');
      pairMs.push(performance.now() - t);
    }
    console.log(`GET /api/pairs/P1 with maps (${(bytes / 1024).toFixed(0)} KB JSON): ${quantiles(pairMs)}`);
    const eventMs: number[] = [];
    const pageMs: number[] = [];
    for (let run = 0; run < EVENT_RUNS + 2; run++) {
      const t = performance.now();
      let cursor: string | undefined;
      let rows = 0;
      do {
        const tp = performance.now();
        const path = `/api/events?limit=${MAX_PAGE_LIMIT}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = JSON.parse(await getText(path)) as { items: unknown[]; nextCursor?: string };
        if (run >= 2) pageMs.push(performance.now() - tp);
        rows += page.items.length;
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      if (rows !== EVENTS) throw new Error(`read ${rows} events, expected ${EVENTS}`);
      if (run >= 2) eventMs.push(performance.now() - t);
    }
    console.log(
      `${EVENTS} events as ${EVENTS / MAX_PAGE_LIMIT} pages of ${MAX_PAGE_LIMIT}: ${quantiles(eventMs)}`,
    );
    console.log(`  one page of ${MAX_PAGE_LIMIT} events: ${quantiles(pageMs)}`);
  } finally {
    await pool.close();
    await api.close();
  }
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
