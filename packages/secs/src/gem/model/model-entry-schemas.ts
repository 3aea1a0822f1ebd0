// Zod schemas of the list entries of an equipment model file (variables, constants, events, alarms,
// remote commands, limits). Each says what one entry may hold; the checks that need two fields of the
// same entry (a value against its type, a default against its limits) run even when another field of
// the entry is wrong, and leave alone a field that has its own issue, so every issue points at
// something the file really says and none follows from a stand-in value.

import { shown } from '@bondline/core';
import { z } from 'zod';
import { BUILTIN_TYPES, CONSTANT_BUILTIN_TYPES } from './builtin-types.js';
import type { ConstantBuiltin, VariableDef } from './equipment-model.js';
import { checkValue, VALUE_TYPES, type ValueType } from './value.js';

export const U4_MAX = 4294967295;
/**
 * E5 ALCD bits 1..7: 1 personal safety .. 7 attention flags, 8 data integrity, 9..63 other
 * categories; 0 is "not used" and 64..127 are reserved.
 */
const ALARM_CATEGORY_MAX = 63;

/** The types an equipment constant or a command parameter may have: all but L (list builtins only). */
const SCALAR_TYPES = VALUE_TYPES.filter((t) => t !== 'L');
const BUILTINS = Object.keys(BUILTIN_TYPES) as NonNullable<VariableDef['builtin']>[];
const CONSTANT_BUILTINS = Object.keys(CONSTANT_BUILTIN_TYPES) as ConstantBuiltin[];

/** Text that is one of `values`; the message lists `hint` (what the user should write). */
export function choice<T extends string>(values: readonly T[], hint: readonly string[] = values) {
  return z
    .string()
    .refine((v) => (values as readonly string[]).includes(v), {
      error: (iss) => `${shown(iss.input)} is not allowed; expected one of ${hint.join(', ')}`,
      params: { code: 'invalid-value' },
    })
    .transform((v) => v as T);
}

/** Text of at most `max` characters; `what` names the E5 item in the message. */
export function boundedText(max: number, what: string) {
  return z.string().refine((s) => s.length <= max, {
    error: (iss) => `${what} is at most ${max} characters (E5); this one has ${String(iss.input).length}`,
    params: { code: 'out-of-range' },
  });
}

/**
 * An integer in min..max, one issue per mistake (zod's int would add a second for the safe-integer
 * range): what is allowed and what was found.
 */
export function integer(min: number, max: number) {
  const allowed = `an integer ${min}..${max}`;
  return z
    .unknown()
    .superRefine((v, ctx) => {
      const add = (code: string, message: string): void =>
        ctx.addIssue({ code: 'custom', message, params: { code } });
      if (v === undefined) add('missing', `is required (${allowed})`);
      else if (typeof v !== 'number' || Number.isNaN(v) || (Number.isFinite(v) && !Number.isInteger(v)))
        add('wrong-type', `expected ${allowed}, got ${shown(v)}`);
      else if (v < min || v > max) add('out-of-range', `${v} is outside ${min}..${max}`);
    })
    .transform((v) => v as number);
}

/** An id (VID, CEID, ALID): an integer 0..2^32-1, as U4 carries it. */
export const id = () => integer(0, U4_MAX);

/** A field that must be given but may hold any value (checked against another field). */
const required = () =>
  z.unknown().refine((v) => v !== undefined, { message: 'is required', params: { code: 'missing' } });

/** The view of an entry that a cross-field check gets: its fields as the file wrote them. */
type Raw = Readonly<Record<string, unknown>>;
type Ctx = Pick<z.core.$RefinementCtx, 'addIssue' | 'issues'>;

/** Run only on a mapping (an entry that is not one has its own issue); then even if fields are wrong. */
const onMappings = {
  when: (p: z.core.ParsePayload): boolean =>
    typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value),
};

/** True when an issue was already raised for the field `key` of the entry being checked. */
const refused = (ctx: Ctx, key: string): boolean => ctx.issues.some((i) => i.path?.[0] === key);

