// The ticket routes on PostgreSQL: a throwaway database for the run, a schema per test (the store
// contract's harness). A server that cannot be reached fails these tests, never skips them.
import { afterAll, beforeAll } from 'vitest';
import type { StoreHarness } from '../store/contract/fab-store-contract.test-util.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres/postgres-test-db.test-util.js';
import { ticketRoutesContract } from './ticket-routes-contract.test-util.js';

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

ticketRoutesContract('PostgreSQL', harness);
