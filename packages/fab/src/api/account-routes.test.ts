// Signing in and out, sessions with their CSRF token, tokens shown once and revocable, the sign-in
// rate limit, users added by an admin, and the audit log of every write (docs/fab.md §14.6), on SQLite.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginLimiter } from '../accounts/login-limiter.js';
import { hashPassword } from '../accounts/password.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, T0 } from '../store/store-fixtures.test-util.js';
import { buildFabApi } from './fab-api.js';

// Cheap hashes: the cost of OWASP's parameters is measured in accounts.test.ts, not paid per test.
const SCRYPT = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

let dir: string;
let store: FabStore;
let app: FastifyInstance;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-accounts-api-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  okValue(await store.writeBatch(line(['B1'])));
  const passwordHash = await hashPassword(PASSWORD, SCRYPT);
  okValue(
    await store.createUser({
      id: 'ada',
      organisationId: 'fab',
      role: 'fab-admin',
      passwordHash,
      createdMs: T0,
    }),
  );
  okValue(
    await store.createUser({
      id: 'mo',
      organisationId: 'maker-a',
      role: 'maker-engineer',
      passwordHash,
      createdMs: T0,
    }),
  );
  app = await buildFabApi({
    store,
    auth: 'accounts',
    checkResponses: true,
    accounts: { scrypt: SCRYPT, limiter: new LoginLimiter({ maxFailures: 3 }) },
  });
});

afterEach(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const signIn = (user: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/session', payload: { user, password } });

function cookiesOf(r: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(r.cookies.map((c) => [c.name, c.value]));
}

describe('sessions', () => {
  it('signs in with a cookie session: reads need the cookie, writes also its CSRF token', async () => {
    const r = await signIn('ada', PASSWORD);
    expect(r.statusCode).toBe(200);
    const session = r.cookies.find((c) => c.name === 'bondline_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const csrf = (r.json() as { csrf: string }).csrf;
    expect(cookiesOf(r).bondline_csrf).toBe(csrf);
    const cookies = cookiesOf(r);
    const me = await app.inject({ url: '/api/me', cookies });
    expect(me.json()).toMatchObject({ userId: 'ada', role: 'fab-admin', via: 'session', side: 'fab' });
    const body = { label: 'nightly export', scope: 'read' };
    const noCsrf = await app.inject({ method: 'POST', url: '/api/tokens', cookies, payload: body });
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'csrf-mismatch']);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies,
      headers: { 'x-csrf-token': `${csrf.slice(1)}x` },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const made = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies,
      headers: { 'x-csrf-token': csrf },
      payload: body,
    });
    expect(made.statusCode).toBe(201);
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      cookies,
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/me', cookies });
    expect([after.statusCode, after.json().code]).toEqual([401, 'unauthenticated']);
  });

  it('refuses a wrong password and an unknown user alike, then rate-limits with Retry-After', async () => {
    const wrong = await signIn('ada', 'not the password at all');
    const unknown = await signIn('nobody', 'not the password at all');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    await signIn('ada', 'still not the password');
    await signIn('ada', 'and again not it');
    const limited = await signIn('ada', PASSWORD);
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'too-many-attempts']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('tokens', () => {
  it('shows a token once, lets it act within its scope, and stops it when revoked', async () => {
    const s = await signIn('mo', PASSWORD);
    const cookies = cookiesOf(s);
    const headers = { 'x-csrf-token': (s.json() as { csrf: string }).csrf };
    const make = (scope: string) =>
      app.inject({ method: 'POST', url: '/api/tokens', cookies, headers, payload: { label: 'ci', scope } });
    const read = (await make('read')).json() as { token: { id: string }; text: string };
    const write = (await make('write')).json() as { token: { id: string }; text: string };
    expect(read.text).toMatch(/^blt_/);
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    expect((await app.inject({ url: '/api/tools', headers: bearer(read.text) })).statusCode).toBe(200);
    const listed = await app.inject({ url: '/api/tokens', headers: bearer(read.text) });
    expect(JSON.stringify(listed.json())).not.toContain(read.text.slice(21));
    const refused = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(read.text),
      payload: { label: 'x' },
    });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'read-only-token']);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${read.token.id}`,
      headers: bearer(write.text),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/tools', headers: bearer(read.text) })).statusCode).toBe(401);
    const forged = `${write.text.slice(0, -1)}${write.text.endsWith('A') ? 'B' : 'A'}`;
    expect((await app.inject({ url: '/api/tools', headers: bearer(forged) })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/tools', headers: bearer('Basic abc') })).statusCode).toBe(401);
  });
});

describe('users and the audit log', () => {
  it('lets an admin add users (a weak password or a role the side cannot hold refused) and audits every write', async () => {
    const s = await signIn('ada', PASSWORD);
    const cookies = cookiesOf(s);
    const headers = { 'x-csrf-token': (s.json() as { csrf: string }).csrf };
    const add = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/users', cookies, headers, payload });
    const good = { id: 'lee', organisation: 'maker-a', role: 'viewer', password: 'a long enough one' };
    expect((await add(good)).statusCode).toBe(201);
    expect((await add(good)).json()).toMatchObject({ code: 'already-exists', path: 'id' });
    expect((await add({ ...good, id: 'lee2', password: 'short' })).json()).toMatchObject({
      code: 'weak-password',
      path: 'password',
    });
    expect((await add({ ...good, id: 'lee3', role: 'fab-engineer' })).json()).toMatchObject({
      code: 'invalid-user',
      path: 'role',
    });
    expect((await add({ ...good, id: 'lee4', organisation: 'nobody' })).json()).toMatchObject({
      code: 'unknown-organisation',
      path: 'organisation',
    });
    const audit = await app.inject({ url: '/api/audit?limit=100', cookies });
    const lines = (audit.json() as { items: { actorId: string; action: string; outcome: number }[] }).items;
    expect(lines.map((l) => [l.actorId, l.action, l.outcome])).toEqual([
      ['ada', 'POST /api/session', 200],
      ['ada', 'POST /api/users', 201],
      ['ada', 'POST /api/users', 409],
      ['ada', 'POST /api/users', 400],
      ['ada', 'POST /api/users', 400],
      ['ada', 'POST /api/users', 400],
    ]);
    const maker = await signIn('mo', PASSWORD);
    expect((await app.inject({ url: '/api/audit', cookies: cookiesOf(maker) })).statusCode).toBe(404);
  });
});
