// What the store keeps of accounts (migration 9, docs/fab.md §14.5): users, API tokens, web sessions
// and the audit log. Secrets are never here: a password as its scrypt hash, a token or a session as
// the SHA-256 of its secret (accounts/password.ts, accounts/secrets.ts).
import type { OrganisationSide } from '../accounts/access.js';
import type { Role } from '../loop/ticket-workflow.js';
import type { JsonObject } from './json-value.js';
import type { PageQuery } from './page-cursor.js';

/** A user id is its sign-in name: 1..64 of a-z A-Z 0-9 . _ @ -, starting with a letter or digit. */
export const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export interface UserRecord {
  readonly id: string;
  readonly organisationId: string;
  /** The side of the user's organisation (the fab, or an equipment maker). */
  readonly side: OrganisationSide;
  readonly role: Role;
  readonly createdMs: number;
  /** Set when the user was disabled: no sign-in, no session, no token acts for them. */
  readonly disabledMs?: number;
}

export interface NewUser {
  readonly id: string;
  readonly organisationId: string;
  readonly role: Role;
  /** `hashPassword`'s text. */
  readonly passwordHash: string;
  readonly createdMs: number;
}

/** What a read-only token may not do: anything but read. */
export type TokenScope = 'read' | 'write';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

export interface ApiTokenRecord {
  /** The public part of the token (`blt_<id>_…`). */
  readonly id: string;
  readonly userId: string;
  readonly label: string;
  readonly scope: TokenScope;
  readonly createdMs: number;
  readonly expiresMs?: number;
  readonly revokedMs?: number;
}

export interface NewApiToken {
  readonly id: string;
  readonly userId: string;
  /** SHA-256 of the secret, hex. */
  readonly hash: string;
  readonly label: string;
  readonly scope: TokenScope;
  readonly createdMs: number;
  readonly expiresMs?: number;
}

export interface NewSessionRow {
  /** SHA-256 of the cookie's secret, hex: the session's key. */
  readonly hash: string;
  readonly userId: string;
  readonly csrf: string;
  readonly createdMs: number;
  readonly expiresMs: number;
}

/** A live session with its user. */
export interface SessionRecord {
  readonly user: UserRecord;
  readonly csrf: string;
  readonly expiresMs: number;
}

/** One write, as the audit log keeps it. */
export interface NewAuditLine {
  readonly atMs: number;
  /** The user (or `local-operator`, `system`, `cli:<name>`). */
  readonly actorId: string;
  readonly actorRole: string;
  readonly organisationId?: string;
  /** What was done: `POST /api/tickets/{id}/actions`, `user add`, `sign-in`. */
  readonly action: string;
  /** What it was done to: the request's path, a user id. */
  readonly target: string;
  /** The HTTP status of the answer, or 0 for a write outside HTTP (the CLI). */
  readonly outcome: number;
  /** The client's address. */
  readonly address?: string;
  readonly detail: JsonObject;
}

export interface AuditLine extends NewAuditLine {
  readonly seq: number;
}

export interface UserQuery extends PageQuery {
  readonly organisationId?: string;
}

export interface ApiTokenQuery extends PageQuery {
  readonly userId?: string;
}

export interface AuditQuery extends PageQuery {
  readonly actorId?: string;
}
