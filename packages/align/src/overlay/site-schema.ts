// What one overlay site must be, as zod schemas shared by the CSV and the JSON reader: ids that a person
// can read, and numbers that are finite and inside SITE_LIMITS (units in the messages).
import { shown } from '@bondline/core';
import { z } from 'zod';
import { SITE_LIMITS } from './site.js';

// Characters a person cannot see (controls, format characters, spaces other than U+0020): an id holding
// one looks like another id and is not the same (core's `visible` names them in the message).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

/** A wafer or field id: text (a JSON number is taken as its text), trimmed, visible, not too long. */
const id = z.preprocess(
  (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
  z
    .string()
    .trim()
    .refine((s) => s !== '', { error: 'is empty', params: { code: 'missing' } })
    .refine((s) => s.length <= SITE_LIMITS.idChars, {
      error: `is longer than ${SITE_LIMITS.idChars} characters`,
      params: { code: 'out-of-range' },
    })
    .refine((s) => !INVISIBLE.test(s), {
      error: (iss) => `${shown(iss.input)} holds a character that cannot be seen; retype the id`,
      params: { code: 'invalid-value' },
    }),
);

/** A finite number with |v| <= limit, the unit named in the message. */
function bounded(limit: number, unit: string) {
  return z.number().refine((v) => Math.abs(v) <= limit, {
    error: (iss) =>
      `${String(iss.input)} ${unit} is outside the plausible range -${limit} to ${limit} ${unit}`,
    params: { code: 'out-of-range' },
  });
}

const waferUm = bounded(SITE_LIMITS.waferUm, 'µm');
const fieldUm = bounded(SITE_LIMITS.fieldUm, 'µm');
const overlayNm = bounded(SITE_LIMITS.overlayNm, 'nm');

/** A site without the field columns: `wafer, X, Y, dx, dy`. */
export const siteSchema = z.strictObject({ wafer: id, X: waferUm, Y: waferUm, dx: overlayNm, dy: overlayNm });

/** A site with the field columns: `wafer, X, Y, field, x, y, dx, dy`. */
export const fieldSiteSchema = z.strictObject({
  wafer: id,
  X: waferUm,
  Y: waferUm,
  field: id,
  x: fieldUm,
  y: fieldUm,
  dx: overlayNm,
  dy: overlayNm,
});
