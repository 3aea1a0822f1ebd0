/** Why a die was lost (or 'good'). */
export type DieCause = 'good' | 'overlay' | 'void' | 'cu';

/** One die of the grid, in bonded wafer coordinates (µm). */
export interface Die {
  /** Index in the die list. */
  id: number;
  /** Grid column and row (0-based, from minimum x / minimum y). */
  col: number;
  row: number;
  /** Die centre (µm). */
  cx: number;
  cy: number;
}

/** Analytic per-die and wafer-level yield. */
export interface AnalyticResult {
  dies: Die[];
  /** Maximum tolerated pad displacement dmax = min(dCA, dCD) (µm). */
  dmaxUm: number;
  dCAUm: number;
  dCDUm: number;
  /** Per-die yields, indexed like `dies`. */
  perDie: {
    overlay: Float64Array;
    void: Float64Array;
    cu: Float64Array;
    total: Float64Array;
    /** Expected killing particles per die. */
    lambda: Float64Array;
  };
  /** Wafer means over dies. */
  yield: { overlay: number; void: number; cu: number; total: number };
  /** Mean of lambda over dies. */
  lambdaMean: number;
  /**
   * Expected fraction of dies lost to each cause, charging a die to the first failing
   * mechanism in the order overlay, void, cu (the order McWafer.causes uses):
   * overlay 1-Yo, void Yo(1-Yv), cu Yo Yv (1-Ycu); wafer means. They sum to 1 - yield.total.
   */
  lostBy: { overlay: number; void: number; cu: number };
  /** Largest per-die estimate of the overlay quadrature error (yield units). */
  overlayErrorEstimate: number;
}

/** One simulated wafer pair. */
export interface McWafer {
  /**
   * Cause code per die, indexed like `dies` (first failing mechanism in the order overlay, void, cu):
   * CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID, CAUSE_CU; `dieCause(code)` names it. One byte a die keeps
   * a large lot's die maps small.
   */
  causes: Uint8Array;
  /** Fraction of good dies. */
  yield: number;
  /** Killing particles per die (count of voids that reached the die's critical region). */
  killers: Uint32Array;
  /** Particles drawn on this wafer pair. */
  particles: number;
}

/** Monte Carlo over a lot of wafer pairs. */
export interface McResult {
  dies: Die[];
  wafers: McWafer[];
  /** Mean wafer yield and its standard error over wafers. */
  mean: number;
  stderr: number;
  /** Standard deviation of wafer yield over the lot. */
  spread: number;
  /** Mean over wafers and dies of killing particles per die (compare with lambdaMean). */
  lambdaMean: number;
  /** Lot means of per-mechanism die survival. */
  byCause: { overlay: number; void: number; cu: number };
  seed: number;
}
