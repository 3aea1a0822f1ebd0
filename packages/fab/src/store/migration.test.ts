// Migration planning: what is pending, in order; a database ahead of the code or from another
// project is refused; a migration list with gaps or bad names is a programmer error.
import { describe, expect, it } from 'vitest';
import { checkMigrationList, type Migration, pendingMigrations } from './migration.js';
import { POSTGRES_MIGRATIONS } from './postgres/postgres-migrations.js';
import { SQLITE_MIGRATIONS } from './sqlite/sqlite-migrations.js';

const m = (version: number, name: string): Migration => ({ version, name, sql: 'SELECT 1' });
const known = [m(1, 'initial'), m(2, 'spc'), m(3, 'tickets')];

describe('pendingMigrations', () => {
  it('lists the known migrations not applied, in version order', () => {
    const r = pendingMigrations(
      [known[2], known[0], known[1]].filter((x) => x !== undefined),
      [{ version: 1, name: 'initial' }],
    );
    expect(r.ok && r.value.map((x) => x.version)).toEqual([2, 3]);
    const none = pendingMigrations(known, known);
    expect(none.ok && none.value).toEqual([]);
  });

  it('refuses an applied version it does not know, and a known version under another name', () => {
    const ahead = pendingMigrations(known, [...known, { version: 4, name: 'later' }]);
    expect(ahead.ok ? undefined : ahead.issues[0]?.code).toBe('schema-too-new');
    const other = pendingMigrations(known, [{ version: 1, name: 'init' }]);
    expect(other.ok ? undefined : other.issues[0]?.message).toMatch(/migration 1 is 'init', not 'initial'/);
  });
});

describe('checkMigrationList', () => {
  it('accepts versions 1..n with kebab-case names, and both stores have the same list', () => {
    expect(checkMigrationList(known)).toBe(known);
    expect(SQLITE_MIGRATIONS.map((x) => [x.version, x.name])).toEqual(
      POSTGRES_MIGRATIONS.map((x) => [x.version, x.name]),
    );
  });

  it('throws on a gap, an order mistake or a name that is not kebab-case', () => {
    expect(() => checkMigrationList([m(1, 'a'), m(3, 'c')])).toThrow(/version 3, expected 2/);
    expect(() => checkMigrationList([m(2, 'b')])).toThrow(/expected 1/);
    expect(() => checkMigrationList([m(1, 'Initial_Schema')])).toThrow(/not kebab-case/);
  });
});
