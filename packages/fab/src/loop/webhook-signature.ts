// The signature of a webhook delivery (docs/fab.md §13.1): HMAC-SHA256 (RFC 2104, FIPS 180-4) with the
// target's secret over `<unix seconds>.<body>`, sent as `Bondline-Signature: t=<seconds>,v1=<hex>`.
// The time inside the signed text lets a receiver refuse an old delivery replayed by someone who
// captured it; comparing in constant time keeps the check from leaking the expected value.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'bondline-signature';

/** Hex HMAC-SHA256 of `data` under `secret`. */
export function hmacSha256Hex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
}

/** The signature header's value for `body` sent at `atMs`. */
export function signatureHeader(secret: string, body: string, atMs: number): string {
  const t = Math.floor(atMs / 1000);
  return `t=${t},v1=${hmacSha256Hex(secret, `${t}.${body}`)}`;
}

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly why: 'malformed' | 'too-old' | 'mismatch' };

/**
 * Check a delivery as a receiver would (the maker's side, and this project's tests): the header's
 * shape, its time within `toleranceS` of `nowMs`, and the HMAC, compared in constant time.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowMs: number,
  toleranceS = 300,
): SignatureCheck {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (m === null) return { ok: false, why: 'malformed' };
  const t = Number(m[1]);
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, why: 'too-old' };
  const expected = Buffer.from(hmacSha256Hex(secret, `${t}.${body}`), 'hex');
  const given = Buffer.from(m[2] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, why: 'mismatch' };
}
