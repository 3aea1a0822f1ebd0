import { describe, expect, it } from 'vitest';
import { parseStoreLocation } from './open-store.js';

describe('parseStoreLocation', () => {
  it('reads a SQLite file, the in-memory database and PostgreSQL URLs with an optional schema', () => {
    expect(parseStoreLocation('sqlite:fab.sqlite')).toEqual({
      ok: true,
      value: { kind: 'sqlite', path: 'fab.sqlite' },
    });
    expect(parseStoreLocation('sqlite::memory:')).toEqual({
      ok: true,
      value: { kind: 'sqlite', path: ':memory:' },
    });
    expect(parseStoreLocation('postgres://postgres@127.0.0.1:5432/fab')).toEqual({
      ok: true,
      value: { kind: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:5432/fab' },
    });
    expect(parseStoreLocation('postgresql://u@db:5433/fab?schema=line2&sslmode=disable')).toEqual({
      ok: true,
      value: {
        kind: 'postgres',
        connectionString: 'postgresql://u@db:5433/fab?sslmode=disable',
        schema: 'line2',
      },
    });
  });

  it('names the option and what was expected when the text is no location', () => {
    for (const [text, part] of [
      ['fab.sqlite', "'fab.sqlite' is not a store location"],
      ['sqlite:', "'sqlite:' names no file"],
      ['postgres://', "'postgres://' names no host"],
      ['mysql://x/y', 'is not a store location'],
    ] as const) {
      const r = parseStoreLocation(text, '--store');
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0]?.code).toBe('bad-store');
      expect(r.issues[0]?.path).toBe('--store');
      expect(r.issues[0]?.message).toContain('--store: ');
      expect(r.issues[0]?.message).toContain(part);
    }
  });
});
