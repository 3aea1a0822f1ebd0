// Ingest into the store as a collector does it: events with a 10-variable report, gathered into
// batches, each batch acknowledged only once writeBatch has committed it. Figures: events/s into
// SQLite (target ≥ 20,000/s) and into PostgreSQL directly, the batch commit latency, and the
// event-loop stall; with the measurements behind docs/fab.md §1.5 (a durable commit on the calling
// thread, the main thread's work per slice). Quoted in packages/fab/README.md.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  type EventRecord,
  type FabRecord,
  type FabStore,
  openPostgresStore,
  openSqliteStore,
} from '../src/index.js';
import { batchRows } from '../src/store/record-rows.js';
import { benchEvent, benchTools } from './bench-records.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const TOOLS = 4;
const PG_SERVER = process.env.BONDLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

function setup(): FabRecord[] {
  return benchTools(TOOLS);
}

/** Event i: tool i mod 4, its own increasing DATAID, a 10-variable report as a bonder sends it. */
function event(i: number): EventRecord {
  return benchEvent(i % TOOLS, Math.floor(i / TOOLS) + 1, i);
}

/**
 * Event-loop stalls: a 1 ms timer re-armed from its own callback; each gap between two callbacks
 * beyond the 1 ms is time the loop could not run anything (a synchronous hold, or the process not
 * scheduled on a loaded machine). Stopping waits for the last callback, so a hold that lasts to the
 * end of the run is counted too.
 */
function stallProbe(): { stop(): Promise<{ p99Ms: number; maxMs: number }> } {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const tick = () => {
    const now = performance.now();
    gaps.push(Math.max(0, now - last - 1));
    last = now;
    if (running) setTimeout(tick, 1);
    else done();
  };
  setTimeout(tick, 1);
  return {
    async stop() {
      running = false;
      await finished;
      gaps.sort((a, b) => a - b);
      return { p99Ms: percentile(gaps, 99), maxMs: gaps[gaps.length - 1] ?? 0 };
    },
  };
}

