import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBondline } from './e2e.test-util.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-fab-migrate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bondline fab migrate', () => {
  it('creates the SQLite store, then finds it up to date', async () => {
    const store = `sqlite:${join(dir, 'fab.sqlite')}`;
    const first = await runBondline('fab', ['migrate', '--store', store]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied 1 initial\n/);
    // Migrations 1 to 10 (docs/fab.md §1.3).
    expect(first.stdout).toContain('applied 3 pair-analyses\n');
    expect(first.stdout).toContain('applied 4 r2r\n');
    expect(first.stdout).toContain('applied 5 facts-keyed-by-dataid\n');
    expect(first.stdout).toContain('applied 6 spc\n');
    expect(first.stdout).toContain('applied 7 fdc\n');
    expect(first.stdout).toContain('applied 8 tickets\n');
    expect(first.stdout).toContain('applied 9 accounts\n');
    expect(first.stdout).toContain('applied 10 webhook-dead-letters\n');
    expect(first.stdout).toContain('schema version 10\n');
    const again = await runBondline('fab', ['migrate', '--store', store]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/schema version \d+ \(up to date\)\n$/);
  });

  it('refuses a missing or malformed --store and an unknown part with exit 2', async () => {
    const cases: [string[], string][] = [
      [['migrate'], '--store is required'],
      [['migrate', '--store', 'fab.sqlite'], "--store: 'fab.sqlite' is not a store location"],
      [['migrate', '--store', 'sqlite:x', 'extra'], "unexpected argument 'extra'"],
      [['migrat'], "unknown part 'migrat'"],
      [[], 'which part?'],
    ];
    for (const [args, message] of cases) {
      const r = await runBondline('fab', args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('says which PostgreSQL it could not reach, with exit 1 and the password hidden', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const r = await runBondline('fab', ['migrate', '--store', 'postgres://u:secret@127.0.0.1:1/fab']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PostgreSQL postgres://u:***@127.0.0.1:1/fab');
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
