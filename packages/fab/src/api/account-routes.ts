// The accounts' routes (docs/fab.md §14.6): signing in and out (a session in an httpOnly, SameSite
// cookie, its CSRF token in a readable one), who am I, one's API tokens (shown once, revocable), and
// for the fab's admins the users and the audit log. Sign-in is rate-limited per user name and per
// client address; an unknown user costs the same scrypt work as a wrong password.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, type Permission } from '../accounts/access.js';
import { LoginLimiter } from '../accounts/login-limiter.js';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  passwordProblem,
  type ScryptParams,
  verifyPassword,
} from '../accounts/password.js';
import { newSession, newToken } from '../accounts/secrets.js';
import { ROLES } from '../loop/ticket-workflow.js';
import { TOKEN_SCOPES, USER_ID } from '../store/account-records.js';
import type { FabStore } from '../store/fab-store.js';
import { sendStoreRefusal } from './api-errors.js';
import { idParams, idText, pageQuery } from './query-schemas.js';
import { type ApiAuthMode, authOf, CSRF_COOKIE, SESSION_COOKIE } from './request-auth.js';
import { apiError } from './response-schemas.js';
import { pageParams } from './store-query.js';

export interface AccountRoutesOptions {
  readonly store: FabStore;
  readonly mode: ApiAuthMode;
  /** How long a session lasts, ms (default 12 hours: a shift and its overlap). */
  readonly sessionMs?: number;
  /** The cost of new password hashes (default OWASP's, accounts/password.ts). */
  readonly scrypt?: ScryptParams;
  readonly limiter?: LoginLimiter;
}

const PERMISSIONS: readonly Permission[] = ['admin', 'report', 'ticket', 'engineer', 'tokens'];
const errors = { 400: apiError, 401: apiError, 403: apiError, 404: apiError, 409: apiError, 503: apiError };

const userSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    side: z.enum(['fab', 'maker']),
    role: z.enum(ROLES),
    createdMs: z.number().int(),
    disabledMs: z.number().int().optional(),
  })
  .meta({ id: 'User' });
const tokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    label: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    createdMs: z.number().int(),
    expiresMs: z.number().int().optional(),
    revokedMs: z.number().int().optional(),
  })
  .meta({ id: 'ApiToken' });
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item).readonly(), nextCursor: z.string().optional() });

