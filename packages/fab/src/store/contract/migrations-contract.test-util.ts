// Migrations: applied once, in order, reported; safe to run again and from two processes at once;
// a database ahead of this code, or not this project's, is refused rather than changed.
import { expect, it } from 'vitest';
import type { Migration } from '../migration.js';
import { event, line } from '../store-fixtures.test-util.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

/** `known`: the store's migration list, every one of which an empty database gets. */
export function migrationsContract(factory: HarnessFactory, known: readonly Migration[]): void {
  const all = known.map(({ version, name }) => ({ version, name }));
  const latest = known.at(-1)?.version ?? 0;
  it('migrate() applies every migration on an empty database, then nothing on a second run', async () => {
    const h = await factory();
    try {
      const store = await h.open();
      const first = okValue(await store.migrate());
      expect(first.applied).toEqual(all);
      expect(all[0]).toEqual({ version: 1, name: 'initial' });
      expect(first.version).toBe(latest);
      const again = okValue(await store.migrate());
      expect(again).toEqual({ applied: [], version: latest });
      // The schema still works after the second run.
      expect(okValue(await store.writeBatch(line(['B1']))).new).toBe(6);
      // A store opened later on the same database finds it migrated.
      const later = await h.open();
      expect(okValue(await later.migrate()).applied).toEqual([]);
    } finally {
      await h.cleanup();
    }
  });

  it('two stores migrating one database at once apply each migration exactly once', async () => {
    const h = await factory();
    try {
      const [a, b] = await Promise.all([h.open(), h.open()]);
      const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
      const applied = [...okValue(ra).applied, ...okValue(rb).applied];
      expect(applied.sort((x, y) => x.version - y.version)).toEqual(all);
    } finally {
      await h.cleanup();
    }
  });

  it('refuses to write or read before migrate(), with not-migrated', async () => {
    const h = await factory();
    try {
      const store = await h.open();
      expect(issuesOf(await store.writeBatch(line(['B1'])))[0]?.code).toBe('not-migrated');
      expect(issuesOf(await store.listEvents())[0]?.code).toBe('not-migrated');
    } finally {
      await h.cleanup();
    }
  });

  it('refuses a database migrated by a newer version (schema-too-new), changing nothing', async () => {
    const h = await factory();
    try {
      const store = await h.open();
      okValue(await store.migrate());
      await h.exec(
        `INSERT INTO schema_migrations (version, name, applied_ms) VALUES (${latest + 1}, 'from-the-future', 0)`,
      );
      const issues = issuesOf(await store.migrate());
      expect(issues[0]?.code).toBe('schema-too-new');
      expect(issues[0]?.message).toContain(`migration ${latest + 1} (from-the-future)`);
      // What is stored stays readable.
      okValue(await store.writeBatch([...line(['B1']), event('B1', 0)]));
      expect(okValue(await store.listEvents()).items).toHaveLength(1);
    } finally {
      await h.cleanup();
    }
  });

  it('refuses a database whose migration 1 has another name (migration-mismatch)', async () => {
    const h = await factory();
    try {
      const store = await h.open();
      okValue(await store.migrate());
      await h.exec("UPDATE schema_migrations SET name = 'someone-elses' WHERE version = 1");
      const issues = issuesOf(await store.migrate());
      expect(issues[0]?.code).toBe('migration-mismatch');
      expect(issues[0]?.message).toMatch(/'someone-elses', not 'initial'/);
    } finally {
      await h.cleanup();
    }
  });
}
