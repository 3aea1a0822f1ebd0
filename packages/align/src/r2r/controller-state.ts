/**
 * Lifecycle of one controller (one context, one correctable) as a transition
 * table. `fresh`: no measurement since the last reset; `tracking`: estimates
 * follow measurements; `suspended`: the tool is in maintenance, so measurements
 * and recommendations are refused until the context is reset.
 */
export type Phase = 'fresh' | 'tracking' | 'suspended';
export type ControllerEvent = 'measure' | 'recommend' | 'suspend' | 'reset';

const TRANSITIONS: Record<Phase, Partial<Record<ControllerEvent, Phase>>> = {
  fresh: { measure: 'tracking', recommend: 'fresh', suspend: 'suspended', reset: 'fresh' },
  tracking: { measure: 'tracking', recommend: 'tracking', suspend: 'suspended', reset: 'fresh' },
  suspended: { reset: 'fresh' },
};

/** The phase after `event`, or undefined when the table does not allow it. */
export function nextPhase(from: Phase, event: ControllerEvent): Phase | undefined {
  return TRANSITIONS[from][event];
}

/** Serialisable controller state: plain numbers only. */
export interface ControllerState {
  phase: Phase;
  /** Offset estimate a, output units. */
  a: number;
  /** Drift estimate D per run, output units (0 for single EWMA). */
  d: number;
  /** Input in force (last issued recommendation), input units. */
  u: number;
  /** Measurements since the last reset. */
  runs: number;
}
