// The read routes on PostgreSQL: a throwaway database for the run, a schema per test (the store
// contract's harness). A server that cannot be reached fails these tests, never skips them.
import { afterAll, beforeAll } from 'vitest';
import { spcRoutesContract } from '../analytics/spc-service/spc-routes-contract.test-util.js';
import { ticketRoutesContract } from '../loop/ticket-routes-contract.test-util.js';
import type { StoreHarness } from '../store/contract/fab-store-contract.test-util.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres/postgres-test-db.test-util.js';
import { accessContract } from './access-contract.test-util.js';
import { apiRoutesContract } from './api-routes-contract.test-util.js';
import { yieldRoutesContract } from './yield-routes-contract.test-util.js';

let db: TestDatabase | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function harness(): Promise<StoreHarness> {
  if (db === undefined) throw new Error('the test database was not created (see the beforeAll error above)');
  return db.harness();
}

apiRoutesContract('PostgreSQL', harness);
accessContract('PostgreSQL', harness);
yieldRoutesContract('PostgreSQL', harness);
spcRoutesContract('PostgreSQL', harness);
ticketRoutesContract('PostgreSQL', harness);
