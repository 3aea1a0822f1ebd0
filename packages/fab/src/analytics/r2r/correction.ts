// From the controller's raw next input to what is sent: the largest step per run, the tool's EC
// limits, then the deadband, each clamp named so the audit trail says why a value differs from the
// controller's. Pure.
import { type PerTerm, R2R_TERMS, type R2rTerm } from './r2r-settings.js';

interface Clamp {
  readonly term: R2rTerm;
  readonly reason: 'max-step' | 'ec-limit' | 'deadband';
  /** The value before this clamp and after it. */
  readonly from: number;
  readonly to: number;
}

export interface Correction {
  /** The value of each term to have in force after this run. */
  readonly next: PerTerm;
  /** Terms whose value changes (to be sent). */
  readonly changed: readonly R2rTerm[];
  readonly clamps: readonly Clamp[];
}

export interface CorrectionLimits {
  readonly maxStep: PerTerm;
  readonly deadband: PerTerm;
  readonly limits: Readonly<Record<R2rTerm, { min: number; max: number }>>;
}

/** Next values from the raw ones (`raw`) and those in force (`current`). */
export function correction(raw: PerTerm, current: PerTerm, o: CorrectionLimits): Correction {
  const next = { ...current };
  const clamps: Clamp[] = [];
  const changed: R2rTerm[] = [];
  for (const term of R2R_TERMS) {
    const cur = current[term];
    let v = raw[term];
    const step = o.maxStep[term];
    if (Math.abs(v - cur) > step) {
      const to = cur + Math.sign(v - cur) * step;
      clamps.push({ term, reason: 'max-step', from: v, to });
      v = to;
    }
    const { min, max } = o.limits[term];
    if (v < min || v > max) {
      const to = Math.min(max, Math.max(min, v));
      clamps.push({ term, reason: 'ec-limit', from: v, to });
      v = to;
    }
    if (Math.abs(v - cur) < o.deadband[term]) {
      if (v !== cur) clamps.push({ term, reason: 'deadband', from: v, to: cur });
      v = cur;
    }
    next[term] = v;
    if (v !== cur) changed.push(term);
  }
  return { next, changed, clamps };
}
