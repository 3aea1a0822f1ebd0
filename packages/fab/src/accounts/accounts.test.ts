// The accounts' building blocks: password hashes (scrypt, RFC 7914), token and session secrets, the
// login limiter, and what each role and side may see and do.
import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../loop/ticket-workflow.js';
import { can, canSeeTool, type Principal, roleFitsSide } from './access.js';
import { LoginLimiter } from './login-limiter.js';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
import { csrfMatches, newSession, newToken, parseToken, secretHash, secretMatches } from './secrets.js';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('computes scrypt as RFC 7914 §12 (second vector: "password", "NaCl", N 1024, r 8, p 16)', () => {
    // The RFC's vector through node:crypto, the primitive hashPassword uses.
    const key = scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 });
    expect(key.toString('hex')).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
        '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    );
  });

  it('verifies the right password only, and names its parameters', async () => {
    const h = await hashPassword('correct horse battery staple', FAST);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', h)).toBe(false);
    expect(await hashPassword('correct horse battery staple', FAST)).not.toBe(h);
    expect(needsRehash(h)).toBe(true);
    expect(needsRehash(h, FAST)).toBe(false);
  });

  it('takes the same password in either Unicode normal form', async () => {
    const h = await hashPassword('Müller-passwort-1', FAST);
    expect(await verifyPassword('Mu\u0308ller-passwort-1', h)).toBe(true);
  });

  it('refuses stored texts that are not its hashes, and overlong passwords', async () => {
    for (const bad of [
      '',
      'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'bcrypt$x',
      'scrypt$1024$8$1$!$!',
    ])
      expect(await verifyPassword('x', bad)).toBe(false);
    expect(await verifyPassword('x'.repeat(2000), await hashPassword('y'.repeat(20), FAST))).toBe(false);
    expect(passwordProblem('short')).toBe('at least 12 characters');
    expect(passwordProblem('x'.repeat(1025))).toBe('at most 1024 characters');
    expect(passwordProblem('a long enough one')).toBeUndefined();
  });

  it("hashes with OWASP's parameters by default (N 2^17)", async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
  });
});

describe('tokens and sessions', () => {
  it('gives a token text once and keeps only the hash of its secret', () => {
    const t = newToken();
    const parsed = parseToken(t.text);
    expect(parsed?.id).toBe(t.id);
    expect(secretMatches(parsed?.secret ?? '', t.hash)).toBe(true);
    expect(t.text).not.toContain(t.hash);
    const secret = parsed?.secret ?? '';
    const other = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(secretMatches(other, t.hash)).toBe(false);
    expect(parseToken(`${t.text}x`)).toBeUndefined();
    expect(parseToken(t.text.replace('blt_', 'xyz_'))).toBeUndefined();
    expect(secretMatches('anything', 'not-hex')).toBe(false);
  });

  it('hashes with SHA-256 (FIPS 180-4 example "abc")', () => {
    expect(secretHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('makes sessions with a CSRF token the header must repeat', () => {
    const a = newSession();
    const b = newSession();
    expect(a.secret).not.toBe(b.secret);
    expect(secretMatches(a.secret, a.hash)).toBe(true);
    expect(csrfMatches(a.csrf, a.csrf)).toBe(true);
    expect(csrfMatches(a.csrf, b.csrf)).toBe(false);
    expect(csrfMatches(a.csrf, undefined)).toBe(false);
    expect(csrfMatches(a.csrf, '')).toBe(false);
  });
});

describe('LoginLimiter', () => {
  it('refuses after 5 failures in 15 minutes until the oldest leaves the window', () => {
    const l = new LoginLimiter();
    const keys = ['user:ana', 'ip:10.0.0.7'];
    for (let i = 0; i < 5; i++) {
      expect(l.check(keys, i * 1000).allowed).toBe(true);
      l.failed(keys, i * 1000);
    }
    expect(l.check(keys, 5000)).toEqual({ allowed: false, retryAfterMs: 15 * 60_000 - 5000 });
    // Another user from the same address is refused too; the same user from another address as well.
    expect(l.check(['user:ben', 'ip:10.0.0.7'], 5000).allowed).toBe(false);
    expect(l.check(['user:ana', 'ip:10.0.0.8'], 5000).allowed).toBe(false);
    expect(l.check(keys, 15 * 60_000 + 1).allowed).toBe(true);
    l.succeeded(keys);
    expect(l.check(keys, 6000).allowed).toBe(true);
  });

  it('remembers at most maxKeys keys', () => {
    const l = new LoginLimiter({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) l.failed([`ip:${i}`], i);
    expect(l.size).toBe(100);
  });
});

describe('access', () => {
  const fab = (role: Principal['role']): Principal => ({
    userId: 'u',
    role,
    organisationId: 'fab',
    side: 'fab',
  });
  const maker = (role: Principal['role']): Principal => ({
    userId: 'm',
    role,
    organisationId: 'maker-a',
    side: 'maker',
  });

  it('lets the fab see every tool and a maker only its own', () => {
    expect(canSeeTool(fab('viewer'), 'maker-b')).toBe(true);
    expect(canSeeTool(maker('maker-engineer'), 'maker-a')).toBe(true);
    expect(canSeeTool(maker('maker-engineer'), 'maker-b')).toBe(false);
    expect(canSeeTool(maker('viewer'), 'maker-b')).toBe(false);
  });

  it('gives each role its side and capabilities', () => {
    expect(ROLES.filter((r) => roleFitsSide(r, 'maker'))).toEqual(['maker-engineer', 'viewer']);
    expect(ROLES.filter((r) => roleFitsSide(r, 'fab'))).toEqual([
      'fab-admin',
      'fab-engineer',
      'operator',
      'viewer',
    ]);
    expect(ROLES.filter((r) => can(fab(r), 'admin'))).toEqual(['fab-admin']);
    expect(ROLES.filter((r) => can(fab(r), 'engineer'))).toEqual(['fab-admin', 'fab-engineer']);
    expect(ROLES.filter((r) => can(fab(r), 'report'))).toEqual(['fab-admin', 'fab-engineer', 'operator']);
    expect(ROLES.filter((r) => can(fab(r), 'ticket'))).toEqual([
      'fab-admin',
      'fab-engineer',
      'operator',
      'maker-engineer',
    ]);
    expect(can(maker('viewer'), 'tokens')).toBe(false);
  });
});