const signInBody = z.strictObject({ user: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
const tokenBody = z.strictObject({
  label: z.string().min(1).max(200),
  scope: z.enum(TOKEN_SCOPES).default('read'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
const userBody = z.strictObject({
  id: z.string().regex(USER_ID, 'a user name: 1..64 of A-Z a-z 0-9 . _ @ -, starting with a letter or digit'),
  organisation: idText,
  role: z.enum(ROLES),
  password: z.string().min(1).max(1024),
});
const tokensQuery = pageQuery.extend({ user: idText.optional() });
const auditQuery = pageQuery.extend({ actor: idText.optional() });

const DAY_MS = 86_400_000;

export function registerAccountRoutes(fastify: FastifyInstance, o: AccountRoutesOptions): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { store } = o;
  const sessionMs = o.sessionMs ?? 12 * 3_600_000;
  const scrypt = o.scrypt ?? DEFAULT_SCRYPT;
  const limiter = o.limiter ?? new LoginLimiter();
  // What an unknown user's password is checked against, so the answer takes as long as a wrong one.
  let decoy: Promise<string> | undefined;
  const noAccounts = (reply: FastifyReply) =>
    reply.code(409).send({
      code: 'no-accounts',
      message:
        'this fab runs without accounts (local mode): add a user with `bondline fab user add` and restart',
    });

  app.post(
    '/api/session',
    {
      schema: {
        summary: 'Sign in: a session cookie (httpOnly) and its CSRF token (also in the answer)',
        body: signInBody,
        response: {
          200: z.object({ user: userSchema, csrf: z.string(), expiresMs: z.number().int() }),
          ...errors,
          429: apiError,
        },
      },
    },
    async (req, reply) => {
      if (o.mode === 'local') return noAccounts(reply);
      const { user, password } = req.body;
      const keys = [`user:${user.toLowerCase()}`, `address:${req.ip}`];
      const now = Date.now();
      const check = limiter.check(keys, now);
      if (!check.allowed) {
        const s = Math.ceil(check.retryAfterMs / 1000);
        return reply
          .code(429)
          .header('retry-after', String(s))
          .send({ code: 'too-many-attempts', message: `too many failed sign-ins: try again in ${s} s` });
      }
      const found = await store.userCredentials(user);
      if (!found.ok && found.issues[0]?.code !== 'not-found') return sendStoreRefusal(reply, found.issues);
      decoy ??= hashPassword('not a password of anyone', scrypt);
      const good = found.ok
        ? await verifyPassword(password, found.value.passwordHash)
        : await verifyPassword(password, await decoy).then(() => false);
      if (!found.ok || !good || found.value.user.disabledMs !== undefined) {
        limiter.failed(keys, now);
        return reply
          .code(401)
          .send({ code: 'bad-credentials', message: 'the user name or the password is wrong' });
      }
      limiter.succeeded(keys);
      const s = newSession();
      const expiresMs = now + sessionMs;
      const stored = await store.createSession({
        hash: s.hash,
        userId: found.value.user.id,
        csrf: s.csrf,
        createdMs: now,
        expiresMs,
      });
      if (!stored.ok) return sendStoreRefusal(reply, stored.issues);
      req.bondlineAuth = {
        principal: {
          userId: found.value.user.id,
          role: found.value.user.role,
          organisationId: found.value.user.organisationId,
          side: found.value.user.side,
        },
        via: 'session',
        scope: 'write',
      };
      const secure = req.protocol === 'https';
      const maxAge = Math.floor(sessionMs / 1000);
      reply
        .setCookie(SESSION_COOKIE, s.secret, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure,
          maxAge,
        })
        .setCookie(CSRF_COOKIE, s.csrf, { httpOnly: false, sameSite: 'strict', path: '/', secure, maxAge });
      return reply.send({ user: found.value.user, csrf: s.csrf, expiresMs });
    },
  );

  app.delete(
    '/api/session',
    { schema: { summary: 'Sign out: the session ends', response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const a = authOf(req);
      if (a.sessionHash !== undefined) {
        const r = await store.deleteSession(a.sessionHash);
        if (!r.ok) return sendStoreRefusal(reply, r.issues);
      }
      return reply
        .clearCookie(SESSION_COOKIE, { path: '/' })
        .clearCookie(CSRF_COOKIE, { path: '/' })
        .code(204)
        .send(null);
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        summary: 'Who the request acts as, how, and what it may do beyond reading',
        response: {
          200: z.object({
            userId: z.string(),
            organisationId: z.string(),
            side: z.enum(['fab', 'maker']),
            role: z.enum(ROLES),
            via: z.enum(['session', 'token', 'local']),
            scope: z.enum(TOKEN_SCOPES),
            permissions: z.array(z.enum(PERMISSIONS)),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const a = authOf(req);
      const permissions = a.scope === 'read' ? [] : PERMISSIONS.filter((p) => can(a.principal, p));
      return reply.send({ ...a.principal, via: a.via, scope: a.scope, permissions });
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        summary: "One's API tokens (an admin: anyone's, with user=)",
        querystring: tokensQuery,
        response: { 200: pageOf(tokenSchema), ...errors },
      },
    },
    async (req, reply) => {
      const p = authOf(req).principal;
      const userId = can(p, 'admin') ? req.query.user : p.userId;
      const r = await store.listApiTokens({
        ...pageParams(req.query),
        ...(userId === undefined ? {} : { userId }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        summary: 'A new API token of the caller: its text is in this answer only',
        body: tokenBody,
        response: { 201: z.object({ token: tokenSchema, text: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      if (o.mode === 'local') return noAccounts(reply);
      const p = authOf(req).principal;
      const t = newToken();
      const now = Date.now();
      const { expiresInDays } = req.body;
      const r = await store.createApiToken({
        id: t.id,
        userId: p.userId,
        hash: t.hash,
        label: req.body.label,
        scope: req.body.scope,
        createdMs: now,
        ...(expiresInDays === undefined ? {} : { expiresMs: now + expiresInDays * DAY_MS }),
      });
      return r.ok
        ? reply.code(201).send({ token: r.value, text: t.text })
        : sendStoreRefusal(reply, r.issues);
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        summary: 'Revoke a token (one of the caller, or any for an admin)',
        params: idParams,
        response: { 200: tokenSchema, ...errors },
      },
    },
    async (req, reply) => {
      const p = authOf(req).principal;
      const t = await store.getApiToken(req.params.id);
      if (!t.ok || (t.value.userId !== p.userId && !can(p, 'admin')))
        return reply
          .code(404)
          .send({ code: 'not-found', message: `no token '${req.params.id}'`, path: 'id' });
      const r = await store.revokeApiToken(req.params.id, Date.now());
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        summary: 'Users by name (fab admins)',
        querystring: pageQuery.extend({ organisation: idText.optional() }),
        response: { 200: pageOf(userSchema), ...errors },
      },
    },
    async (req, reply) => {
      const org = req.query.organisation;
      const r = await store.listUsers({
        ...pageParams(req.query),
        ...(org === undefined ? {} : { organisationId: org }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        summary: 'Add a user of an organisation with one role (fab admins)',
        body: userBody,
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const weak = passwordProblem(b.password);
      if (weak !== undefined)
        return reply
          .code(400)
          .send({ code: 'weak-password', message: `password: ${weak}`, path: 'password' });
      const r = await store.createUser({
        id: b.id,
        organisationId: b.organisation,
        role: b.role,
        passwordHash: await hashPassword(b.password, scrypt),
        createdMs: Date.now(),
      });
      if (r.ok) return reply.code(201).send(r.value);
      const first = r.issues[0];
      // The store's refusals of a body are the client's: a name taken, an organisation or role that does not fit.
      if (first?.code === 'already-exists')
        return reply.code(409).send({ code: first.code, message: first.message, path: 'id' });
      if (first?.code === 'unknown-reference' || first?.code === 'invalid-record')
        return reply.code(400).send({
          code: first.code === 'unknown-reference' ? 'unknown-organisation' : 'invalid-user',
          message: first.message,
          path: first.path === 'organisationId' ? 'organisation' : (first.path ?? 'id'),
        });
      return sendStoreRefusal(reply, r.issues);
    },
  );

  app.post(
    '/api/users/:id/disable',
    {
      schema: {
        summary: 'Disable a user: sign-in refused, sessions ended, tokens stop acting (fab admins)',
        params: idParams,
        response: { 200: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await store.disableUser(req.params.id, Date.now());
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );

  app.get(
    '/api/audit',
    {
      schema: {
        summary: 'The audit log: every write, who, when, from where, with what answer (fab admins)',
        querystring: auditQuery,
        response: {
          200: pageOf(
            z.object({
              seq: z.number().int(),
              atMs: z.number().int(),
              actorId: z.string(),
              actorRole: z.string(),
              organisationId: z.string().optional(),
              action: z.string(),
              target: z.string(),
              outcome: z.number().int(),
              address: z.string().optional(),
              detail: z.record(z.string(), z.unknown()),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const actor = req.query.actor;
      const r = await store.listAudit({
        ...pageParams(req.query),
        ...(actor === undefined ? {} : { actorId: actor }),
      });
      return r.ok ? reply.send(r.value) : sendStoreRefusal(reply, r.issues);
    },
  );
}
