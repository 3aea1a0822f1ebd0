// Who a request is, and what it may see (docs/fab.md §14.6). With accounts, a request carries an API
// token (`Authorization: Bearer blt_…`) or a web session (the `bondline_session` cookie, and on every
// write the session's CSRF token in `X-CSRF-Token`); without any account in the store the fab runs in
// local mode, where every request is the local operator, a fab admin (for an embedded fab on this
// machine: the API binds 127.0.0.1 by default). Every route of the API has an entry in the access
// policy (access-policy.ts), checked here before its handler: a route without one fails at start-up.
// A maker's user then reads the store through their maker view (accounts/maker-view.ts); every write
// lands in the audit log with its answer's status before the answer is sent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Principal } from '../accounts/access.js';
import { makerView, toolsOf } from '../accounts/maker-view.js';
import { csrfMatches, parseToken, secretHash, secretMatches } from '../accounts/secrets.js';
import type { Actor } from '../loop/ticket-workflow.js';
import type { TokenScope } from '../store/account-records.js';
import type { FabStore } from '../store/fab-store.js';
import { ACCESS_POLICY, type RouteAccess } from './access-policy.js';
import { sendStoreRefusal } from './api-errors.js';

/** How the API knows who asks. */
export type ApiAuthMode =
  /** Tokens and sessions of the store's users; a request without either is answered 401. */
  | 'accounts'
  /** No accounts: every request is the local operator, a fab admin. For a trusted machine only. */
  | 'local';

export interface RequestAuth {
  readonly principal: Principal;
  readonly via: 'session' | 'token' | 'local';
  /** What the credential allows: a read-only token may not write. */
  readonly scope: TokenScope;
  /** The session's CSRF token (via session only). */
  readonly csrf?: string;
  /** The session's key (SHA-256 of its cookie), to end it on sign-out (via session only). */
  readonly sessionHash?: string;
  /** The token's id (via token only). */
  readonly tokenId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set before the handler of every route that is not public. */
    bondlineAuth?: RequestAuth;
    /** The store as this request may read it (a maker's view for a maker's user). */
    bondlineView?: FabStore;
  }
}

export const SESSION_COOKIE = 'bondline_session';
export const CSRF_COOKIE = 'bondline_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** The local operator of local mode. */
export const LOCAL_PRINCIPAL: Principal = {
  userId: 'local-operator',
  role: 'fab-admin',
  organisationId: 'local',
  side: 'fab',
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's authentication; a route that is not public always has one (a bug otherwise). */
export function authOf(req: FastifyRequest): RequestAuth {
  const a = req.bondlineAuth;
  if (a === undefined) throw new Error(`${req.method} ${req.url}: no authentication on a signed-in route`);
  return a;
}

/** The store as the request's principal may read it. */
export function viewOf(req: FastifyRequest): FabStore {
  const v = req.bondlineView;
  if (v === undefined) throw new Error(`${req.method} ${req.url}: no store view on a signed-in route`);
  return v;
}

/** The ticket workflow's actor of a request. */
export function actorOf(req: FastifyRequest): Actor | undefined {
  const a = req.bondlineAuth;
  return a === undefined ? undefined : { id: a.principal.userId, role: a.principal.role };
}

const principalOf = (u: {
  id: string;
  role: Principal['role'];
  organisationId: string;
  side: Principal['side'];
}): Principal => ({ userId: u.id, role: u.role, organisationId: u.organisationId, side: u.side });

type Found =
  | { ok: true; auth: RequestAuth }
  | { ok: false; status: 401 | 503; code: string; message: string };

/** The credentials of a request in accounts mode. */
async function authenticate(store: FabStore, req: FastifyRequest, nowMs: number): Promise<Found> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer (\S+)$/.exec(header);
    const parsed = m?.[1] === undefined ? undefined : parseToken(m[1]);
    if (parsed === undefined)
      return {
        ok: false,
        status: 401,
        code: 'unauthenticated',
        message: 'Authorization is not `Bearer blt_…`',
      };
    const t = await store.activeApiToken(parsed.id, nowMs);
    if (!t.ok && t.issues[0]?.code !== 'not-found')
      return {
        ok: false,
        status: 503,
        code: t.issues[0]?.code ?? 'store-unavailable',
        message: 'store unavailable',
      };
    if (!t.ok || !secretMatches(parsed.secret, t.value.hash))
      return {
        ok: false,
        status: 401,
        code: 'unauthenticated',
        message: 'the token is unknown, revoked or expired',
      };
    return {
      ok: true,
      auth: {
        principal: principalOf(t.value.user),
        via: 'token',
        scope: t.value.token.scope,
        tokenId: parsed.id,
      },
    };
  }
  const secret = req.cookies[SESSION_COOKIE];
  if (secret !== undefined && secret.length > 0 && secret.length <= 100) {
    const hash = secretHash(secret);
    const s = await store.activeSession(hash, nowMs);
    if (s.ok)
      return {
        ok: true,
        auth: {
          principal: principalOf(s.value.user),
          via: 'session',
          scope: 'write',
          csrf: s.value.csrf,
          sessionHash: hash,
        },
      };
    if (s.issues[0]?.code !== 'not-found')
      return {
        ok: false,
        status: 503,
        code: s.issues[0]?.code ?? 'store-unavailable',
        message: 'store unavailable',
      };
    return {
      ok: false,
      status: 401,
      code: 'unauthenticated',
      message: 'the session has ended: sign in again',
    };
  }
  return {
    ok: false,
    status: 401,
    code: 'unauthenticated',
    message: 'sign in (POST /api/session) or send an API token (Authorization: Bearer blt_…)',
  };
}

