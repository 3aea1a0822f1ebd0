// One fault point of the catalogue (examples/tool/faults.yaml), as validated on load.
import type { ModuleKind } from '../module-kind.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import type { Recovery } from './fault-source.js';

export type Severity = 'info' | 'warning' | 'error' | 'critical';
export type Detection = 'sensor' | 'interlock' | 'timeout' | 'metrology' | 'none';

/** What a fault point does in the simulated tool when it fires. */
export interface FaultEffect {
  /** Stops the module and raises the alarm; false for silent points that only degrade the process. */
  stopsModule: boolean;
  extraParticles?: number;
  particleRateFactor?: number;
  overlayDrift?: Partial<OverlayTerms>;
  alignNoiseFactor?: number;
  edgeVoidProbability?: number;
  timeFactor?: number;
  /**
   * Silent points only: virtual seconds a fired point stays active; absent, it stays active until the
   * module's next maintenance (docs/tool.md §5).
   */
  activeS?: number;
}

export interface FaultPoint {
  /** Stable id, e.g. BD-ALIGN-017. */
  id: string;
  module: ModuleKind;
  name: string;
  text: string;
  severity: Severity;
  detection: Detection;
  recovery: Recovery;
  /** Virtual seconds the recovery takes. */
  recoveryS: number;
  /** GEM alarm id and ALCD category; absent for silent points (they raise nothing). */
  alarm?: { alid: number; alcd: number };
  effect: FaultEffect;
}
