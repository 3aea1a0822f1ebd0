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

/** Programmer-error checks on a config (files are validated at the CLI boundary with messages). */
export function assertControllerConfig(c: ControllerConfig): void {
  const bad = (m: string) => {
    throw new RangeError(`controller config: ${m}`);
  };
  if (!(c.w > 0 && c.w <= 1)) bad(`w must be in (0, 1], got ${c.w}`);
  if (c.kind === 'dewma' && !(c.w2 !== undefined && c.w2 > 0 && c.w2 <= 1))
    bad(`w2 must be in (0, 1], got ${c.w2}`);
  if (!Number.isFinite(c.gain) || c.gain === 0) bad(`gain must be finite and non-zero, got ${c.gain}`);
  if (!Number.isFinite(c.target)) bad(`target must be finite, got ${c.target}`);
  if (c.limits !== undefined && !(c.limits.min <= c.limits.max)) bad('limits.min must be ≤ limits.max');
  if (c.deadband !== undefined && !(c.deadband >= 0)) bad(`deadband must be ≥ 0, got ${c.deadband}`);
  const r = c.gainRatioRange;
  if (r !== undefined && !(r[0] <= r[1] && Number.isFinite(r[0]) && Number.isFinite(r[1]))) {
    bad('gainRatioRange must be [low, high] with low ≤ high');
  }
}
