// A name a person writes in a file (a wafer id, a context part, a correctable): text a reader can see
// and tell apart. An invisible character makes two names look the same while they differ, so it is
// refused and named (see `visible`).
import { z } from 'zod';
import { shown } from './zod-issues.js';

// Controls, format characters (zero-width, byte-order mark), line/paragraph separators, and spaces
// other than U+0020.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

/**
 * Schema of a name: a string (a number is taken as its text, as YAML and JSON files often write ids),
 * trimmed, not empty, at most `maxChars` characters, without invisible characters.
 */
export function nameSchema(maxChars = 100) {
  return z.preprocess(
    (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
    z
      .string()
      .trim()
      .refine((s) => s !== '', { error: 'is empty', params: { code: 'missing' } })
      .refine((s) => s.length <= maxChars, {
        error: `is longer than ${maxChars} characters`,
        params: { code: 'out-of-range' },
      })
      .refine((s) => !INVISIBLE.test(s), {
        error: (iss) => `${shown(iss.input)} holds a character that cannot be seen; retype it`,
        params: { code: 'invalid-value' },
      }),
  );
}

/** True when `s` holds a character `nameSchema` refuses as invisible. */
export function hasInvisible(s: string): boolean {
  return INVISIBLE.test(s);
}