interface Figures {
  eventsPerS: number;
  commitP50Ms: number;
  commitP99Ms: number;
  stallP99Ms: number;
  stallMaxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Write EVENTS events in batches of `batch` through `writers` concurrent writers; each awaits its commit. */
async function ingest(stores: readonly FabStore[], batch: number): Promise<Figures> {
  const first = stores[0];
  if (first === undefined) throw new Error('no store');
  const setupResult = await first.writeBatch(setup());
  if (!setupResult.ok) throw new Error(setupResult.issues[0]?.message);
  const commits: number[] = [];
  let next = 0;
  const probe = stallProbe();
  const start = performance.now();
  await Promise.all(
    stores.map(async (store) => {
      while (next < EVENTS) {
        const from = next;
        next = Math.min(EVENTS, next + batch);
        const records: EventRecord[] = [];
        for (let i = from; i < next; i++) records.push(event(i));
        const t = performance.now();
        const r = await store.writeBatch(records);
        commits.push(performance.now() - t);
        if (!r.ok || r.value.new !== records.length)
          throw new Error(`batch not stored: ${JSON.stringify(r)}`);
      }
    }),
  );
  const elapsedS = (performance.now() - start) / 1000;
  const stall = await probe.stop();
  commits.sort((a, b) => a - b);
  return {
    eventsPerS: EVENTS / elapsedS,
    commitP50Ms: percentile(commits, 50),
    commitP99Ms: percentile(commits, 99),
    stallP99Ms: stall.p99Ms,
    stallMaxMs: stall.maxMs,
  };
}

function line(label: string, f: Figures, stall: boolean): void {
  const s = stall
    ? `, event-loop stall p99 ${f.stallP99Ms.toFixed(1)} ms (max ${f.stallMaxMs.toFixed(1)} ms)`
    : '';
  console.log(
    `${label.padEnd(46)} ${Math.round(f.eventsPerS).toLocaleString('en-US').padStart(7)} events/s, ` +
      `commit p50 ${f.commitP50Ms.toFixed(1)} ms p99 ${f.commitP99Ms.toFixed(1)} ms${s}`,
  );
}

async function sqlite(
  label: string,
  options: { batch: number; sliceRows: number; synchronous: 'full' | 'normal' },
) {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-bench-'));
  try {
    const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite'), ...options });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    await store.migrate();
    line(label, await ingest([store], options.batch), true);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgres(label: string, batch: number, writers: number, url: string): Promise<void> {
  const schema = `bench_${randomBytes(3).toString('hex')}`;
  const stores: FabStore[] = [];
  for (let i = 0; i < writers; i++) {
    const opened = await openPostgresStore({ connectionString: url, schema, poolSize: 1 });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    stores.push(opened.value);
  }
  const m = await stores[0]?.migrate();
  if (m === undefined || !m.ok) throw new Error(`migrate: ${JSON.stringify(m)}`);
  line(label, await ingest(stores, batch), true);
  await Promise.all(stores.map((s) => s.close()));
}

async function withAdmin(work: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const c = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await work(c);
  } finally {
    await c.end();
  }
}

/** The event-loop delay of an idle loop on this machine now: what load alone adds to every stall figure. */
async function idleBaseline(): Promise<void> {
  const probe = stallProbe();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = await probe.stop();
  console.log(
    `idle event loop (machine load alone): stall p99 ${idle.p99Ms.toFixed(1)} ms, max ${idle.maxMs.toFixed(1)} ms`,
  );
}

/**
 * What would hold the event loop without the worker: a durable (FULL) commit of 256 event rows done
 * by better-sqlite3 on the calling thread, and the insert statements before it.
 */
async function commitOnCallingThread(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-bench-'));
  try {
    const db = new Database(join(dir, 'direct.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO events (data) VALUES (?)');
    const data = JSON.stringify(event(0).data);
    const inserts: number[] = [];
    const commits: number[] = [];
    for (let b = 0; b < 200; b++) {
      db.exec('BEGIN IMMEDIATE');
      const t = performance.now();
      for (let i = 0; i < 256; i++) insert.run(data);
      const c = performance.now();
      db.exec('COMMIT');
      commits.push(performance.now() - c);
      inserts.push(c - t);
    }
    db.close();
    commits.sort((a, b) => a - b);
    inserts.sort((a, b) => a - b);
    console.log(
      `FULL commit of 256 rows on the calling thread: p50 ${percentile(commits, 50).toFixed(1)} ms, p99 ${percentile(commits, 99).toFixed(1)} ms ` +
        `(the 256 inserts before it: p50 ${percentile(inserts, 50).toFixed(2)} ms)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The main thread's work between two turns: checking and encoding one slice of 256 events. */
async function sliceWork(): Promise<void> {
  const records = Array.from({ length: 256 }, (_, i) => event(i));
  const times: number[] = [];
  for (let k = 0; k < 300; k++) {
    const t = performance.now();
    await batchRows(records, records.length, turn);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `main thread, check + encode one slice of 256 events: min ${(times[0] ?? 0).toFixed(2)} ms, p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
  );
}

console.log(`${EVENTS.toLocaleString('en-US')} events per run, ${TOOLS} tools, 10-variable reports`);
await idleBaseline();
await commitOnCallingThread();
await sliceWork();
await sqlite('SQLite full sync, batch 256', { batch: 256, sliceRows: 256, synchronous: 'full' });
await sqlite('SQLite full sync, batch 1000 (default slice 256)', {
  batch: 1000,
  sliceRows: 256,
  synchronous: 'full',
});
await sqlite('SQLite normal sync, batch 1000', { batch: 1000, sliceRows: 256, synchronous: 'normal' });
await sqlite('SQLite full sync, batch 1000, slice 64', { batch: 1000, sliceRows: 64, synchronous: 'full' });

const dbName = `bondline_bench_${randomBytes(4).toString('hex')}`;
try {
  await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
} catch (e) {
  console.log(`PostgreSQL at ${PG_SERVER} not reachable (${String(e)}): no PostgreSQL figures`);
  process.exitCode = 1;
}
if (process.exitCode !== 1) {
  try {
    const url = `${PG_SERVER}/${dbName}`;
    await postgres('PostgreSQL, batch 1000, 1 writer', 1000, 1, url);
    await postgres('PostgreSQL, batch 1000, 2 writers', 1000, 2, url);
  } finally {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}
