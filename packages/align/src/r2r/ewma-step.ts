import type { ControllerConfig } from './controller-config.js';
import type { ControllerState } from './controller-state.js';

/** What the controller decided after one measurement. */
export interface StepDecision {
  /** u = (T − a − D)/b before limits and deadband, input units. */
  uRaw: number;
  /** u issued for the next run. */
  u: number;
  clamped: boolean;
  /** The change was inside the deadband, so the previous u stays in force. */
  deadband: boolean;
}

/** Initial state after a reset: a from the config (or 0 until the first measurement), no drift. */
export function resetState(c: ControllerConfig): ControllerState {
  const a = c.initialOffset ?? 0;
  const u = clamp(c, (c.target - a) / c.gain).u;
  return { phase: 'fresh', a, d: 0, u, runs: 0 };
}

/**
 * One EWMA / double-EWMA update from output y measured on a run made with
 * input u (docs/align.md §3):
 *   a_k = w (y − b u) + (1 − w) a_(k−1)
 *   D_k = w2 (y − b u − a_(k−1)) + (1 − w2) D_(k−1)          (double EWMA only)
 *   next u = (T − a_k − D_k)/b, clamped to the limits, kept when the change is
 *   inside the deadband.
 * Pure: the caller owns phase transitions and the audit trail.
 */
export function ewmaStep(
  c: ControllerConfig,
  s: ControllerState,
  y: number,
  u: number,
): { state: ControllerState; decision: StepDecision } {
  const x = y - c.gain * u;
  let a: number;
  let d = s.d;
  if (s.runs === 0 && c.initialOffset === undefined) {
    a = x;
    d = 0;
  } else {
    a = c.w * x + (1 - c.w) * s.a;
    if (c.kind === 'dewma') {
      const w2 = c.w2 as number;
      d = w2 * (x - s.a) + (1 - w2) * s.d;
    }
  }
  const uRaw = (c.target - a - (c.kind === 'dewma' ? d : 0)) / c.gain;
  const lim = clamp(c, uRaw);
  const inDeadband = c.deadband !== undefined && Math.abs(lim.u - s.u) < c.deadband;
  const next = inDeadband ? s.u : lim.u;
  return {
    state: { phase: s.phase, a, d, u: next, runs: s.runs + 1 },
    decision: { uRaw, u: next, clamped: lim.clamped, deadband: inDeadband },
  };
}

function clamp(c: ControllerConfig, u: number): { u: number; clamped: boolean } {
  if (c.limits === undefined) return { u, clamped: false };
  if (u < c.limits.min) return { u: c.limits.min, clamped: true };
  if (u > c.limits.max) return { u: c.limits.max, clamped: true };
  return { u, clamped: false };
}
