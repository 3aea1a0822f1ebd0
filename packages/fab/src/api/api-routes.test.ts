// The read routes on SQLite: a fresh store file in a temporary directory per test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spcRoutesContract } from '../analytics/spc-service/spc-routes-contract.test-util.js';
import { ticketRoutesContract } from '../loop/ticket-routes-contract.test-util.js';
import type { StoreHarness } from '../store/contract/fab-store-contract.test-util.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { accessContract } from './access-contract.test-util.js';
import { apiRoutesContract } from './api-routes-contract.test-util.js';
import { yieldRoutesContract } from './yield-routes-contract.test-util.js';

async function sqliteHarness(): Promise<StoreHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-fab-api-'));
  const opened: FabStore[] = [];
  return {
    async open() {
      const store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
      opened.push(store);
      return store;
    },
    async exec() {
      throw new Error('the API tests run no SQL of their own');
    },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

apiRoutesContract('SQLite', sqliteHarness);
accessContract('SQLite', sqliteHarness);
yieldRoutesContract('SQLite', sqliteHarness);
spcRoutesContract('SQLite', sqliteHarness);
ticketRoutesContract('SQLite', sqliteHarness);