const add = (ctx: Ctx, key: string, code: string, message: string): void => {
  ctx.addIssue({ code: 'custom', path: [key], message, params: { code } });
};

/** The declared type, when the file gave one that is known. */
function typeOf(v: Raw, ctx: Ctx): ValueType | undefined {
  const t = v.type;
  return typeof t === 'string' && !refused(ctx, 'type') && (VALUE_TYPES as readonly string[]).includes(t)
    ? (t as ValueType)
    : undefined;
}

/** A status or data variable: its initial value must fit its type. */
export const variableSchema = z
  .strictObject({
    id: id(),
    name: z.string(),
    type: choice(VALUE_TYPES),
    unit: z.string().default(''),
    value: z.unknown().optional(),
    builtin: choice(BUILTINS).optional(),
  })
  .superRefine((v: Raw, ctx) => {
    const type = typeOf(v, ctx);
    if (v.value === undefined || type === undefined) return;
    const why = checkValue(type, v.value);
    if (why !== undefined) add(ctx, 'value', 'wrong-type', why);
  }, onMappings);

/**
 * An equipment constant: min not above max, and a default that fits the type and the limits (the
 * limits are checked even when the type is unknown: they are numbers the file gave).
 */
export const constantSchema = z
  .strictObject({
    id: id(),
    name: z.string(),
    // L is taken here so that the list check (builtin-types.ts) can say what L is for.
    type: choice([...SCALAR_TYPES, 'L'], SCALAR_TYPES),
    unit: z.string().default(''),
    min: z.number().optional(),
    max: z.number().optional(),
    default: required(),
    builtin: choice(CONSTANT_BUILTINS).optional(),
  })
  .superRefine((v: Raw, ctx) => {
    const num = (k: string): number | undefined =>
      typeof v[k] === 'number' && !refused(ctx, k) ? (v[k] as number) : undefined;
    const min = num('min');
    const max = num('max');
    if (min !== undefined && max !== undefined && min > max)
      add(ctx, 'min', 'out-of-range', `min ${min} is above max ${max}`);
    const d = v.default;
    if (d === undefined) return;
    const type = typeOf(v, ctx);
    const why = type === undefined ? undefined : checkValue(type, d);
    if (why !== undefined) add(ctx, 'default', 'wrong-type', why);
    else if (typeof d === 'number' && ((min !== undefined && d < min) || (max !== undefined && d > max)))
      add(ctx, 'default', 'out-of-range', `${d} is outside the limits ${min ?? '-inf'}..${max ?? 'inf'}`);
  }, onMappings);

export const eventSchema = z.strictObject({
  id: id(),
  name: z.string(),
  data: z.array(id()).default([]),
});

export const alarmSchema = z.strictObject({
  id: id(),
  text: boundedText(120, 'ALTX'),
  category: integer(1, ALARM_CATEGORY_MAX),
  setCeid: id().optional(),
  clearCeid: id().optional(),
});

export const remoteCommandSchema = z.strictObject({
  name: z.string(),
  params: z
    .array(
      z.strictObject({
        name: z.string(),
        type: choice([...SCALAR_TYPES, 'L'], SCALAR_TYPES),
        required: z.boolean().default(true),
      }),
    )
    .default([]),
  processingEvent: z.string().optional(),
});

/** A variable the host may put limits on (S2F45): its range and the LIMITIDs it supports. */
export const limitVariableSchema = z
  .strictObject({
    vid: id(),
    min: z.number(),
    max: z.number(),
    limitIds: z.array(integer(1, 255)),
  })
  .superRefine((v: Raw, ctx) => {
    if (typeof v.min !== 'number' || typeof v.max !== 'number' || refused(ctx, 'min') || refused(ctx, 'max'))
      return;
    if (!(v.min < v.max)) add(ctx, 'min', 'out-of-range', `min ${v.min} must be below max ${v.max}`);
  }, onMappings);
