import { parseWithSchema, type Result, type SchemaIssueCode } from '@bondline/core';
import { z } from 'zod';
import { DEFAULT_LIMITS, type RegistrationLimits } from './types.js';

// A threshold of 0 or below accepts anything (an ambiguity ratio of 0 refuses everything): outside
// the domain, not a stricter or looser setting.
const limitsSchema = z.strictObject({
  minScore: z.number().gt(0).max(1).optional(),
  ambiguityRatio: z.number().gt(0).max(1).optional(),
  peakSeparationPx: z.number().min(0).max(1000).optional(),
});

/** The limits with their defaults, or an issue per limit out of its range (`limits.minScore`, ...). */
export function checkLimits(
  limits: RegistrationLimits,
): Result<Required<RegistrationLimits>, SchemaIssueCode> {
  const r = parseWithSchema(limitsSchema, limits, { source: 'registration limits', knownKeys: true });
  // This schema has no refinements of its own, so its codes are core's schema codes.
  if (!r.ok) return r as Result<never, SchemaIssueCode>;
  const out = { ...DEFAULT_LIMITS };
  if (r.value.minScore !== undefined) out.minScore = r.value.minScore;
  if (r.value.ambiguityRatio !== undefined) out.ambiguityRatio = r.value.ambiguityRatio;
  if (r.value.peakSeparationPx !== undefined) out.peakSeparationPx = r.value.peakSeparationPx;
  return { ok: true, value: out };
}
