// One EWMA-family controller's settings: the type code works with, and the zod schema of the same
// settings as a file writes them (limits and ranges as [low, high] pairs), with the plausible ranges.
import { formatIssues, parseWithSchema } from '@bondline/core';
import { z } from 'zod';

/** Configuration of one EWMA-family controller (one context, one correctable). */
export interface ControllerConfig {
  /** 'ewma': offset only; 'dewma': offset and drift (double EWMA, Butler & Stefani 1994). */
  kind: 'ewma' | 'dewma';
  /** Offset weight w, 0 < w ≤ 1. */
  w: number;
  /** Drift weight w2, 0 < w2 ≤ 1 (dewma only). */
  w2?: number;
  /** Model gain b: change of the output per unit of input (output unit / input unit), non-zero. */
  gain: number;
  /** Target T of the output, output units. */
  target: number;
  /** Actuator limits on u, input units. */
  limits?: { min: number; max: number };
  /** A new u closer than this to the one in force is not issued (input units, ≥ 0). */
  deadband?: number;
  /**
   * Offset estimate a after a reset, output units. When absent the first
   * measurement after a reset sets a = y − b·u (and D = 0) instead of blending.
   */
  initialOffset?: number;
  /** Range of xi = true gain / model gain the process may have, for the stability check. Default [1, 1]. */
  gainRatioRange?: [number, number];
}

/**
 * Plausible ranges. Outputs, inputs, targets, offsets and limits are nm, µrad or ppm (or the input
 * unit of an actuator): 1e6 of them is a millimetre or a 100 % scale error, far past any bonder. Gains
 * are bounded away from 0 and from overflow so that u = (T − a)/b stays finite.
 */
export const R2R_LIMITS = {
  /** |offset|, |drift|, |target|, |limits|, |initialOffset|, deadband, noise. */
  value: 1e6,
  /** |gain| of the model (at least `minGain`) and of the simulated process. */
  gain: 1e3,
  minGain: 1e-6,
  /** |xi| at either end of gainRatioRange. */
  gainRatio: 100,
} as const;

/** A number within ±limit (or [0, limit] when `nonNegative`). */
export function boundedNumber(limit: number, nonNegative = false) {
  return z
    .number()
    .min(nonNegative ? 0 : -limit)
    .max(limit);
}

/** `[low, high]` with both ends within ±limit and low ≤ high. */
function lowHigh(limit: number) {
  return z.tuple([boundedNumber(limit), boundedNumber(limit)]).refine(([lo, hi]) => lo <= hi, {
    error: (iss) => {
      const [lo, hi] = iss.input as [number, number];
      return `low must be at most high, got [${lo}, ${hi}]`;
    },
    params: { code: 'out-of-range' },
  });
}

const modelGain = boundedNumber(R2R_LIMITS.gain).refine((v) => Math.abs(v) >= R2R_LIMITS.minGain, {
  error: (iss) => `${String(iss.input)} is too close to 0; |gain| must be at least ${R2R_LIMITS.minGain}`,
  params: { code: 'out-of-range' },
});
const weight = z.number().gt(0).max(1);

/** A controller as a configuration file writes it; the result is a `ControllerConfig`. */
export const controllerConfigSchema = z
  .strictObject({
    kind: z.enum(['ewma', 'dewma']).default('ewma'),
    w: weight,
    w2: weight.optional(),
    gain: modelGain.default(1),
    target: boundedNumber(R2R_LIMITS.value).default(0),
    limits: lowHigh(R2R_LIMITS.value).optional(),
    deadband: boundedNumber(R2R_LIMITS.value, true).optional(),
    initialOffset: boundedNumber(R2R_LIMITS.value).optional(),
    gainRatioRange: lowHigh(R2R_LIMITS.gainRatio).optional(),
  })
  .check(
    z.superRefine(
      (c, ctx) => {
        // Runs even when another field is bad (`when`), so a file's problems are all named at once.
        if (c.kind === 'dewma' && c.w2 === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['w2'],
            message: "is required with kind 'dewma'",
            params: { code: 'missing' },
          });
        }
        if (c.kind === 'ewma' && c.w2 !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['w2'],
            message: "is only used with kind 'dewma'",
            params: { code: 'unknown-key' },
          });
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  )
  .transform((o): ControllerConfig => {
    const c: ControllerConfig = { kind: o.kind, w: o.w, gain: o.gain, target: o.target };
    if (o.w2 !== undefined) c.w2 = o.w2;
    if (o.limits !== undefined) c.limits = { min: o.limits[0], max: o.limits[1] };
    if (o.deadband !== undefined) c.deadband = o.deadband;
    if (o.initialOffset !== undefined) c.initialOffset = o.initialOffset;
    if (o.gainRatioRange !== undefined) c.gainRatioRange = o.gainRatioRange;
    return c;
  });

/**
 * Programmer-error check of a config built in code (files are validated with `controllerConfigSchema`
 * and their messages): the same schema, a RangeError naming every problem.
 */
export function assertControllerConfig(c: ControllerConfig): void {
  const { limits, ...rest } = c;
  const asWritten = limits === undefined ? rest : { ...rest, limits: [limits.min, limits.max] };
  const r = parseWithSchema(controllerConfigSchema, asWritten, { source: 'controller config' });
  if (!r.ok) throw new RangeError(formatIssues(r.issues, ''));
}
