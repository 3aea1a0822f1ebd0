// A collector in a process of its own, for the test that kills one with SIGKILL mid-lot. Run as
// `node --import tsx --conditions=@bondline/source collector-child.test-util.ts '<json>'` with the tool's
// port and the SQLite path: it migrates the store, collects examples/fab/fab.yaml's B1 into it, and
// prints `communicating` once the tool is set up; it runs until killed.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { startCollector } from './collector.js';
import { exampleConfig, memoryBoard, storeSink } from './collector.test-util.js';

export interface ChildCollectorConfig {
  readonly port: number;
  readonly sqlitePath: string;
}

const SCRIPT = fileURLToPath(import.meta.url);

/** Start a collector process; resolves once it has set the tool up. */
export async function startChildCollector(config: ChildCollectorConfig): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@bondline/source', SCRIPT, JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('communicating')) resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`the collector process ended (${String(code)}) before it set the tool up: ${err}`)),
    );
  });
  return child;
}

async function main(config: ChildCollectorConfig): Promise<void> {
  const opened = await openSqliteStore({ path: config.sqlitePath });
  if (!opened.ok) throw new Error(opened.issues[0]?.message);
  const migrated = await opened.value.migrate();
  if (!migrated.ok) throw new Error(migrated.issues[0]?.message);
  const board = memoryBoard();
  const started = await startCollector({
    config: await exampleConfig(config.port),
    sink: storeSink(opened.value),
    statusBoard: {
      ...board,
      put: async (s) => {
        await board.put(s);
        if (s.link === 'communicating') process.stdout.write('communicating\n');
      },
    },
    log: (i) => process.stderr.write(`${i.code}: ${i.message}\n`),
  });
  if (!started.ok) throw new Error(started.issues[0]?.message);
  setInterval(() => {}, 1 << 30); // the collector's timers do not hold the process: this does
}

if (process.argv[1] === SCRIPT) {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('usage: collector-child.test-util.ts <json config>');
  await main(JSON.parse(arg) as ChildCollectorConfig);
}
