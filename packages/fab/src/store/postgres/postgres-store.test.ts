// The FabStore contract on PostgreSQL (a throwaway database per run, a schema per test), and what
// is particular to it: a server that cannot be reached is an issue, not a throw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fabStoreContract, type StoreHarness } from '../contract/fab-store-contract.test-util.js';
import { issuesOf, okValue } from '../contract/result-helpers.test-util.js';
import type { FabStore } from '../fab-store.js';
import type { FabRecord } from '../records.js';
import { alarm, ecChange, event, line, trace } from '../store-fixtures.test-util.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
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

fabStoreContract('PostgreSQL', harness, POSTGRES_MIGRATIONS);

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

  // Bulk rows go through COPY's text format, where a backslash, tab, newline or carriage return
  // would otherwise end a value or a row, and `\N` means NULL.
  it('stores bulk rows holding COPY text specials exactly as written', async () => {
    const odd = ['tab\there', 'line\nbreak', 'cr\rlf', 'back\\slash', '\\N', '\\.', 'end\\', 'ü ✓ 𝄞'];
    const records: FabRecord[] = [...line(['B\\1'])];
    odd.forEach((text, i) => {
      records.push({ ...event('B\\1', i), name: text, data: { Text: text, [text]: [text, i] } });
      records.push({ ...alarm('B\\1', i), text });
      records.push({ ...ecChange('B\\1', i), name: text, newValue: { text } });
      records.push({ ...trace('B\\1', i), values: { [text]: i } });
    });
    await withHarness(2, async (store) => {
      okValue(await store.migrate());
      expect(okValue(await store.writeBatch(records))).toEqual({ new: records.length, duplicate: 0 });
      expect(okValue(await store.writeBatch(records))).toEqual({ new: 0, duplicate: records.length });
      const written = (type: FabRecord['type']) => records.filter((r) => r.type === type);
      expect(okValue(await store.listEvents({ limit: 1000 })).items).toEqual(written('event'));
      expect(okValue(await store.listAlarms({ limit: 1000 })).items).toEqual(written('alarm'));
      expect(okValue(await store.listEcChanges({ limit: 1000 })).items).toEqual(written('ec-change'));
      expect(okValue(await store.listTrace({ limit: 1000 })).items).toEqual(written('trace'));
    });
  });

  // A batch holding a stored key goes through the staging tables, which are per connection and
  // emptied when the transaction ends: a batch rolled back there (its events staged, then a
  // reference refused) leaves nothing behind for the next batch staged on that connection.
  it('leaves nothing staged after a refused batch on the same connection', async () => {
    await withHarness(1, async (store) => {
      okValue(await store.migrate());
      okValue(await store.writeBatch([...line(['B1']), event('B1', 0)]));
      const unknownTool = { ...event('B1', 2), toolId: 'B9' };
      const refused = [event('B1', 0), event('B1', 1), alarm('B1', 0), unknownTool];
      expect(issuesOf(await store.writeBatch(refused))[0]?.code).toBe('unknown-reference');
      expect(okValue(await store.writeBatch([event('B1', 0), event('B1', 3), alarm('B1', 1)]))).toEqual({
        new: 2,
        duplicate: 1,
      });
      expect(okValue(await store.listEvents()).items).toEqual([event('B1', 0), event('B1', 3)]);
      expect(okValue(await store.listAlarms()).items).toEqual([alarm('B1', 1)]);
      expect(okValue(await store.writeBatch(refused.slice(0, 3)))).toEqual({ new: 2, duplicate: 1 });
    });
  });

  it('counts new and duplicate rows alike whether a batch is copied straight in or staged', async () => {
    await withHarness(2, async (store) => {
      okValue(await store.migrate());
      okValue(await store.writeBatch(line(['B1'])));
      const fresh = [0, 1, 2, 3].map((i) => event('B1', i));
      expect(okValue(await store.writeBatch(fresh))).toEqual({ new: 4, duplicate: 0 });
      const mixed = [event('B1', 4), event('B1', 1), event('B1', 5), event('B1', 5), alarm('B1', 0)];
      expect(okValue(await store.writeBatch(mixed))).toEqual({ new: 3, duplicate: 2 });
      expect(okValue(await store.listEvents()).items).toHaveLength(6);
    });
  });
});

async function withHarness(poolSize: number, work: (store: FabStore) => Promise<void>): Promise<void> {
  if (db === undefined) throw new Error('the test database was not created (see the beforeAll error above)');
  const h = await db.harness(poolSize);
  try {
    await work(await h.open());
  } finally {
    await h.cleanup();
  }
}
