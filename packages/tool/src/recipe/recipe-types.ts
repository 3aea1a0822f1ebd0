// The shape of a validated recipe. Every number here has passed its parameter's limits (unit,
// minimum, maximum, default in recipe-spec.ts); a recipe that did not is never constructed.
// Units are in the names: S seconds, W watts, Pa pascals, Rpm revolutions per minute, N newtons,
// Um micrometres, Mm millimetres.

/** Transfer robot: one move between two stations, one pick, one place. */
export interface RobotParams {
  moveS: number;
  pickS: number;
  placeS: number;
}

/** Pre-aligner: notch and centre finding. */
export interface PrealignerParams {
  timeS: number;
}

/** Plasma activation of the bonding surface. */
export interface PlasmaParams {
  gas: 'O2' | 'N2';
  rfPowerW: number;
  timeS: number;
  pressurePa: number;
}

/** Clean / hydration: DI-water rinse and spin dry. */
export interface CleanParams {
  rinseS: number;
  spinRpm: number;
  dryS: number;
}

/** Flipper: turns the top wafer face down. */
export interface FlipperParams {
  timeS: number;
}

/** Aligner + bond chamber. */
export interface BonderParams {
  /** Mark search, registration of both wafers and the stage move to the aligned position. */
  alignS: number;
  /** Registration attempts before the pair is refused with an alignment fault. */
  alignRetries: number;
  /** Chuck vacuum zones released from the centre outwards (more zones: a smoother bond wave). */
  vacuumZones: number;
  /** Force of the centre pin that starts the bond. */
  pinForceN: number;
  /** Bow of the top wafer at initiation; the bond wave's run-out (magnification) grows with it. */
  bowUm: number;
  /** Delay between contact and release of the outer zones. */
  initiationDelayS: number;
  /** Bond wave propagation, release and unload preparation. */
  bondS: number;
}

/** Post-bond inspection: infrared void scan and overlay metrology of the stack. */
export interface InspectionParams {
  /** Overlay metrology sites measured per stack. */
  sites: number;
  /** Time per metrology site. */
  siteS: number;
  /** Infrared void scan of the whole stack. */
  scanS: number;
  /** Smallest void diameter the infrared scan reports. */
  voidThresholdUm: number;
}

/** Parameters of every module kind a recipe configures (load ports take no recipe parameters). */
export interface RecipeParams {
  robot: RobotParams;
  prealigner: PrealignerParams;
  plasma: PlasmaParams;
  clean: CleanParams;
  flipper: FlipperParams;
  bonder: BonderParams;
  inspection: InspectionParams;
}

/** A validated recipe (a GEM process program): its name is its PPID. */
export interface Recipe {
  /** PPID: file name without extension, e.g. BOND-STD. */
  name: string;
  /** Increases by one each time the recipe is replaced; older versions are kept. */
  version: number;
  description: string;
  params: RecipeParams;
}
