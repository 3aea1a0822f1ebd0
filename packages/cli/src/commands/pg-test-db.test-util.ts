// A throwaway PostgreSQL database for the CLI's end-to-end tests on the test server (127.0.0.1:5432,
// user postgres, trust auth; BONDLINE_TEST_PG overrides): created with a random name, dropped by the
// caller. A server that cannot be reached fails the test with a message that says so, never skips it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER = process.env.BONDLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres`, connectionTimeoutMillis: 10_000 });
  try {
    await c.connect();
    await c.query(sql);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A new database: its URL, and `drop` (which ends what is still connected to it). */
export async function throwawayDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bondline_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${SERVER} (user postgres) or refused CREATE DATABASE: ${String(e)}. ` +
        'This test needs it: start it (.ci/run does: pg_ctlcluster <version> main start).',
    );
  }
  return { url: `${SERVER}/${name}`, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