/** The policy entry of a request's route (HEAD follows GET); undefined for a request no route matched. */
function accessOf(req: FastifyRequest): RouteAccess | undefined {
  const url = req.routeOptions.url;
  if (url === undefined) return undefined;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  return ACCESS_POLICY[`${method} ${url}`];
}

const notFound = (reply: FastifyReply) => reply.code(404).send({ code: 'not-found', message: 'not found' });

/**
 * Check every route's access before its handler, and audit every write after its answer. A route
 * registered without a policy entry throws at start-up.
 */
export function installAccessChecks(app: FastifyInstance, store: FabStore, mode: ApiAuthMode): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method === 'HEAD') continue;
      if (ACCESS_POLICY[`${method} ${route.url}`] === undefined)
        throw new Error(`${method} ${route.url} has no entry in the access policy (api/access-policy.ts)`);
    }
  });

  app.addHook('preValidation', async (req, reply) => {
    const access = accessOf(req);
    if (access === undefined || access.see === 'public') return;
    let auth: RequestAuth;
    if (mode === 'local') auth = { principal: LOCAL_PRINCIPAL, via: 'local', scope: 'write' };
    else {
      const found = await authenticate(store, req, Date.now());
      if (!found.ok) {
        if (found.status === 401) reply.header('www-authenticate', 'Bearer');
        return reply.code(found.status).send({ code: found.code, message: found.message });
      }
      auth = found.auth;
    }
    req.bondlineAuth = auth;
    const p = auth.principal;
    if (!READS.has(req.method)) {
      if (auth.via === 'session' && !csrfMatches(auth.csrf ?? '', headerText(req.headers[CSRF_HEADER])))
        return reply.code(403).send({
          code: 'csrf-mismatch',
          message: `a write with a session cookie needs the session's CSRF token in ${CSRF_HEADER}`,
        });
      if (auth.scope === 'read')
        return reply.code(403).send({ code: 'read-only-token', message: 'this API token may only read' });
    }
    if (access.see === 'fab' && p.side !== 'fab') return notFound(reply);
    if (access.permission !== undefined && !can(p, access.permission))
      return reply.code(403).send({
        code: 'not-permitted',
        message: `${p.role} may not do this (it needs the ${access.permission} permission)`,
      });
    if (p.side === 'fab') {
      req.bondlineView = store;
      return;
    }
    const tools = await toolsOf(store, p.organisationId);
    if (!tools.ok) return sendStoreRefusal(reply, tools.issues);
    req.bondlineView = makerView(store, p.organisationId, tools.value);
  });

  // Before the answer leaves: a client that reads the log after its write finds the line there.
  app.addHook('onSend', async (req, reply, payload) => {
    if (READS.has(req.method) || accessOf(req) === undefined) return payload;
    const p = req.bondlineAuth?.principal;
    const url = req.routeOptions.url ?? req.url;
    const r = await store.appendAudit({
      atMs: Date.now(),
      actorId: p?.userId ?? auditedName(req) ?? 'anonymous',
      actorRole: p?.role ?? 'none',
      ...(p === undefined ? {} : { organisationId: p.organisationId }),
      action: `${req.method} ${url}`,
      target: req.url.split('?')[0] ?? req.url,
      outcome: reply.statusCode,
      address: req.ip,
      detail: req.bondlineAuth?.tokenId === undefined ? {} : { token: req.bondlineAuth.tokenId },
    });
    if (!r.ok) req.log.error({ code: r.issues[0]?.code }, `audit log: ${r.issues[0]?.message}`);
    return payload;
  });
}

function headerText(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The user name a sign-in tried, for the audit line of an attempt that has no principal yet. */
function auditedName(req: FastifyRequest): string | undefined {
  const b: unknown = req.body;
  if (typeof b !== 'object' || b === null || !('user' in b)) return undefined;
  const user = (b as { user: unknown }).user;
  return typeof user === 'string' ? user.slice(0, 64) : undefined;
}
