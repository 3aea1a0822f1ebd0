// The dashboard's static files at / (web-root.ts): files, index.html for client routes, never /api/*,
// no sign-in needed, no way out of the root.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, T0 } from '../store/store-fixtures.test-util.js';
import { buildFabApi } from './fab-api.js';
import { fileOf } from './web-root.js';

const INDEX =
  '<!doctype html><title>Bondline</title><script type="module" src="/assets/app-1a2b.js"></script>';

let dir: string;
let store: FabStore;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-web-root-'));
  const root = join(dir, 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log(1);');
  await writeFile(join(dir, 'secret.txt'), 'outside the root');
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  okValue(await store.writeBatch(line(['B1'])));
  okValue(
    await store.createUser({
      id: 'ada',
      organisationId: 'fab',
      role: 'fab-admin',
      passwordHash: 'x',
      createdMs: T0,
    }),
  );
  // Accounts mode: the files must come without a session, the API must still ask for one.
  app = await buildFabApi({ store, auth: 'accounts', webRoot: root });
});

afterAll(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the web root', () => {
  it('serves index.html at / and for client routes, without sign-in, with a same-origin-only policy', async () => {
    for (const url of ['/', '/tools/B1', '/pairs/L1-P1', '/signin']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.body).toBe(INDEX);
    }
    const head = await app.inject({ method: 'HEAD', url: '/tools/B1' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('serves an asset with its type, cached for good (its name carries its hash)', async () => {
    const r = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['cache-control']).toContain('immutable');
    expect(r.body).toBe('console.log(1);');
  });

  it('answers 404 for a missing asset rather than the app', async () => {
    const r = await app.inject({ method: 'GET', url: '/assets/gone-9z9z.js' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/json');
  });

  it('never shadows the API: unknown /api paths keep their JSON 404, known ones their sign-in', async () => {
    for (const url of ['/api', '/api/', '/api/nothing-here', '/api/tools/B1/nothing']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.json(), url).toMatchObject({ code: 'not-found' });
    }
    expect((await app.inject({ method: 'GET', url: '/api/tools' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('never leaves the root, whatever the path encodes', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets%00.js',
      '/assets/link.txt',
    ]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.body, url).not.toContain('outside the root');
      expect([400, 404], url).toContain(r.statusCode);
    }
    expect(fileOf('/srv/web', '../x')).toBeUndefined();
    expect(fileOf('/srv/web', 'a/../../x')).toBeUndefined();
    expect(fileOf('/srv/web', 'a\\..\\x')).toBeUndefined();
    expect(fileOf('/srv/web', 'assets/a.js')).toBe(join('/srv/web', 'assets', 'a.js'));
    expect(fileOf('/srv/web', '')).toBe('/srv/web');
  });

  it('refuses to start on a folder without index.html', async () => {
    await expect(buildFabApi({ store, webRoot: join(dir, 'dist', 'assets') })).rejects.toThrow(/index.html/);
  });
});
