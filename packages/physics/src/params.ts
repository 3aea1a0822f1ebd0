/**
 * The full parameter set of the bond yield model, named as in
 * docs/physics.md. Lengths in µm unless the name says otherwise,
 * angles in radians, densities per µm².
 */
export interface WaferParams {
  /** Wafer radius R (µm). */
  R: number;
  /** Edge exclusion e (µm): usable radius is R - e. */
  e: number;
}

export interface DieParams {
  /** Die width W (µm). */
  W: number;
  /** Die length L (µm). */
  L: number;
  /** Street (dicing lane) s (µm). */
  s: number;
}

/** Kind of a pad block in a layout bitmap. */
export type PadBlockKind = 'empty' | 'critical' | 'redundant';

/**
 * A pad layout given as a bitmap of square blocks over the die. Row 0 is the
 * block row at the die's minimum y; column 0 at its minimum x. Blocks are
 * filled with pads at the pad pitch. Pads of a redundant block belong to
 * logical pads of `redundantCopies` copies each: a logical pad fails only when
 * all its copies fail.
 */
export interface PadLayoutParams {
  /** Block edge length (µm). */
  blockUm: number;
  /** rows x cols kinds, rows[r][c]. */
  rows: PadBlockKind[][];
  /** Copies per redundant logical pad (>= 1). */
  redundantCopies: number;
}

export interface PadParams {
  /** Pad pitch p (µm), down to 0.2. */
  p: number;
  /** Bottom pad radius as a fraction of p/2 (Rb = p/2 * botRatio). */
  botRatio: number;
  /** Top pad radius as a fraction of Rb (Rt = Rb * topRatio). */
  topRatio: number;
  /** Optional block layout; absent = full array of critical pads. */
  layout?: PadLayoutParams;
}

export interface OverlayParams {
  /** Contact-area constraint C (fraction of the top pad area). */
  C: number;
  /** Critical-distance (bridging) constraint K. */
  K: number;
  /** Per-pad random misalignment sigma (µm). */
  sigmaR: number;
  /** Systematic translation mean/std per axis (µm). */
  muTx: number;
  sigmaTx: number;
  muTy: number;
  sigmaTy: number;
  /** Systematic rotation mean/std (rad). */
  muTheta: number;
  sigmaTheta: number;
  /** Bow difference mean/std (µm). */
  muB: number;
  sigmaB: number;
  /** Run-out magnification per µm of bow difference (ppm/µm). */
  kMag: number;
  /** Magnification offset M0 (ppm). */
  M0: number;
}

export interface VoidParams {
  /** Particle density over the wafer (1/µm²). */
  D0: number;
  /** Extra particle density in the edge band (1/µm²). */
  D1: number;
  /** Edge band width (µm), measured inward from R. */
  wEdge: number;
  /** Pareto exponent z of particle thickness (> 1.5: at or below it the mean void is infinite). */
  z: number;
  /** Minimum particle thickness t0 (µm). */
  t0: number;
  /** Main void radius slope and offset: (kR*rho + kR0)*sqrt(t). */
  kR: number;
  kR0: number;
  /** Tail length, disc count and area slopes. */
  kL: number;
  kN: number;
  kS: number;
}

export interface CopperParams {
  /** Top and bottom pad dishing mean/std (nm, negative = recessed). */
  dishTopMean: number;
  dishTopSigma: number;
  dishBotMean: number;
  dishBotSigma: number;
  /** Cu expansion coefficients (nm/K). */
  kEt: number;
  kEb: number;
  /** Room and anneal temperatures (degC). */
  Troom: number;
  Tanneal: number;
  /** Asperity curvature radius Ra (m). */
  Ra: number;
  /** Surface roughness sigma (m). */
  sigma: number;
  /** Asperity density eta_s (1/m²). */
  etaS: number;
  /** Roughness constant c of the normalised load. */
  c: number;
  /** Adhesion energy w (J/m²). */
  w: number;
  /** Dielectric Young's modulus E (Pa). */
  E: number;
  /** Dielectric thickness h (m). */
  h: number;
  /** Reference dish depth dish0 (m). */
  dish0: number;
  /** Peel force constant kPeel. */
  kPeel: number;
}

export interface BondParams {
  wafer: WaferParams;
  die: DieParams;
  pads: PadParams;
  overlay: OverlayParams;
  voids: VoidParams;
  copper: CopperParams;
}

/** Defaults from docs/physics.md; roughness constants from the YAP+ w2w_modeling section. */
export const defaultParams: BondParams = {
  wafer: { R: 150000, e: 0 },
  die: { W: 10000, L: 10000, s: 1000 },
  pads: { p: 10, botRatio: 0.5, topRatio: 2 / 3 },
  overlay: {
    C: 0.5,
    K: 0.5,
    sigmaR: 0.02,
    muTx: 0,
    sigmaTx: 0.02,
    muTy: 0,
    sigmaTy: 0.02,
    muTheta: 5e-8,
    sigmaTheta: 1e-8,
    muB: 0.5,
    sigmaB: 0.1,
    kMag: 0.1,
    M0: 0,
  },
  voids: { D0: 1e-9, D1: 0, wEdge: 0, z: 3, t0: 0.1, kR: 1.8e-4, kR0: 230, kL: 0.062, kN: 9e-5, kS: 2.7 },
  copper: {
    dishTopMean: -10,
    dishTopSigma: 1,
    dishBotMean: -10,
    dishBotSigma: 1,
    kEt: 0.053,
    kEb: 0.053,
    Troom: 25,
    Tanneal: 300,
    Ra: 2e-6,
    sigma: 1e-9,
    etaS: 40e12,
    c: 0.07,
    w: 1.3,
    E: 73e9,
    h: 1.5e-6,
    dish0: 75e-9,
    kPeel: 6.66e15,
  },
};
