// Ingest through the bus, acknowledged after durability, as collectors do it (docs/fab.md §4):
//  1. JetStream into PostgreSQL: events with a 10-variable report published by many tools' collectors
//     through the JetStream sink (each write resolved once JetStream acknowledged it), two store writers
//     (processes of their own, as deployed) writing into PostgreSQL and acking after commit. Measured:
//     publishing alone, draining a filled stream alone, and both at once (end to end).
//  2. The embedded sink into SQLite with group commit: many tools writing at once, each write
//     awaited until committed.
// Quoted in packages/fab/README.md. Env: BENCH_EVENTS (default 50,000); BENCH_ONLY=postgres or
// BENCH_ONLY=sqlite runs one of the two.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  createEmbeddedPipeline,
  type EventRecord,
  type FabRecord,
  openJetStreamBus,
  openPostgresStore,
  openSqliteStore,
  type RecordSink,
} from '../src/index.js';
import { copyValue } from '../src/store/postgres/bulk-insert.js';
import { batchRows } from '../src/store/record-rows.js';
import { benchEvent, benchTools } from './bench-records.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const ONLY = process.env.BENCH_ONLY;
const TOOLS = 32;
const PG_SERVER = process.env.BONDLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';
const NATS = process.env.BONDLINE_TEST_NATS ?? '127.0.0.1:4222';
const SELF = fileURLToPath(import.meta.url);

interface WriterConfig {
  readonly url: string;
  readonly schema: string;
  readonly stream: string;
  readonly prefix: string;
}

function setup(): FabRecord[] {
  return benchTools(TOOLS);
}

/** Event `n` of tool `t`: a 10-variable report as a bonder sends it. */
function event(t: number, n: number): EventRecord {
  return benchEvent(t, n + 1, n);
}

/**
 * Every tool writes its events `perWrite` at a time, one write after another (a collector answers the
 * tool once a write resolved); all tools at once. Resolves with the wall time, ms.
 */
async function ingest(sink: RecordSink, events: number, perWrite: number): Promise<number> {
  const perTool = Math.ceil(events / TOOLS);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: TOOLS }, async (_, t) => {
      for (let n = 0; n < perTool; n += perWrite) {
        const write = Array.from({ length: Math.min(perWrite, perTool - n) }, (_, j) => event(t, n + j));
        const r = await sink.write(write);
        if (!r.ok) throw new Error(`write refused: ${r.issues[0]?.message}`);
      }
    }),
  );
  return performance.now() - start;
}

const rate = (events: number, ms: number) =>
  `${Math.round((events / ms) * 1000).toLocaleString('en-US')} events/s`;

