// What one overlay site must be, as zod schemas shared by the CSV and the JSON reader: ids that a person
// can read, and numbers that are finite and inside SITE_LIMITS (units in the messages).
import { nameSchema } from '@bondline/core';
import { z } from 'zod';
import { SITE_LIMITS } from './site.js';

/** A wafer or field id: text (a JSON number is taken as its text), trimmed, visible, not too long. */
const id = nameSchema(SITE_LIMITS.idChars);

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
