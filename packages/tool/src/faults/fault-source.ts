// The seam between the controller and the fault points of the simulated tool. At the start of every
// module step the controller asks which fault points fire there; an alarming point stops the module
// (the substrate inside is held) until it is cleared, a silent point only degrades the process.

import type { ModuleKind } from '../module-kind.js';
import type { Degradation } from '../sim/process-physics.js';

/** How a fault point is cleared: the controller retries by itself, an operator clears it, or maintenance does. */
export type Recovery = 'auto-retry' | 'operator-clear' | 'maintenance';

/** A fault point that fired and raises an alarm (a GEM alarm: ALID, ALCD category, text). */
export interface AlarmingFault {
  faultId: string;
  moduleId: string;
  alid: number;
  /** ALCD category bits (E5: 1 personal safety, 2 equipment safety, 3 parameter control warning, 4 parameter control error, 5 irrecoverable error, 6 equipment status warning, 7 attention flags, 8 data integrity). */
  alcd: number;
  text: string;
  recovery: Recovery;
  /** Virtual seconds the recovery takes once started (retry, operator response, maintenance). */
  recoveryS: number;
}

/** What the fault points do at one step: at most one alarm, and the summed silent degradation. */
export interface StepFaults {
  alarm?: AlarmingFault;
  degradation: Degradation;
}

/** Where a step happens, for the fault engine to pick the points that can fire there. */
export interface StepSite {
  moduleId: string;
  kind: ModuleKind;
  /** Virtual time of the step, seconds since the tool started. */
  atS: number;
  /** Substrates the module has processed since its last maintenance. */
  countSinceMaintenance: number;
}

/** The fault engine as the controller sees it. Deterministic from its seed and the order of calls. */
export interface FaultSource {
  atStep(site: StepSite): StepFaults;
  /** The module's fault was recovered (retry done, operator cleared, maintenance done). */
  cleared(faultId: string, moduleId: string, atS: number): void;
  /** Maintenance of a module was done: wear-dependent points reset. */
  maintained(moduleId: string, atS: number): void;
}
