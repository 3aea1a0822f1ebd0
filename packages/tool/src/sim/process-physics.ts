// The seam between the controller's simulated drivers and the digital twin's physics. The
// controller never computes a particle, an overlay term or a yield itself: a simulated driver asks
// this interface, a real driver would read its sensors and metrology instead. Units follow
// @bondline/align (nm, µrad, ppm) and @bondline/physics (µm on the wafer, mm for positions).

import type { OverlaySite } from '@bondline/align';
import type { Rng } from '@bondline/physics';
import type { WaferRole } from '../module-kind.js';
import type { BonderParams, CleanParams, InspectionParams, PlasmaParams } from '../recipe/recipe-types.js';

/** The correctable overlay terms of a bonded pair: translation nm, rotation µrad, magnification ppm. */
export interface OverlayTerms {
  Tx: number;
  Ty: number;
  Rot: number;
  Mag: number;
}

/** A particle on a bonding surface, in wafer coordinates (mm from the centre), diameter in µm. */
export interface Particle {
  xMm: number;
  yMm: number;
  diameterUm: number;
  /** Where it came from: the incoming wafer, a module (its id), or a fault point (its id). */
  source: string;
}

/** A void in the bonded stack, in stack coordinates (mm from the centre), diameter in µm. */
export interface Void {
  xMm: number;
  yMm: number;
  diameterUm: number;
  cause: 'particle' | 'edge' | 'fault';
}

/**
 * What the active fault points do to the process at one step, summed over the points. Every field is
 * optional and neutral when absent; the fault engine (faults/) produces it, the twin applies it.
 */
export interface Degradation {
  /** Extra particles added to the wafer at this step (count, mean). */
  extraParticles?: number;
  /** Factor on the module's particle rate (1 = nominal). */
  particleRateFactor?: number;
  /** Overlay drift added to the realised terms (nm, µrad, ppm). */
  overlayDrift?: Partial<OverlayTerms>;
  /** Factor on stage placement and registration noise (1 = nominal). */
  alignNoiseFactor?: number;
  /** Probability that the bond wave leaves edge voids on this pair (0..1). */
  edgeVoidProbability?: number;
  /** Factor on the module's step time (1 = nominal). */
  timeFactor?: number;
  /** Ids of the fault points that contributed, for the record. */
  faultIds?: readonly string[];
}

/** A wafer as the twin knows it: what is on its surface now. */
export interface WaferSurface {
  id: string;
  role: WaferRole;
  particles: Particle[];
}

/** Context of a surface step: the module, how many wafers it has processed since its last maintenance, the faults' effect. */
export interface SurfaceContext {
  moduleId: string;
  wafersSinceMaintenance: number;
  degradation: Degradation;
}

/** Result of a plasma or clean step: the particles now on the wafer, and the module's trace values. */
export interface SurfaceOutcome {
  particles: Particle[];
  /** Trace values of the step by name (e.g. rfForwardW, rfReflectedW, chamberPressurePa). */
  trace: Record<string, number>;
  /**
   * The module's sensor model for this step: one fresh reading of the same trace values (same process
   * state, new noise) from `rng`, for the readings the module reports while the step runs.
   */
  sensor?: (rng: Rng) => Record<string, number>;
}

/** Context of a bond: the R2R offsets the host set (subtracted by the stage) and the faults' effect. */
export interface BondContext {
  moduleId: string;
  r2rOffsets: OverlayTerms;
  degradation: Degradation;
}

/** What the aligner and bond chamber did to one pair. */
export interface BondOutcome {
  topId: string;
  bottomId: string;
  /** Overlay terms the pair really has after bonding (what metrology would measure without noise). */
  realised: OverlayTerms;
  /** Registration of the alignment marks: residual (nm) per wafer and the attempts it took. */
  registration: { topResidualNm: number; bottomResidualNm: number; attempts: number };
  /** False when registration failed on every attempt: the pair is not bonded (an alarm). */
  aligned: boolean;
  voids: Void[];
  /** Trace values of the bond by name (bondForceN, chamberPressurePa, chuckTemperatureC, ...). */
  trace: Record<string, number>;
}

/** Per-die result of a pair: 0 good, else the physics cause code (CAUSE_* of @bondline/physics). */
export interface DieYieldMap {
  /** Die columns and rows of the grid; `causes[row * cols + col]`; dies off the wafer are 255. */
  cols: number;
  rows: number;
  causes: Uint8Array;
}

/** Post-bond inspection of one stack: what the fab receives. */
export interface PairMetrology {
  /** Overlay site map in @bondline/align's site format (wafer = stack id, X/Y µm, dx/dy nm). */
  sites: OverlaySite[];
  /** Voids the infrared scan found (at or above the recipe's threshold). */
  voids: Void[];
  dieYield: DieYieldMap;
  /** Fraction of good dies on the stack, 0..1. */
  yield: number;
  trace: Record<string, number>;
  /** Mean over dies of the probability to be good for the pair's realised terms and voids, 0..1. */
  expectedYield?: number;
  /** Seed of the per-die draws: the die map follows again from the realised terms, the voids and this seed. */
  yieldSeed?: number;
}

/** The digital twin's physics, seeded once; calls in the same order give the same results. */
export interface ProcessPhysics {
  /** A wafer arriving in a carrier, with the particles it brings. */
  incoming(id: string, role: WaferRole): WaferSurface;
  plasma(wafer: WaferSurface, params: PlasmaParams, ctx: SurfaceContext): SurfaceOutcome;
  clean(wafer: WaferSurface, params: CleanParams, ctx: SurfaceContext): SurfaceOutcome;
  /**
   * A step that only handles the wafer (load port, robot, pre-aligner, flipper), or a step its module's
   * alarm stopped: the particles its faults leave on the wafer (`degradation.extraParticles`), nothing
   * else (docs/tool.md §5.5). Optional: a physics without it leaves those particles out.
   */
  handle?(wafer: WaferSurface, ctx: SurfaceContext): SurfaceOutcome;
  /** Align (real registration of rendered mark images) and bond a pair. */
  bond(top: WaferSurface, bottom: WaferSurface, params: BonderParams, ctx: BondContext): BondOutcome;
  /** Inspect a bonded stack: metrology sites with noise, detected voids, die yield map and yield. */
  inspect(
    stackId: string,
    bond: BondOutcome,
    params: InspectionParams,
    degradation: Degradation,
  ): PairMetrology;
}
