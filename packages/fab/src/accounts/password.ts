// Password hashes (docs/fab.md §14.1): scrypt (RFC 7914) from node:crypto, run on libuv's thread pool
// so a login never blocks the event loop, with OWASP's parameters by default (N = 2^17, r = 8, p = 1:
// 128 MiB and a few hundred ms a hash on a server core). The stored text names its parameters, so they
// can be raised later and old hashes still verify (`needsRehash` says when to replace one).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two (default 2^17). */
  readonly N: number;
  /** Block size (default 8). */
  readonly r: number;
  /** Parallelisation (default 1). */
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Longest password taken (scrypt would take any, but a megabyte "password" is an attack on the CPU). */
const MAX_PASSWORD_CHARS = 1024;
const MIN_PASSWORD_CHARS = 12;

function derive(password: string, salt: Buffer, q: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...q, maxmem: 256 * q.N * q.r }, (err, key) =>
      err === null ? resolve(key) : reject(err),
    );
  });
}

/** What is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_CHARS) return `at least ${MIN_PASSWORD_CHARS} characters`;
  if (password.length > MAX_PASSWORD_CHARS) return `at most ${MAX_PASSWORD_CHARS} characters`;
  return undefined;
}

/** `scrypt$<N>$<r>$<p>$<salt base64url>$<key base64url>`. */
export async function hashPassword(password: string, q: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, q);
  return `scrypt$${q.N}$${q.r}$${q.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parse(stored: string): { q: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const m = /^scrypt\$(\d{1,9})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{16,128})$/.exec(
    stored,
  );
  if (m === null) return undefined;
  const q = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // A power of two from 2^10 to 2^20, r and p small: anything else is not a hash this code wrote.
  if (q.N < 1024 || q.N > 2 ** 20 || (q.N & (q.N - 1)) !== 0 || q.r < 1 || q.r > 32 || q.p < 1 || q.p > 16)
    return undefined;
  return { q, salt: Buffer.from(m[4] ?? '', 'base64url'), key: Buffer.from(m[5] ?? '', 'base64url') };
}

/** True when `password` matches `stored`; false for a wrong password or a stored text that is no hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_CHARS) return false;
  const h = parse(stored);
  if (h === undefined) return false;
  const key = await derive(password, h.salt, h.q);
  return key.length === h.key.length && timingSafeEqual(key, h.key);
}

/** True when `stored` was made with weaker parameters than `q` (hash the password again at login). */
export function needsRehash(stored: string, q: ScryptParams = DEFAULT_SCRYPT): boolean {
  const h = parse(stored);
  return h === undefined || h.q.N < q.N || h.q.r < q.r || h.q.p < q.p;
}
