// The FabStore contract on SQLite (a file in a fresh temporary directory per test), and what is
// particular to the embedded store: WAL, its worker thread (a large batch lets the event loop run, a
// lock held by another connection is waited for off the main thread).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fabStoreContract, type StoreHarness } from '../contract/fab-store-contract.test-util.js';
import { issuesOf, okValue } from '../contract/result-helpers.test-util.js';
import type { FabStore } from '../fab-store.js';
import { event, line, T0 } from '../store-fixtures.test-util.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { openSqliteStore } from './sqlite-store.js';

async function sqliteHarness(): Promise<StoreHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-fab-store-'));
  const path = join(dir, 'fab.sqlite');
  const opened: FabStore[] = [];
  return {
    async open() {
      const store = okValue(await openSqliteStore({ path }));
      opened.push(store);
      return store;
    },
    async exec(sql) {
      const db = new Database(path);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

fabStoreContract('SQLite', sqliteHarness, SQLITE_MIGRATIONS);

describe('SQLite store', () => {
  it('keeps its file in WAL mode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-wal-'));
    try {
      const path = join(dir, 'fab.sqlite');
      const store = okValue(await openSqliteStore({ path }));
      okValue(await store.migrate());
      await store.close();
      // WAL is a property of the file: a plain connection finds it.
      const db = new Database(path);
      const mode: unknown = db.pragma('journal_mode', { simple: true });
      db.close();
      expect(mode).toBe('wal');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('works in memory', async () => {
    const store = okValue(await openSqliteStore({ path: ':memory:', synchronous: 'normal' }));
    try {
      okValue(await store.migrate());
      expect(okValue(await store.writeBatch([...line(['B1']), event('B1', 0)]))).toEqual({
        new: 7,
        duplicate: 0,
      });
      expect(okValue(await store.listEvents()).items).toEqual([event('B1', 0)]);
    } finally {
      await store.close();
    }
  });

  it('lets the event loop run while a large batch is checked, and no read sees the batch half written', async () => {
    const store = okValue(await openSqliteStore({ path: ':memory:', sliceRows: 100 }));
    try {
      okValue(await store.migrate());
      okValue(await store.writeBatch(line(['B1'])));
      let turns = 0;
      let writing = true;
      const tick = () => {
        if (!writing) return;
        turns++;
        setImmediate(tick);
      };
      setImmediate(tick);
      const written = store.writeBatch(Array.from({ length: 3000 }, (_, i) => event('B1', i)));
      // Reads while the batch is on its way: a window across its middle holds none of it or all of it.
      const middle = { fromMs: T0 + 1000 * 1000, toMs: T0 + 2000 * 1000, limit: 1000 };
      const seen: number[] = [];
      let done = false;
      void written.then(() => {
        done = true;
      });
      while (!done) seen.push(okValue(await store.listEvents(middle)).items.length);
      const report = okValue(await written);
      writing = false;
      expect(report).toEqual({ new: 3000, duplicate: 0 });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((n) => n !== 0 && n !== 1000)).toEqual([]);
      expect(okValue(await store.listEvents(middle)).items).toHaveLength(1000);
      // 3000 records are checked in slices of 100 with a turn after each: far more turns than one.
      expect(turns).toBeGreaterThanOrEqual(29);
    } finally {
      await store.close();
    }
  });

  it("waits for another connection's write lock without holding the event loop, and reports store-busy past its timeout", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-busy-'));
    const path = join(dir, 'fab.sqlite');
    const holder = new Database(path);
    const opened: FabStore[] = [];
    try {
      const store = okValue(await openSqliteStore({ path, busyTimeoutMs: 100 }));
      opened.push(store);
      okValue(await store.migrate());
      okValue(await store.writeBatch(line(['B1'])));
      holder.exec('BEGIN IMMEDIATE');
      expect(issuesOf(await store.writeBatch([event('B1', 0)]))[0]?.code).toBe('store-busy');
      // Released while another store waits: its write goes through. The lock holder runs on this
      // thread, so a wait on this thread would have lasted the whole 60 s.
      const patient = okValue(await openSqliteStore({ path, busyTimeoutMs: 60_000 }));
      opened.push(patient);
      const pending = patient.writeBatch([event('B1', 1)]);
      await new Promise((resolve) => setImmediate(resolve));
      holder.exec('COMMIT');
      expect(okValue(await pending)).toEqual({ new: 1, duplicate: 0 });
      expect(okValue(await store.listEvents()).items.map((e) => e.dataId)).toEqual([2]);
    } finally {
      holder.close();
      await Promise.all(opened.map((s) => s.close()));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a path it cannot open with store-unavailable', async () => {
    const r = await openSqliteStore({ path: join(tmpdir(), 'no-such-dir-bondline', 'x', 'fab.sqlite') });
    expect(issuesOf(r)[0]?.code).toBe('store-unavailable');
  });
});
