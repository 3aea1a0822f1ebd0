// Process capability against spec limits (docs/fab.md §8.5), after Montgomery, Introduction to
// Statistical Quality Control, 7th ed., §8.3:
//
// - Cp = (USL − LSL)/6σ and Cpk = min(USL − μ, μ − LSL)/3σ with σ the within sigma (the chart's
//   estimate: MR̄/d2, R̄/d2 or S̄/c4); Pp and Ppk the same with the overall sample SD s.
// - Cp and Pp intervals: the chi-square interval Ĉ·√(χ²(α/2; n−1)/(n−1)) ≤ C ≤ Ĉ·√(χ²(1−α/2; n−1)/(n−1))
//   (Montgomery eq. 8.19). It is exact for Pp (s is the sample SD); for Cp with σ from MR̄/d2 or R̄/d2
//   it uses n − 1 degrees of freedom as Montgomery does, an approximation.
// - Cpk and Ppk intervals: Bissell's (1990) normal approximation, as Montgomery gives it (eq. 8.20):
//   Ĉ[1 ∓ z(1−α/2)·√(1/(9nĈ²) + 1/(2(n−1)))].
// With one spec limit only Cpk/Ppk exist (Cpu or Cpl); Cp and Pp are null. Cpm (with the target)
// uses the overall mean square deviation from the target: (USL − LSL)/(6√(s² + (μ − T)²)).
import { fail, issue, ok, parseWithSchema, type Result } from '@bondline/core';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { z } from 'zod';

const capabilityRequestSchema = z
  .strictObject({
    lsl: z.number().finite().optional(),
    usl: z.number().finite().optional(),
    target: z.number().finite().optional(),
    /** Within sigma from the chart (phase limits' sigma). */
    sigmaWithin: z.number().gt(0).finite(),
    /** Two-sided confidence level of the intervals (default 0.95). */
    confidence: z.number().gt(0).lt(1).default(0.95),
  })
  .refine((r) => r.lsl !== undefined || r.usl !== undefined, {
    message: 'give lsl, usl or both',
    path: ['usl'],
    params: { code: 'missing' },
  })
  .refine((r) => r.lsl === undefined || r.usl === undefined || r.lsl < r.usl, {
    message: 'lsl must be below usl',
    path: ['lsl'],
    params: { code: 'out-of-range' },
  });

export type CapabilityRequest = z.input<typeof capabilityRequestSchema>;

/** An estimate and its two-sided confidence interval. */
export interface Estimate {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Capability {
  readonly n: number;
  readonly mean: number;
  readonly sigmaWithin: number;
  /** Overall sample standard deviation (n − 1). */
  readonly sigmaOverall: number;
  readonly confidence: number;
  readonly cp: Estimate | null;
  readonly cpk: Estimate;
  readonly pp: Estimate | null;
  readonly ppk: Estimate;
  /** Taguchi's index, when a target and both limits are given. */
  readonly cpm: number | null;
}

/**
 * Cp, Cpk, Pp, Ppk and their intervals for individual `values` (at least 2, not all equal) against
 * the request's spec limits. Refusals name the field.
 */
export function capability(values: ArrayLike<number>, request: CapabilityRequest): Result<Capability> {
  const req = parseWithSchema(capabilityRequestSchema, request);
  if (!req.ok) return req;
  const { lsl, usl, target, sigmaWithin, confidence } = req.value;
  const n = values.length;
  if (n < 2) return fail(issue('too-few', `values: ${n} given; capability needs at least 2`, 'values'));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x))
      return fail(issue('not-finite', `values[${i}]: ${x} is not a finite number`, `values[${i}]`));
    sum += x;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const sigmaOverall = Math.sqrt(ss / (n - 1));
  if (!(sigmaOverall > 0)) {
    return fail(issue('zero-variation', 'values: all equal, so the overall sigma is 0', 'values'));
  }
  const alpha = 1 - confidence;
  const chiLo = Math.sqrt(chisquareQuantile(alpha / 2, n - 1) / (n - 1));
  const chiHi = Math.sqrt(chisquareQuantile(1 - alpha / 2, n - 1) / (n - 1));
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const spread = (sigma: number): Estimate | null => {
    if (lsl === undefined || usl === undefined) return null;
    const c = (usl - lsl) / (6 * sigma);
    return { value: c, lower: c * chiLo, upper: c * chiHi };
  };
  const centred = (sigma: number): Estimate => {
    const cpu = usl === undefined ? Number.POSITIVE_INFINITY : (usl - mean) / (3 * sigma);
    const cpl = lsl === undefined ? Number.POSITIVE_INFINITY : (mean - lsl) / (3 * sigma);
    const c = Math.min(cpu, cpl);
    // Ĉ·z·√(1/(9nĈ²) + 1/(2(n−1))) written so that it stays a positive half-width for Ĉ ≤ 0.
    const half = z * Math.sqrt(1 / (9 * n) + (c * c) / (2 * (n - 1)));
    return { value: c, lower: c - half, upper: c + half };
  };
  const cpm =
    target === undefined || lsl === undefined || usl === undefined
      ? null
      : (usl - lsl) / (6 * Math.sqrt(sigmaOverall ** 2 + (mean - target) ** 2));
  return ok({
    n,
    mean,
    sigmaWithin,
    sigmaOverall,
    confidence,
    cp: spread(sigmaWithin),
    cpk: centred(sigmaWithin),
    pp: spread(sigmaOverall),
    ppk: centred(sigmaOverall),
    cpm,
  });
}

/** The p-quantile of the chi-square distribution with `df` degrees of freedom (stdlib, inverse regularised gamma). */
export function chiSquareQuantile(p: number, df: number): number {
  return chisquareQuantile(p, df);
}
