// Accounts' reads and writes (migration 9, docs/fab.md §14.5) over an engine's reader and step runner,
// one SQL for SQLite and PostgreSQL. The audit log is only ever appended to (the schema's triggers
// refuse an UPDATE or a DELETE of it).
import { type Issue, issue, type Result } from '@bondline/core';
import { type OrganisationSide, roleFitsSide } from '../accounts/access.js';
import { ROLES, type Role } from '../loop/ticket-workflow.js';
import type {
  ApiTokenQuery,
  ApiTokenRecord,
  AuditLine,
  AuditQuery,
  NewApiToken,
  NewAuditLine,
  NewSessionRow,
  NewUser,
  SessionRecord,
  TokenScope,
  UserQuery,
  UserRecord,
} from './account-records.js';
import { TOKEN_SCOPES, USER_ID } from './account-records.js';
import type { StoreIssueCode } from './fab-store.js';
import { jsonText, parseJsonObject } from './json-value.js';
import { type Filter, type ListSpec, readPage, type SqlReader } from './keyset-query.js';
import type { Page } from './page-cursor.js';
import type { DbRow } from './row-decode.js';
import { keyNumber, keyText, num, str } from './row-decode.js';
import type { StepRunner } from './write-steps.js';

type R<T> = Result<T, StoreIssueCode>;

const fail = <T>(i: Issue<StoreIssueCode>): R<T> => ({ ok: false, issues: [i] });
const ok = <T>(value: T): R<T> => ({ ok: true, value });

const optNum = (row: DbRow, col: string): number | undefined =>
  row[col] === null || row[col] === undefined ? undefined : num(row, col);

function oneOf<T extends string>(row: DbRow, col: string, allowed: readonly T[]): T {
  const v = str(row, col);
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw new TypeError(`column ${col}: '${v}' is not one of ${allowed.join(', ')}`);
  return found;
}

const SIDES: readonly OrganisationSide[] = ['fab', 'maker'];
const USER_COLUMNS =
  'u.id, u.organisation_id, o.role AS side, u.role, u.created_ms, u.disabled_ms, u.password_hash';
const USER_FROM = 'users u JOIN organisations o ON o.id = u.organisation_id';
/** The joins to a row's user (`u`) and the user's organisation (`o`). */
const userOf = (column: string): string =>
  `JOIN users u ON u.id = ${column} JOIN organisations o ON o.id = u.organisation_id`;

function userFromRow(row: DbRow): UserRecord {
  const disabledMs = optNum(row, 'disabled_ms');
  return {
    id: str(row, 'id'),
    organisationId: str(row, 'organisation_id'),
    side: oneOf(row, 'side', SIDES),
    role: oneOf<Role>(row, 'role', ROLES),
    createdMs: num(row, 'created_ms'),
    ...(disabledMs === undefined ? {} : { disabledMs }),
  };
}

function tokenFromRow(row: DbRow): ApiTokenRecord {
  const expiresMs = optNum(row, 'expires_ms');
  const revokedMs = optNum(row, 'revoked_ms');
  return {
    id: str(row, 'id'),
    userId: str(row, 'user_id'),
    label: str(row, 'label'),
    scope: oneOf<TokenScope>(row, 'scope', TOKEN_SCOPES),
    createdMs: num(row, 'created_ms'),
    ...(expiresMs === undefined ? {} : { expiresMs }),
    ...(revokedMs === undefined ? {} : { revokedMs }),
  };
}

function auditFromRow(row: DbRow): AuditLine {
  const org = row.organisation_id;
  const address = row.address;
  return {
    seq: num(row, 'seq'),
    atMs: num(row, 'at_ms'),
    actorId: str(row, 'actor_id'),
    actorRole: str(row, 'actor_role'),
    ...(typeof org === 'string' ? { organisationId: org } : {}),
    action: str(row, 'action'),
    target: str(row, 'target'),
    outcome: num(row, 'outcome'),
    ...(typeof address === 'string' ? { address } : {}),
    detail: parseJsonObject(row.detail),
  };
}