async function pgCount(url: string, schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(`SELECT count(*) AS n FROM ${schema}.events`)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function waitForCount(url: string, schema: string, n: number): Promise<void> {
  const deadline = performance.now() + 600_000;
  for (;;) {
    const got = await pgCount(url, schema);
    if (got >= n) return;
    if (performance.now() > deadline) throw new Error(`only ${got} of ${n} events stored after 10 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startWriterProcess(config: WriterConfig): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@bondline/source', SELF], {
    env: { ...process.env, BUS_BENCH_WRITER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('started')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`writer process ended (${String(code)})`)));
  });
}

async function writerProcess(config: WriterConfig): Promise<void> {
  const store = await openPostgresStore({ connectionString: config.url, schema: config.schema, poolSize: 2 });
  if (!store.ok) throw new Error(store.issues[0]?.message);
  const bus = await openJetStreamBus({
    servers: NATS,
    stream: config.stream,
    subjectPrefix: config.prefix,
    committedSubject: `${config.prefix}_committed`,
  });
  if (!bus.ok) throw new Error(bus.issues[0]?.message);
  const w = await bus.value.startStoreWriter(store.value, {
    durable: 'bench',
    pull: 512,
    maxBatchRecords: 10_000,
  });
  if (!w.ok) throw new Error(w.issues[0]?.message);
  process.stdout.write('started\n');
}

/** The ceiling of the store writers: the same events straight into PostgreSQL, batches of 10,000, two pools at once. */
async function direct(url: string): Promise<void> {
  const schema = `d_${randomBytes(4).toString('hex')}`;
  const stores = await Promise.all(
    [0, 1].map(() => openPostgresStore({ connectionString: url, schema, poolSize: 2 })),
  );
  const [a, b] = stores.map((r) => {
    if (!r.ok) throw new Error(r.issues[0]?.message);
    return r.value;
  });
  if (a === undefined || b === undefined) throw new Error('two stores expected');
  await a.migrate();
  await a.writeBatch(setup());
  const all = Array.from({ length: EVENTS }, (_, i) => event(i % TOOLS, Math.floor(i / TOOLS)));
  const batches: FabRecord[][] = [];
  for (let i = 0; i < all.length; i += 10_000) batches.push(all.slice(i, i + 10_000));
  const start = performance.now();
  await Promise.all(
    [a, b].map(async (store, k) => {
      for (let i = k; i < batches.length; i += 2) {
        const r = await store.writeBatch(batches[i] ?? []);
        if (!r.ok) throw new Error(r.issues[0]?.message);
      }
    }),
  );
  const ms = performance.now() - start;
  console.log(
    `PostgreSQL directly, the same events in batches of 10,000, 2 pools at once: ${rate(EVENTS, ms)}`,
  );
  await a.close();
  await b.close();
}

/**
 * PostgreSQL's own rate for the same rows, without the store's JavaScript: the COPY text is built
 * before the clock starts, then two connections at once each load batches of 10,000 (a transaction
 * each, committed durably), either the store's way (COPY into a staging table, INSERT ... SELECT ...
 * ON CONFLICT DO NOTHING) or straight into the table with a bare COPY (no idempotency: the floor of
 * what any client could do with these indexes and this foreign key).
 */
async function sqlCeiling(url: string): Promise<void> {
  const schema = `c_${randomBytes(4).toString('hex')}`;
  const opened = await openPostgresStore({ connectionString: url, schema });
  if (!opened.ok) throw new Error(opened.issues[0]?.message);
  await opened.value.migrate();
  await opened.value.writeBatch(setup());
  await opened.value.close();
  const all = Array.from({ length: EVENTS }, (_, i) => event(i % TOOLS, Math.floor(i / TOOLS)));
  const texts: string[] = [];
  for (let i = 0; i < all.length; i += 10_000) {
    const { rows, issues } = await batchRows(all.slice(i, i + 10_000), 1000, () => Promise.resolve());
    if (issues.length > 0) throw new Error(issues[0]?.message);
    texts.push(rows.map((r) => `${r.values.map(copyValue).join('\t')}\n`).join(''));
  }
  const cols = 'tool_id, data_id, ceid, name, equipment_time_ms, received_time_ms, data';
  const clients = await Promise.all(
    [0, 1].map(async () => {
      const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await c.connect();
      await c.query(
        'CREATE TEMPORARY TABLE stage (tool_id text, data_id bigint, ceid bigint, name text, equipment_time_ms bigint, received_time_ms bigint, data jsonb) ON COMMIT DELETE ROWS',
      );
      return c;
    }),
  );
  const load = async (label: string, target: string, after: string | undefined) => {
    const start = performance.now();
    await Promise.all(
      clients.map(async (c, k) => {
        for (let i = k; i < texts.length; i += 2) {
          await c.query('BEGIN');
          const copy = c.query(copyFrom(`COPY ${target} (${cols}) FROM STDIN`));
          await new Promise<void>((resolve, reject) => {
            copy.on('finish', resolve);
            copy.on('error', reject);
            copy.end(texts[i]);
          });
          if (after !== undefined) await c.query(after);
          await c.query('COMMIT');
        }
      }),
    );
    console.log(`${label}: ${rate(EVENTS, performance.now() - start)}`);
  };
  await load(
    'PostgreSQL alone (SQL, no JavaScript per row), 2 connections, batches of 10,000: COPY into staging + INSERT ... ON CONFLICT DO NOTHING',
    'stage',
    `INSERT INTO events (${cols}) SELECT ${cols} FROM stage ON CONFLICT (tool_id, data_id, ceid, equipment_time_ms) DO NOTHING`,
  );
  await clients[0]?.query('TRUNCATE events');
  await load('PostgreSQL alone, the same with a bare COPY into events (no idempotency)', 'events', undefined);
  for (const c of clients) await c.end();
}

async function jetstreamIntoPostgres(): Promise<void> {
  const db = `bondline_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const url = `${PG_SERVER}/${db}`;
  const nc = await connect({ servers: NATS });
  const jsm = await jetstreamManager(nc);
  const children: ChildProcess[] = [];
  const streams: string[] = [];
  try {
    const run = async (label: string, mode: 'publish-then-drain' | 'together', perWrite: number) => {
      const id = randomBytes(4).toString('hex');
      const config: WriterConfig = {
        url,
        schema: `s_${id}`,
        stream: `BENCH_${id}`,
        prefix: `bench_${id}.records`,
      };
      streams.push(config.stream);
      const store = await openPostgresStore({ connectionString: url, schema: config.schema });
      if (!store.ok) throw new Error(store.issues[0]?.message);
      await store.value.migrate();
      await store.value.writeBatch(setup());
      await store.value.close();
      const bus = await openJetStreamBus({
        servers: NATS,
        stream: config.stream,
        subjectPrefix: config.prefix,
        committedSubject: `${config.prefix}_committed`,
      });
      if (!bus.ok) throw new Error(bus.issues[0]?.message);
      const sink = bus.value.sink();
      const cpu0 = process.cpuUsage();
      if (mode === 'together') {
        children.push(...(await Promise.all([startWriterProcess(config), startWriterProcess(config)])));
        const start = performance.now();
        await ingest(sink, EVENTS, perWrite);
        await waitForCount(url, config.schema, EVENTS);
        const ms = performance.now() - start;
        console.log(
          `${label}: ${rate(EVENTS, ms)} end to end (published, stored and acked in ${Math.round(ms)} ms)`,
        );
      } else {
        const pubMs = await ingest(sink, EVENTS, perWrite);
        const cpu = process.cpuUsage(cpu0);
        console.log(
          `${label}: publishing alone ${rate(EVENTS, pubMs)} (acked by JetStream; publisher CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms in ${Math.round(pubMs)} ms)`,
        );
        // Timed from the writers' first commit on: their start (process, connections) is not ingest.
        children.push(...(await Promise.all([startWriterProcess(config), startWriterProcess(config)])));
        await waitForCount(url, config.schema, 1);
        const first = await pgCount(url, config.schema);
        const start = performance.now();
        await waitForCount(url, config.schema, EVENTS);
        const ms = performance.now() - start;
        console.log(
          `${label}: draining the filled stream, 2 writers into PostgreSQL: ${rate(EVENTS - first, ms)}`,
        );
      }
      for (const c of children.splice(0)) c.kill('SIGTERM');
      await bus.value.close();
    };
    await sqlCeiling(url);
    await direct(url);
    await run('JetStream, writes of 100 events', 'publish-then-drain', 100);
    await run('JetStream, writes of 100 events', 'together', 100);
    await run('JetStream, writes of 10 events', 'together', 10);
  } finally {
    for (const c of children) c.kill('SIGKILL');
    for (const s of streams) await jsm.streams.delete(s).catch(() => undefined);
    await nc.close();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function embeddedIntoSqlite(): Promise<void> {
  for (const perWrite of [1, 10, 100]) {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-bus-bench-'));
    const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    await store.migrate();
    await store.writeBatch(setup());
    let batches = 0;
    const counting = createEmbeddedPipeline(store);
    counting.feed.subscribe(() => batches++);
    const events = perWrite === 1 ? Math.min(EVENTS, 20_000) : EVENTS;
    const ms = await ingest(counting.sink, events, perWrite);
    console.log(
      `embedded sink → SQLite (FULL sync), ${TOOLS} tools, writes of ${perWrite}: ${rate(events, ms)}; ${batches} transactions for ${Math.ceil(events / perWrite)} writes`,
    );
    await counting.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function checkCost(): Promise<void> {
  const records = Array.from({ length: 10_000 }, (_, i) => event(i % TOOLS, i));
  const turn = () => new Promise((r) => setImmediate(r));
  await batchRows(records, 256, turn); // warm-up: the schema's first calls compile
  const t = performance.now();
  await batchRows(records, 256, turn);
  console.log(
    `sink-side record check (the store's checks, before publishing): ${(((performance.now() - t) / 10_000) * 1000).toFixed(2)} µs/event`,
  );
}

const writerConfig = process.env.BUS_BENCH_WRITER;
if (writerConfig !== undefined) {
  await writerProcess(JSON.parse(writerConfig) as WriterConfig);
} else {
  const { execSync } = await import('node:child_process');
  console.log(`events: ${EVENTS}, tools: ${TOOLS}; uptime: ${execSync('uptime').toString().trim()}`);
  await checkCost();
  if (ONLY !== 'postgres') await embeddedIntoSqlite();
  if (ONLY !== 'sqlite') await jetstreamIntoPostgres();
  console.log(`uptime: ${execSync('uptime').toString().trim()}`);
}
