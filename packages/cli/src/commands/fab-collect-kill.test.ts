// Issue 11's collector fault test: `bondline fab collect` killed with SIGKILL at random moments, at
// least 20 times, while a simulated bonder (in this process, GEM equipment on a free port, paced
// clock) runs a 100-pair lot; then the store holds every record exactly once. The tool's carriers hold
// 25 wafers, so the 100-pair lot is 4 lots of 25 run back to back. Once with each store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FabStore, openPostgresStore, openSqliteStore } from '@bondline/fab';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBondline } from './e2e.test-util.js';
import {
  expectEverythingOnce,
  type KillTool,
  migrate,
  runLotsUnderKills,
  startKillTool,
  writeFabConfig,
} from './fab-collect-kill.test-util.js';
import { throwawayDatabase as newDatabase } from './pg-test-db.test-util.js';

const LOTS = 4;
const PAIRS_PER_LOT = 25;
const MIN_KILLS = 20;
// Tool time runs this many times faster than real time: the 4 lots take some tens of seconds.
const PACING = 2000;
const TIMEOUT_MS = 300_000;

const cleanups: (() => Promise<void>)[] = [];
const running = new Set<RunningBondline>();
afterEach(async () => {
  for (const c of running) c.proc.kill('SIGKILL');
  await Promise.all([...running].map((c) => c.exited));
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(prefix: string): Promise<{ dir: string; tool: KillTool; configPath: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const tool = await startKillTool(join(dir, 'tool'), PACING);
  cleanups.push(() => tool.close());
  return { dir, tool, configPath: await writeFabConfig(dir, tool) };
}

async function killRun(tool: KillTool, configPath: string, location: string, store: FabStore, seed: number) {
  const report = await runLotsUnderKills({
    tool,
    configPath,
    location,
    store,
    lots: LOTS,
    pairsPerLot: PAIRS_PER_LOT,
    minKills: MIN_KILLS,
    seed,
    running,
  });
  expect(report.kills).toBeGreaterThanOrEqual(MIN_KILLS);
  await expectEverythingOnce(store, tool, report, PAIRS_PER_LOT);
  return report;
}

describe('bondline fab collect killed at random moments, into SQLite', () => {
  it(
    `a 100-pair lot with the collector killed ${MIN_KILLS}+ times: every record stored once, nothing lost`,
    async () => {
      const { dir, tool, configPath } = await setUp('bondline-kill-sqlite-');
      const file = join(dir, 'fab.sqlite');
      const location = `sqlite:${file}`;
      await migrate(location);
      const opened = await openSqliteStore({ path: file });
      if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
      const store = opened.value;
      cleanups.push(() => store.close());
      await killRun(tool, configPath, location, store, 0x5117e);
    },
    TIMEOUT_MS,
  );
});

/** A throwaway database on the test server, dropped by the cleanups. */
async function throwawayDatabase(): Promise<string> {
  const db = await newDatabase();
  cleanups.push(db.drop);
  return db.url;
}

describe('bondline fab collect killed at random moments, into PostgreSQL', () => {
  it(
    `a 100-pair lot with the collector killed ${MIN_KILLS}+ times: every record stored once, nothing lost`,
    async () => {
      const { tool, configPath } = await setUp('bondline-kill-pg-');
      const location = await throwawayDatabase();
      await migrate(location);
      const opened = await openPostgresStore({ connectionString: location, poolSize: 2 });
      if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
      const store = opened.value;
      cleanups.push(() => store.close());
      await killRun(tool, configPath, location, store, 0x9051);
    },
    TIMEOUT_MS,
  );
});
