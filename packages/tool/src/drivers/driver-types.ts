// What every module driver shares (docs/tool.md §1). A driver runs one step at a time and reports
// through callbacks, as hardware would: `done` with the step's results when it finished, or `alarm`
// when the module stopped (the substrate stays inside; the controller redoes the step after
// recovery). The controller measures step durations on its clock and never asks how a driver works,
// so a simulated driver and a real one are interchangeable.
import type { AlarmingFault } from '../faults/fault-source.js';
import type { ModuleKind } from '../module-kind.js';

/** A substrate as a driver needs to know it. */
export interface SubstrateRef {
  id: string;
  kind: 'top' | 'bottom' | 'stack';
}

/** A finished step. */
export interface StepDone<R> {
  result: R;
  /** Trace values of the step by name, SI units or as the name says (rfForwardW, chamberPressurePa). */
  trace: Record<string, number>;
  /** Results written into the substrates' histories (counts, residuals, outcome words). */
  results: Record<string, number | string>;
  /** Fault points that silently degraded the step (none when the module is healthy). */
  faultIds: readonly string[];
}

/**
 * How a driver reports a step: exactly one of `done` and `alarm` is called, once, at its end; before
 * that, `reading` any number of times with fresh sensor readings of the module's trace values while
 * the step runs (by the names of `StepDone.trace`; a driver without sensors between steps never calls it).
 */
export interface StepCallbacks<R> {
  done(outcome: StepDone<R>): void;
  alarm(fault: AlarmingFault): void;
  reading?(trace: Record<string, number>): void;
}

/** The part of every driver the controller uses whatever the module kind. */
export interface ModuleDriver {
  readonly id: string;
  readonly kind: ModuleKind;
  /** The alarm `faultId` was recovered (retry done, operator cleared it, maintenance done). */
  recovered(faultId: string): void;
  /** Maintenance of the module was done: wear counters restart. */
  maintained(): void;
  /** Stop the step in progress at once; its callbacks are not called. */
  abort(): void;
}
