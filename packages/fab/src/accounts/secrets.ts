// API tokens and web sessions (docs/fab.md §14.2): random secrets that are shown once and stored only
// as SHA-256 hashes, so a copy of the database lets no one act as a user. A secret of 256 random bits
// needs no slow hash (nothing to guess); the comparison is constant-time all the same.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'blt';
const ID = /^[A-Za-z0-9_-]{16}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 of a secret, hex: what the store keeps. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when `secret` hashes to `storedHex`, compared in constant time. */
export function secretMatches(secret: string, storedHex: string): boolean {
  const a = Buffer.from(secretHash(secret), 'hex');
  const b = Buffer.from(/^[0-9a-f]{64}$/.test(storedHex) ? storedHex : '', 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

export interface NewToken {
  /** Public: the store's key for the token, shown in lists. */
  readonly id: string;
  /** `blt_<id>_<secret>`: given to the user once, never stored. */
  readonly text: string;
  /** What the store keeps. */
  readonly hash: string;
}

/** A new API token. */
export function newToken(): NewToken {
  const id = random(12);
  const secret = random(32);
  return { id, text: `${TOKEN_PREFIX}_${id}_${secret}`, hash: secretHash(secret) };
}

/** The id and secret of a token's text, or undefined when it is not one. */
export function parseToken(text: string): { readonly id: string; readonly secret: string } | undefined {
  if (text.length !== TOKEN_PREFIX.length + 1 + 16 + 1 + 43 || !text.startsWith(`${TOKEN_PREFIX}_`))
    return undefined;
  const id = text.slice(4, 20);
  const secret = text.slice(21);
  return text[20] === '_' && ID.test(id) && SECRET.test(secret) ? { id, secret } : undefined;
}

export interface NewSession {
  /** The cookie's value (httpOnly): never stored. */
  readonly secret: string;
  /** What the store keeps, and looks the session up by. */
  readonly hash: string;
  /**
   * The session's CSRF token: sent in a readable cookie and echoed by the page in a header on every
   * write; a page of another site can send the cookies but cannot read them to set the header.
   */
  readonly csrf: string;
}

export function newSession(): NewSession {
  const secret = random(32);
  return { secret, hash: secretHash(secret), csrf: random(32) };
}

/** The CSRF check of a write: the header equals the session's token (constant time). */
export function csrfMatches(expected: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(header, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
