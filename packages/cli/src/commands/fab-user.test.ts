// End to end: `bondline fab user` sets up accounts on a migrated SQLite store, and `fab serve` then
// requires them: a request without a token is 401, the token made here reads, a maker's user sees
// only its maker's tools; without accounts, serving on an address other machines reach is refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, REPO_ROOT, runBondline, startBondline } from './e2e.test-util.js';

const CONFIG = join(REPO_ROOT, 'examples/fab/fab.yaml');
let dir = '';
let store = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-fab-user-'));
  store = `sqlite:${join(dir, 'fab.sqlite')}`;
  expect((await runBondline('fab', ['migrate', '--store', store])).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bondline fab user', () => {
  it('refuses to serve without accounts on a non-loopback address', async () => {
    const r = await runBondline('fab', ['serve', '--store', store, '--port', '0', '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--host 0.0.0.0: the store has no accounts');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('adds users and a token; fab serve then requires them', async () => {
    const bad = await runBondline('fab', [
      'user',
      'add',
      'ana',
      '--store',
      store,
      '--org',
      'nobody',
      '--role',
      'viewer',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("organisation 'nobody' is not stored");
    const weak = await runBondline(
      'fab',
      [
        'user',
        'add',
        'ana',
        '--store',
        store,
        '--org',
        'fab-1',
        '--role',
        'fab-admin',
        '--config',
        CONFIG,
        '--password-stdin',
      ],
      'short\n',
    );
    expect([weak.code, weak.stderr]).toEqual([2, expect.stringContaining('at least 12 characters')]);
    const added = await runBondline(
      'fab',
      [
        'user',
        'add',
        'ana',
        '--store',
        store,
        '--org',
        'fab-1',
        '--role',
        'fab-admin',
        '--config',
        CONFIG,
        '--password-stdin',
      ],
      'a long enough passphrase\n',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('user ana added: fab-admin of fab-1 (fab)');
    const maker = await runBondline('fab', [
      'user',
      'add',
      'mo',
      '--store',
      store,
      '--org',
      'maker-a',
      '--role',
      'maker-engineer',
    ]);
    expect(maker.code, maker.stderr).toBe(0);
    expect(maker.stdout).toMatch(/password \(shown once\): \S{24}/);
    const token = await runBondline('fab', [
      'user',
      'token',
      'ana',
      '--store',
      store,
      '--label',
      'test',
      '--scope',
      'read',
    ]);
    expect(token.code, token.stderr).toBe(0);
    const text = token.stdout.trim();
    expect(text).toMatch(/^blt_[\w-]{16}_[\w-]{43}$/);
    const list = await runBondline('fab', ['user', 'list', '--store', store]);
    expect(list.stdout).toBe('ana\tfab-1\tfab\tfab-admin\nmo\tmaker-a\tmaker\tmaker-engineer\n');

    const serve = startBondline('fab', ['serve', '--store', store, '--port', '0']);
    try {
      const url = (await serve.printed(/^api: (http:\/\/127\.0\.0\.1:\d+)\/api /m))[1];
      expect(serve.out()).toContain('accounts: 2 users');
      expect((await fetch(`${url}/api/tools`)).status).toBe(401);
      const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${text}` } });
      expect(await me.json()).toMatchObject({ userId: 'ana', scope: 'read', via: 'token' });
      const audit = await fetch(`${url}/api/audit`, { headers: { authorization: `Bearer ${text}` } });
      const actions = ((await audit.json()) as { items: { action: string; target: string }[] }).items;
      expect(actions.map((a) => `${a.action} ${a.target}`)).toEqual([
        'user add ana',
        'user add mo',
        'token add ana',
      ]);
    } finally {
      await serve.stop('SIGKILL');
    }
  });
});