const USERS: ListSpec<UserRecord> = {
  list: 'users',
  select: USER_COLUMNS,
  from: USER_FROM,
  keyColumns: ['u.id'],
  keyKinds: ['string'],
  keyOf: (row) => [keyText(row, 'id')],
  decode: userFromRow,
};

const TOKENS: ListSpec<ApiTokenRecord> = {
  list: 'api-tokens',
  select: 'id, user_id, label, scope, created_ms, expires_ms, revoked_ms',
  from: 'api_tokens',
  keyColumns: ['id'],
  keyKinds: ['string'],
  keyOf: (row) => [keyText(row, 'id')],
  decode: tokenFromRow,
};

const AUDIT: ListSpec<AuditLine> = {
  list: 'audit',
  select: '*',
  from: 'audit_log',
  keyColumns: ['seq'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'seq')],
  decode: auditFromRow,
};

const MAX_LABEL = 200;

/** The account methods of a FabStore on `reader` (reads) and `runner` (transactions). */
export function accountStore(reader: SqlReader, runner: StepRunner) {
  const userRow = async (id: string): Promise<DbRow | undefined> =>
    (await reader.all(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = ?`, [id]))[0];
  const user = async (id: string): Promise<R<UserRecord>> => {
    const row = await userRow(id);
    return row === undefined
      ? fail(issue('not-found', `no user '${id}' is stored`, 'id'))
      : ok(userFromRow(row));
  };
  const token = async (id: string): Promise<ApiTokenRecord | undefined> => {
    const row = (await reader.all(`SELECT ${TOKENS.select} FROM api_tokens WHERE id = ?`, [id]))[0];
    return row === undefined ? undefined : tokenFromRow(row);
  };

  return {
    async createUser(u: NewUser): Promise<R<UserRecord>> {
      if (!USER_ID.test(u.id))
        return fail(
          issue('invalid-record', `id: '${u.id}' is not a user name (1..64 of A-Z a-z 0-9 . _ @ -)`, 'id'),
        );
      const org = (await reader.all('SELECT role FROM organisations WHERE id = ?', [u.organisationId]))[0];
      if (org === undefined)
        return fail(
          issue('unknown-reference', `organisation '${u.organisationId}' is not stored`, 'organisationId'),
        );
      const side = oneOf(org, 'role', SIDES);
      if (!roleFitsSide(u.role, side))
        return fail(
          issue(
            'invalid-record',
            `role: a user of ${side} organisation '${u.organisationId}' cannot be ${u.role}`,
            'role',
          ),
        );
      const out = await runner.run([
        {
          sql:
            'INSERT INTO users (id, organisation_id, role, password_hash, created_ms) ' +
            'SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = ?)',
          params: [u.id, u.organisationId, u.role, u.passwordHash, u.createdMs, u.id],
          exactlyOne: true,
        },
      ]);
      if (!out.done) return fail(issue('already-exists', `user '${u.id}' exists already`, 'id'));
      return user(u.id);
    },

    getUser: user,

    /** A user and the stored hash of their password (for sign-in only). */
    async userCredentials(id: string): Promise<R<{ user: UserRecord; passwordHash: string }>> {
      const row = await userRow(id);
      if (row === undefined) return fail(issue('not-found', `no user '${id}' is stored`, 'id'));
      return ok({ user: userFromRow(row), passwordHash: str(row, 'password_hash') });
    },

    async listUsers(q: UserQuery = {}): Promise<R<Page<UserRecord>>> {
      const filters: Filter[] =
        q.organisationId === undefined ? [] : [{ sql: 'u.organisation_id = ?', params: [q.organisationId] }];
      return readPage(reader, USERS, q, filters);
    },

    /** Users that may sign in (not disabled). */
    async countUsers(): Promise<R<number>> {
      const row = (await reader.all('SELECT COUNT(*) AS n FROM users WHERE disabled_ms IS NULL', []))[0];
      return ok(row === undefined ? 0 : Number(row.n));
    },

    async setUserPassword(id: string, passwordHash: string): Promise<R<UserRecord>> {
      const out = await runner.run([
        {
          sql: 'UPDATE users SET password_hash = ? WHERE id = ?',
          params: [passwordHash, id],
          exactlyOne: true,
        },
        // A new password ends every session of the old one.
        { sql: 'DELETE FROM sessions WHERE user_id = ?', params: [id] },
      ]);
      return out.done ? user(id) : fail(issue('not-found', `no user '${id}' is stored`, 'id'));
    },

    /** Disable a user: their sessions end, their tokens stop acting (the lookups check it). */
    async disableUser(id: string, atMs: number): Promise<R<UserRecord>> {
      const out = await runner.run([
        {
          sql: 'UPDATE users SET disabled_ms = COALESCE(disabled_ms, ?) WHERE id = ?',
          params: [atMs, id],
          exactlyOne: true,
        },
        { sql: 'DELETE FROM sessions WHERE user_id = ?', params: [id] },
      ]);
      return out.done ? user(id) : fail(issue('not-found', `no user '${id}' is stored`, 'id'));
    },

    async createApiToken(t: NewApiToken): Promise<R<ApiTokenRecord>> {
      if (t.label.length === 0 || t.label.length > MAX_LABEL)
        return fail(
          issue('invalid-record', `label: 1 to ${MAX_LABEL} characters, got ${t.label.length}`, 'label'),
        );
      const out = await runner.run([
        {
          sql:
            'INSERT INTO api_tokens (id, user_id, hash, label, scope, created_ms, expires_ms) ' +
            'SELECT ?, id, ?, ?, ?, ?, ? FROM users WHERE id = ? AND disabled_ms IS NULL',
          params: [t.id, t.hash, t.label, t.scope, t.createdMs, t.expiresMs ?? null, t.userId],
          exactlyOne: true,
        },
      ]);
      if (!out.done)
        return fail(issue('unknown-reference', `user '${t.userId}' is not stored or is disabled`, 'userId'));
      const stored = await token(t.id);
      if (stored === undefined) throw new Error(`token ${t.id} is gone right after its insert`);
      return ok(stored);
    },

    async getApiToken(id: string): Promise<R<ApiTokenRecord>> {
      const found = await token(id);
      return found === undefined ? fail(issue('not-found', `no token '${id}' is stored`, 'id')) : ok(found);
    },

    async listApiTokens(q: ApiTokenQuery = {}): Promise<R<Page<ApiTokenRecord>>> {
      const filters: Filter[] = q.userId === undefined ? [] : [{ sql: 'user_id = ?', params: [q.userId] }];
      return readPage(reader, TOKENS, q, filters);
    },

    /** Revoke a token (a revoked one keeps its first revocation time). */
    async revokeApiToken(id: string, atMs: number): Promise<R<ApiTokenRecord>> {
      await runner.run([
        {
          sql: 'UPDATE api_tokens SET revoked_ms = COALESCE(revoked_ms, ?) WHERE id = ?',
          params: [atMs, id],
        },
      ]);
      const found = await token(id);
      return found === undefined ? fail(issue('not-found', `no token '${id}' is stored`, 'id')) : ok(found);
    },

    /** A token that may act at `nowMs` (not revoked, not expired, its user enabled), its hash and user. */
    async activeApiToken(
      id: string,
      nowMs: number,
    ): Promise<R<{ token: ApiTokenRecord; hash: string; user: UserRecord }>> {
      const row = (
        await reader.all(
          `SELECT t.id AS token_id, t.hash, t.label, t.scope, t.created_ms AS token_created_ms, t.expires_ms, ` +
            `${USER_COLUMNS} FROM api_tokens t ${userOf('t.user_id')} ` +
            'WHERE t.id = ? AND t.revoked_ms IS NULL AND (t.expires_ms IS NULL OR t.expires_ms > ?) ' +
            'AND u.disabled_ms IS NULL',
          [id, nowMs],
        )
      )[0];
      if (row === undefined) return fail(issue('not-found', `no active token '${id}'`, 'id'));
      const expiresMs = optNum(row, 'expires_ms');
      const u = userFromRow(row);
      return ok({
        token: {
          id: str(row, 'token_id'),
          userId: u.id,
          label: str(row, 'label'),
          scope: oneOf<TokenScope>(row, 'scope', TOKEN_SCOPES),
          createdMs: num(row, 'token_created_ms'),
          ...(expiresMs === undefined ? {} : { expiresMs }),
        },
        hash: str(row, 'hash'),
        user: u,
      });
    },

    /** Store a session; sessions expired before it was created are removed on the way. */
    async createSession(s: NewSessionRow): Promise<R<void>> {
      const out = await runner.run([
        { sql: 'DELETE FROM sessions WHERE expires_ms <= ?', params: [s.createdMs] },
        {
          sql:
            'INSERT INTO sessions (hash, user_id, csrf, created_ms, expires_ms) ' +
            'SELECT ?, id, ?, ?, ? FROM users WHERE id = ? AND disabled_ms IS NULL',
          params: [s.hash, s.csrf, s.createdMs, s.expiresMs, s.userId],
          exactlyOne: true,
        },
      ]);
      if (!out.done)
        return fail(issue('unknown-reference', `user '${s.userId}' is not stored or is disabled`, 'userId'));
      return ok(undefined);
    },

    /** The live session of `hash` at `nowMs` with its (enabled) user. */
    async activeSession(hash: string, nowMs: number): Promise<R<SessionRecord>> {
      const row = (
        await reader.all(
          `SELECT s.csrf, s.expires_ms AS session_expires_ms, ${USER_COLUMNS} FROM sessions s ` +
            `${userOf('s.user_id')} WHERE s.hash = ? AND s.expires_ms > ? AND u.disabled_ms IS NULL`,
          [hash, nowMs],
        )
      )[0];
      if (row === undefined) return fail(issue('not-found', 'no such session', 'session'));
      return ok({
        user: userFromRow(row),
        csrf: str(row, 'csrf'),
        expiresMs: num(row, 'session_expires_ms'),
      });
    },

    async deleteSession(hash: string): Promise<R<void>> {
      await runner.run([{ sql: 'DELETE FROM sessions WHERE hash = ?', params: [hash] }]);
      return ok(undefined);
    },

    async appendAudit(line: NewAuditLine): Promise<R<number>> {
      const detail = jsonText(line.detail, 'detail');
      if (!detail.ok) return fail(detail.issue);
      const out = await runner.run([
        {
          sql:
            'INSERT INTO audit_log (at_ms, actor_id, actor_role, organisation_id, action, target, outcome, ' +
            'address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
          params: [
            line.atMs,
            line.actorId,
            line.actorRole,
            line.organisationId ?? null,
            line.action,
            line.target,
            line.outcome,
            line.address ?? null,
            detail.text,
          ],
        },
      ]);
      const seq = out.done ? out.rows[0]?.[0]?.seq : undefined;
      if (typeof seq !== 'number') throw new TypeError('INSERT ... RETURNING seq gave no number');
      return ok(seq);
    },

    async listAudit(q: AuditQuery = {}): Promise<R<Page<AuditLine>>> {
      const filters: Filter[] = q.actorId === undefined ? [] : [{ sql: 'actor_id = ?', params: [q.actorId] }];
      return readPage(reader, AUDIT, q, filters);
    },
  };
}

/** The account methods, as the FabStore interface lists them. */
export type AccountStore = ReturnType<typeof accountStore>;
