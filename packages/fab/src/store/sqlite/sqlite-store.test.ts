// The FabStore contract on SQLite (a file in a fresh temporary directory per test), and what is
// particular to the embedded store: WAL, and a large batch that lets the event loop run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fabStoreContract, type StoreHarness } from '../contract/fab-store-contract.test-util.js';
import { issuesOf, okValue } from '../contract/result-helpers.test-util.js';
import type { FabStore } from '../fab-store.js';
import { event, line } from '../store-fixtures.test-util.js';
import { openSqliteStore } from './sqlite-store.js';

async function sqliteHarness(): Promise<StoreHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-fab-store-'));
  const path = join(dir, 'fab.sqlite');
  const opened: FabStore[] = [];
  return {
    async open() {
      const store = okValue(openSqliteStore({ path }));
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

fabStoreContract('SQLite', sqliteHarness);

describe('SQLite store', () => {
  it('keeps its file in WAL mode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-wal-'));
    try {
      const path = join(dir, 'fab.sqlite');
      const store = okValue(openSqliteStore({ path }));
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
    const store = okValue(openSqliteStore({ path: ':memory:', synchronous: 'normal' }));
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

  it('lets the event loop run between slices of a large batch, and no read sees the batch half written', async () => {
    const store = okValue(openSqliteStore({ path: ':memory:', sliceRows: 100 }));
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
      // Queued behind the batch: it sees all of it.
      const read = store.listEvents({ limit: 1000 });
      const report = okValue(await written);
      writing = false;
      expect(report).toEqual({ new: 3000, duplicate: 0 });
      expect(okValue(await read).items).toHaveLength(1000);
      // 3000 records are checked and written in slices of 100: far more turns than one.
      expect(turns).toBeGreaterThanOrEqual(30);
    } finally {
      await store.close();
    }
  });

  it("waits for another connection's write lock without holding the event loop, and reports store-busy past its timeout", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-busy-'));
    const path = join(dir, 'fab.sqlite');
    const holder = new Database(path);
    const store = okValue(openSqliteStore({ path, busyTimeoutMs: 100 }));
    try {
      okValue(await store.migrate());
      okValue(await store.writeBatch(line(['B1'])));
      holder.exec('BEGIN IMMEDIATE');
      expect(issuesOf(await store.writeBatch([event('B1', 0)]))[0]?.code).toBe('store-busy');
      // Released while the store waits: the write goes through (the lock holder runs on this same
      // thread, so a wait inside SQLite would have held it until the timeout).
      const patient = okValue(openSqliteStore({ path, busyTimeoutMs: 60_000 }));
      const pending = patient.writeBatch([event('B1', 1)]);
      await new Promise((resolve) => setImmediate(resolve));
      holder.exec('COMMIT');
      expect(okValue(await pending)).toEqual({ new: 1, duplicate: 0 });
      await patient.close();
      expect(okValue(await store.listEvents()).items.map((e) => e.dataId)).toEqual([2]);
    } finally {
      holder.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a path it cannot open with store-unavailable', () => {
    const r = openSqliteStore({ path: join(tmpdir(), 'no-such-dir-bondline', 'x', 'fab.sqlite') });
    expect(issuesOf(r)[0]?.code).toBe('store-unavailable');
  });
});
