// An FDC model to JSON and back (docs/fab.md, "FDC"). A model read back is checked by a zod schema
// and then for consistency (every per-feature array as long as the feature list, square matrices,
// T² indices in range); every problem names its key path (`steps[2].sd`).
import { fail, type Issue, issue, parseWithSchema, type Result } from '@bondline/core';
import { z } from 'zod';
import { FDC_MODEL_FORMAT, type FdcModel } from './fdc-model.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const text = z.string().min(1).max(200);
const vector = z.array(finite).max(10_000);
const matrix = z.array(vector).max(10_000);

const stepSchema = z.strictObject({
  recipe: text,
  step: text,
  runs: z.number().int().min(2),
  thresholds: z.record(text, finite),
  features: z.array(text).min(1).max(10_000),
  mean: vector,
  sd: z.array(finite.refine((v) => v >= 0, 'must not be negative')).max(10_000),
  lower: vector,
  upper: vector,
  covariance: matrix,
  t2Features: z.array(z.number().int().min(0)).max(10_000),
  precision: matrix,
  rank: z.number().int().min(0),
  t2Ucl: finite.refine((v) => v >= 0, 'must not be negative'),
});

const modelSchema = z
  .strictObject({
    format: z.literal(FDC_MODEL_FORMAT),
    version: z.number().int().min(1),
    createdMs: z.number().int().min(0),
    goldenRunIds: z.array(text).min(1),
    kSigma: finite.refine((v) => v > 0, 'must be above 0'),
    alpha: finite.refine((v) => v > 0 && v < 1, 'must be in (0, 1)'),
    eigenTolerance: finite.refine((v) => v > 0 && v < 1, 'must be in (0, 1)'),
    features: z.array(text),
    steps: z.array(stepSchema).min(1).max(1000),
  })
  .superRefine((m, ctx) => {
    m.steps.forEach((s, i) => {
      const p = s.features.length;
      const at = (key: string, message: string, ...rest: (string | number)[]) =>
        ctx.addIssue({ code: 'custom', message, path: ['steps', i, key, ...rest] });
      for (const key of ['mean', 'sd', 'lower', 'upper'] as const) {
        if (s[key].length !== p) at(key, `has ${s[key].length} values for ${p} features`);
      }
      if (s.covariance.length !== p || s.covariance.some((r) => r.length !== p))
        at('covariance', `must be ${p} x ${p}`);
      const q = s.t2Features.length;
      s.t2Features.forEach((j, a) => {
        if (j >= p) at('t2Features', `index ${j} is past the ${p} features`, a);
      });
      if (s.precision.length !== q || s.precision.some((r) => r.length !== q))
        at('precision', `must be ${q} x ${q}`);
      if (s.rank > q) at('rank', `${s.rank} is above the ${q} T² features`);
    });
  });

/** Check a parsed JSON value as a model; `source` (a file, a row) prefixes every message. */
export function parseFdcModel(data: unknown, source?: string): Result<FdcModel> {
  return parseWithSchema(modelSchema, data, source === undefined ? {} : { source });
}

/** Read a model from JSON text. */
export function parseFdcModelText(json: string, source?: string): Result<FdcModel> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    const where = source === undefined ? '' : `${source}: `;
    const bad: Issue = issue(
      'invalid-json',
      `${where}not JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
    return fail(bad);
  }
  return parseFdcModel(data, source);
}

/** The model as JSON text. */
export function fdcModelToJson(model: FdcModel): string {
  return JSON.stringify(model);
}
