// The FabStore contract on PostgreSQL (a throwaway database per run, a schema per test), and what
// is particular to it: a server that cannot be reached is an issue, not a throw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fabStoreContract, type StoreHarness } from '../contract/fab-store-contract.test-util.js';
import { issuesOf, okValue } from '../contract/result-helpers.test-util.js';
import { event, line } from '../store-fixtures.test-util.js';
import { openPostgresStore } from './postgres-store.js';
import { createTestDatabase, type TestDatabase } from './postgres-test-db.test-util.js';

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

fabStoreContract('PostgreSQL', harness);

describe('PostgreSQL store', () => {
  it('answers store-unavailable when the server cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const store = okValue(
      await openPostgresStore({
        connectionString: 'postgres://postgres@127.0.0.1:1/x',
        connectTimeoutMs: 2000,
      }),
    );
    try {
      expect(issuesOf(await store.writeBatch([...line(['B1']), event('B1', 0)]))[0]?.code).toBe(
        'store-unavailable',
      );
      expect(issuesOf(await store.listEvents())[0]?.code).toBe('store-unavailable');
      expect(issuesOf(await store.migrate())[0]?.code).toBe('store-unavailable');
    } finally {
      await store.close();
    }
  });

  it('refuses a schema name that is not an identifier', async () => {
    const r = await openPostgresStore({
      connectionString: 'postgres://postgres@127.0.0.1:5432/x',
      schema: 'a; DROP TABLE x',
    });
    expect(issuesOf(r)[0]?.path).toBe('schema');
  });
});
