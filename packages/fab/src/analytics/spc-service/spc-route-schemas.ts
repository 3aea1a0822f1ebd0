// The zod schemas of the SPC routes (docs/fab.md §8.6): queries, bodies and answers, shared with the
// OpenAPI document.
import { z } from 'zod';
import { pageQuery } from '../../api/query-schemas.js';
import { chartSettingsSchema } from '../spc/chart-settings.js';

const ms = z.number().int().meta({ description: 'ms since 1970-01-01T00:00:00Z' });
const band = z.object({ center: z.number(), lcl: z.number(), ucl: z.number() });
const text = z.string().min(1).max(1000);

/** A count in a query string: decimal digits, min..max. */
function countText(min: number, max: number, description: string) {
  return z
    .string()
    .meta({ description, pattern: '^[0-9]{1,16}$' })
    .transform((t, ctx) => {
      const n = /^[0-9]{1,16}$/.test(t) ? Number(t) : Number.NaN;
      if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(t.slice(0, 40))} is not an integer ${min}..${max}`,
        params: { code: 'out-of-range' },
        input: t,
      });
      return z.NEVER;
    });
}

const phase = z
  .object({
    number: z.number().int(),
    startedAtMs: ms,
    reason: z.string(),
    appliesFrom: z.number().int().meta({ description: 'first series index judged with these limits' }),
    baseline: z.object({ first: z.number().int(), last: z.number().int() }),
    excluded: z.array(z.number().int()).readonly(),
    limits: z.object({
      mean: z.number(),
      sigma: z.number(),
      sigmaFrom: z.enum(['moving-range', 'range', 'std-dev', 'given']),
      locationSigma: z.number(),
      location: band,
      dispersion: band,
      used: z.number().int(),
    }),
  })
  .meta({ id: 'SpcPhase' });

const spec = z.object({
  lsl: z.number().optional(),
  usl: z.number().optional(),
  target: z.number().optional(),
});

export const chartRow = z
  .object({
    id: z.string().meta({ description: '<parameter>@<tool>+<recipe>+<product>' }),
    toolId: z.string(),
    parameter: z.string(),
    context: z.string().meta({ description: 'the R2R context, tool+recipe+product' }),
    recipe: z.string(),
    product: z.string(),
    chart: z.object({ settings: chartSettingsSchema, phases: z.array(phase).readonly() }),
    spec: spec.optional(),
    baselinePoints: z.number().int(),
    createdMs: ms,
    updatedMs: ms,
  })
  .meta({ id: 'SpcChart' });

export const violation = z
  .object({
    seq: z.number().int().meta({ description: 'the violation’s id' }),
    type: z.literal('spc-violation'),
    chartId: z.string(),
    part: z.enum(['location', 'dispersion', 'ewma', 'cusum']),
    rule: z.string(),
    pointIndex: z.number().int(),
    toolId: z.string(),
    parameter: z.string(),
    context: z.string(),
    phase: z.number().int(),
    description: z.string(),
    indexes: z.array(z.number().int()).readonly(),
    side: z.string().optional(),
    pairId: z.string().optional(),
    value: z.number(),
    atMs: ms,
    closedMs: ms.optional(),
    closeReason: z.string().optional(),
  })
  .meta({ id: 'SpcViolation' });

const subgroup = z
  .object({
    rows: z.object({ first: z.number().int(), last: z.number().int() }).meta({
      description: 'its rows of the stored series (one per pair), inclusive',
    }),
    pairIds: z.array(z.string().nullable()),
    values: z.array(z.number()),
    mean: z.number(),
    range: z.number().meta({ description: 'largest − smallest: the R chart' }),
    sd: z.number().meta({ description: 'sample standard deviation (n − 1): the S chart' }),
  })
  .meta({ id: 'SpcSubgroup' });

const estimate = z.object({ value: z.number(), lower: z.number(), upper: z.number() });

export const chartDetail = z.object({
  chart: chartRow,
  total: z.number().int().meta({ description: 'points in the series (full subgroups on X-bar charts)' }),
  points: z
    .array(
      z.object({
        index: z.number().int().meta({ description: 'chart point: the row, or the subgroup’s number' }),
        phase: z.number().int().meta({ description: '0 before the first phase' }),
        pairId: z.string().optional().meta({ description: 'the pair; a subgroup’s last' }),
        value: z.number().meta({ description: 'the value, or the subgroup mean' }),
        atMs: ms,
        subgroup: subgroup.optional().meta({ description: 'X-bar R / X-bar S charts' }),
      }),
    )
    .meta({ description: 'the newest `points` points, oldest first' }),
  pending: z
    .object({ pairIds: z.array(z.string().nullable()), values: z.array(z.number()) })
    .optional()
    .meta({ description: 'X-bar charts: the pairs of the subgroup still filling (no chart point yet)' }),
  violations: z.array(violation).readonly().meta({ description: 'the newest 100, newest first' }),
  capability: z
    .object({
      n: z.number().int(),
      mean: z.number(),
      sigmaWithin: z.number(),
      sigmaOverall: z.number(),
      confidence: z.number(),
      cp: estimate.nullable(),
      cpk: estimate,
      pp: estimate.nullable(),
      ppk: estimate,
      cpm: z.number().nullable(),
    })
    .nullable()
    .meta({
      description:
        'of the points shown in the current phase (the individual values of subgroups), when the chart has spec limits; sigmaWithin is the phase’s MR̄/d2, R̄/d2 or S̄/c4',
    }),
});

export const chartsQuery = z.strictObject({
  ...pageQuery.shape,
  tool: z.string().min(1).max(200).optional(),
  parameter: z.string().min(1).max(200).optional(),
  context: text.optional(),
});

export const chartQuery = z.strictObject({
  points: countText(1, 1000, 'newest points shown, 1..1000 (default 200)').optional(),
});

export const violationsQuery = z.strictObject({
  ...pageQuery.shape,
  state: z.enum(['open', 'closed']).optional(),
  tool: z.string().min(1).max(200).optional(),
  chart: text.optional(),
  context: text.optional(),
});

export const chartParams = z.strictObject({ id: text });
export const violationParams = z.strictObject({
  id: countText(1, Number.MAX_SAFE_INTEGER, 'the violation’s seq'),
});

export const newPhaseBody = z
  .strictObject({
    reason: text,
    baseline: z
      .strictObject({ first: z.number().int().min(0), last: z.number().int().min(0) })
      .optional()
      .meta({ description: 'series indexes, inclusive' }),
    lastPoints: z.number().int().min(2).max(100_000).optional().meta({ description: 'or the last N points' }),
    removeOutOfControl: z.boolean().optional(),
  })
  .refine((b) => !(b.baseline !== undefined && b.lastPoints !== undefined), {
    message: 'give baseline or lastPoints, not both',
    path: ['lastPoints'],
    params: { code: 'invalid-value' },
  });

export const closeBody = z.strictObject({ reason: text });
