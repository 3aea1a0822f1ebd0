// PostgreSQL for the store tests: the server CI runs at 127.0.0.1:5432 (user postgres, trust auth;
// .ci/run starts it). Each test run creates a throwaway database with a random name and drops it at
// the end; each test gets a schema of its own in it. A server that cannot be reached fails the tests
// with a message that says so: they are never skipped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StoreHarness } from '../contract/fab-store-contract.test-util.js';
import type { FabStore } from '../fab-store.js';
import { openPostgresStore } from './postgres-store.js';

const SERVER = process.env.BONDLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  readonly url: string;
  /** A harness on a fresh schema of this database; its stores have `poolSize` connections (default 2). */
  harness(poolSize?: number): Promise<StoreHarness>;
  drop(): Promise<void>;
}

/** Create the run's database; throws (failing the tests) when the server cannot be reached. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `bondline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres`, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${SERVER} (user postgres) or refused CREATE DATABASE: ${String(e)}. ` +
        'The PostgreSQL store tests need it: start it (.ci/run does: pg_ctlcluster <version> main start).',
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = `${SERVER}/${name}`;
  let schemas = 0;
  return {
    url,
    async harness(poolSize = 2) {
      const schema = `t${++schemas}_${randomBytes(3).toString('hex')}`;
      const opened: FabStore[] = [];
      return {
        async open() {
          const r = await openPostgresStore({ connectionString: url, schema, poolSize });
          if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
          opened.push(r.value);
          return r.value;
        },
        async exec(sql) {
          await withClient(url, async (c) => {
            await c.query(`SET search_path = ${schema}`);
            await c.query(sql);
          });
        },
        async cleanup() {
          await Promise.all(opened.map((s) => s.close()));
          await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
        },
      };
    },
    async drop() {
      await withClient(`${SERVER}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient(url: string, work: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await work(c);
  } finally {
    await c.end();
  }
}
