// A store writer in a process of its own, for the tests that kill one with SIGKILL mid-stream. Run as
// `node --import tsx --conditions=@bondline/source store-writer-child.test-util.ts '<json>'` with the
// bus names and the store (a SQLite path or a PostgreSQL URL and schema); it writes in small batches
// until killed, printing `started` once its writer runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FabStore } from '../store/fab-store.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { openJetStreamBus } from './jetstream-bus.js';

export interface ChildWriterConfig {
  readonly servers: string;
  readonly names: { stream: string; subjectPrefix: string; committedSubject: string; statusBucket: string };
  readonly durable: string;
  readonly sqlitePath?: string;
  readonly postgres?: { connectionString: string; schema: string };
}

const SCRIPT = fileURLToPath(import.meta.url);

/** Start a writer process; resolves once it says its writer runs. */
export async function startChildWriter(config: ChildWriterConfig): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@bondline/source', SCRIPT, JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('started')) resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`the writer process ended (${String(code)}) before it started: ${err}`)),
    );
  });
  return child;
}

async function main(config: ChildWriterConfig): Promise<void> {
  const opened =
    config.postgres !== undefined
      ? await openPostgresStore({ ...config.postgres, poolSize: 2 })
      : await openSqliteStore({ path: config.sqlitePath ?? '' });
  if (!opened.ok) throw new Error(opened.issues[0]?.message);
  const store: FabStore = opened.value;
  const bus = await openJetStreamBus({ servers: config.servers, ...config.names });
  if (!bus.ok) throw new Error(bus.issues[0]?.message);
  const writer = await bus.value.startStoreWriter(store, {
    durable: config.durable,
    ackWaitMs: 2000,
    maxBatchRecords: 50,
    pull: 8,
  });
  if (!writer.ok) throw new Error(writer.issues[0]?.message);
  process.stdout.write('started\n');
}

if (process.argv[1] === SCRIPT) {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('usage: store-writer-child.test-util.ts <json config>');
  await main(JSON.parse(arg) as ChildWriterConfig);
}
