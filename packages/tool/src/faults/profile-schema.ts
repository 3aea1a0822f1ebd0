// The zod schema of a fault profile file (examples/tool/profiles/*.yaml, docs/tool.md §5): the rate
// of every fault point, or a base profile, and the fix records applied on top. References to the
// catalogue (unknown or missing fault ids) and the order of the fixes are checked in
// profile-checks.ts, which needs the catalogue and the base profile.
import { shown } from '@bondline/core';
import { z } from 'zod';
import { faultIdSchema } from './catalogue-schema.js';
import type { FixEffect } from './fix-record.js';

const bounded = (min: number, max: number, unit: string) =>
  z.number().refine((v) => Number.isFinite(v) && v >= min && v <= max, {
    error: (iss) => `${shown(iss.input)} is outside ${min}..${max}${unit === '' ? '' : ` ${unit}`}`,
    params: { code: 'out-of-range' },
  });

/** `{ perStep }` or `{ perHour }`, with an optional wear doubling count (a replay's rate overrides too). */
export const rateSpecSchema = z
  .strictObject({
    perStep: bounded(0, 1, '(probability per step)').optional(),
    perHour: bounded(0, 3600, 'per hour').optional(),
    wearDoublingCount: bounded(1, 1e9, 'substrates').optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.perStep === undefined) === (r.perHour === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of perStep (probability per step) or perHour (firings per hour)',
        params: { code: r.perStep === undefined ? 'missing' : 'invalid-value' },
      });
    }
  });

/** A calendar date written YYYY-MM-DD. */
const dateSchema = z.string().refine(
  (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (m === null) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  },
  {
    error: (iss) => `${shown(iss.input)} is not a date written YYYY-MM-DD`,
    params: { code: 'invalid-value' },
  },
);

const text = (max: number) =>
  z
    .string()
    .refine((s) => s.trim() !== '', { error: 'is empty', params: { code: 'missing' } })
    .refine((s) => s.length <= max, {
      error: `is longer than ${max} characters`,
      params: { code: 'out-of-range' },
    });

/** `retire`, or `{ reduceBy: f }` with f above 1 (a fix that changes nothing is a mistake). */
const fixEffectSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    if (isFixEffect(v)) return;
    ctx.addIssue({
      code: 'custom',
      message:
        v === undefined
          ? 'is required: retire, or { reduceBy: f } with f above 1'
          : `${shown(v)} is not a fix effect: write retire, or { reduceBy: f } with f above 1 (the rate is divided by f)`,
      params: { code: v === undefined ? 'missing' : 'invalid-value' },
    });
  })
  .transform((v) => v as FixEffect);

function isFixEffect(v: unknown): v is FixEffect {
  if (v === 'retire') return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const f = (v as { reduceBy?: unknown }).reduceBy;
  return keys.length === 1 && typeof f === 'number' && Number.isFinite(f) && f > 1 && f <= 1e9;
}

const fixRecordSchema = z.strictObject({
  id: z.string().refine((s) => /^FIX-\d{3,5}$/.test(s), {
    error: (iss) => `${shown(iss.input)} is not a fix id; write FIX-NNN`,
    params: { code: 'invalid-value' },
  }),
  date: dateSchema,
  faultId: faultIdSchema,
  kind: z.enum(['software', 'hardware']),
  /** The software release or engineering change that carries the fix. */
  revision: text(60),
  change: text(200),
  effect: fixEffectSchema,
});

const PROFILE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

const kindScaleSchema = z.strictObject({
  loadport: bounded(0, 1000, '').optional(),
  robot: bounded(0, 1000, '').optional(),
  prealigner: bounded(0, 1000, '').optional(),
  plasma: bounded(0, 1000, '').optional(),
  clean: bounded(0, 1000, '').optional(),
  flipper: bounded(0, 1000, '').optional(),
  bonder: bounded(0, 1000, '').optional(),
  inspection: bounded(0, 1000, '').optional(),
});

export const profileFileSchema = z.strictObject({
  name: z.string().refine((s) => PROFILE_NAME.test(s), {
    error: (iss) => `${shown(iss.input)} is not a profile name (lower-case letters, digits, '-'; at most 40)`,
    params: { code: 'invalid-value' },
  }),
  description: text(200).optional(),
  /** Another profile this one starts from: a shipped name (immature) or a path relative to this file. */
  base: text(400).optional(),
  rateScale: bounded(0, 1000, '').optional(),
  kindScale: kindScaleSchema.optional(),
  silentScale: bounded(0, 1000, '').optional(),
  rates: z.record(z.string(), rateSpecSchema).optional(),
  fixes: z.array(fixRecordSchema).optional(),
});

export type ProfileFile = z.output<typeof profileFileSchema>;
export type RateSpecEntry = z.output<typeof rateSpecSchema>;
