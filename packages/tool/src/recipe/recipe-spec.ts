// Every recipe parameter described once: unit, limits, default and meaning. The recipe schema
// (recipe-schema.ts), the docs table (docs/tool.md §3) and the tests are all built from this table,
// so a limit lives in exactly one place. Limits are interlocks: a value outside them is refused,
// never clamped. They bound what the module hardware can do (a generator's power range, a spin
// motor's speed range) and catch unit mistakes (minutes for seconds, mm for µm).
import type { RecipeParams } from './recipe-types.js';

/** A numeric parameter: limits inclusive, in `unit` (empty for a count). */
export interface NumberParamSpec {
  readonly kind: 'number';
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** True for counts (retries, zones, sites): a fraction is refused. */
  readonly integer: boolean;
  readonly doc: string;
}

/** A parameter that takes one of a few names. */
export interface EnumParamSpec<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
  readonly default: V;
  readonly doc: string;
}

export type ParamSpec = NumberParamSpec | EnumParamSpec;

/** The modules a recipe configures, in route order (load ports take no recipe parameters). */
export type RecipeModule = keyof RecipeParams;

/** One spec per field of a module's parameter type: numbers get a NumberParamSpec, names an EnumParamSpec. */
type ModuleSpec<T> = {
  readonly [K in keyof T]-?: T[K] extends number
    ? NumberParamSpec
    : T[K] extends string
      ? EnumParamSpec<T[K]>
      : never;
};

const num = (
  unit: string,
  min: number,
  max: number,
  def: number,
  doc: string,
  integer = false,
): NumberParamSpec => ({ kind: 'number', unit, min, max, default: def, integer, doc });

/**
 * The recipe parameter table. `satisfies` makes the compiler check it against recipe-types.ts: a
 * parameter added there without a spec here (or a spec for a parameter that does not exist) fails
 * the build.
 */
export const RECIPE_SPEC = {
  robot: {
    moveS: num('s', 0.5, 30, 3, 'one move of the transfer robot between two stations, wafer on the arm'),
    pickS: num('s', 0.5, 20, 2, 'one pick: arm in, vacuum grip checked, arm out'),
    placeS: num('s', 0.5, 20, 2, 'one place: arm in, wafer released onto pins or chuck, arm out'),
  },
  prealigner: {
    timeS: num('s', 3, 120, 15, 'notch and centre finding per wafer'),
  },
  plasma: {
    gas: {
      kind: 'enum',
      values: ['O2', 'N2'],
      default: 'N2',
      doc: 'process gas of the activation plasma',
    },
    rfPowerW: num('W', 50, 1000, 300, 'RF power of the activation plasma'),
    timeS: num('s', 5, 300, 30, 'plasma exposure per wafer'),
    pressurePa: num('Pa', 10, 200, 50, 'chamber pressure during the plasma'),
  },
  clean: {
    rinseS: num('s', 5, 300, 30, 'DI-water rinse per wafer (removes particles, hydrates the surface)'),
    spinRpm: num('rpm', 500, 4000, 2000, 'spin speed of the dry'),
    dryS: num('s', 5, 300, 25, 'spin dry per wafer'),
  },
  flipper: {
    timeS: num('s', 3, 60, 10, 'turning the top wafer face down'),
  },
  bonder: {
    alignS: num('s', 10, 600, 60, 'mark search, registration of both wafers and the stage move'),
    alignRetries: num('', 0, 5, 2, 'registration attempts after the first before an alignment fault', true),
    vacuumZones: num('', 1, 8, 3, 'chuck vacuum zones released from the centre outwards', true),
    pinForceN: num('N', 0.5, 30, 5, 'force of the centre pin that starts the bond wave'),
    bowUm: num('µm', 0, 200, 30, 'bow of the top wafer at initiation (run-out grows with it)'),
    initiationDelayS: num('s', 0, 60, 5, 'delay between contact and release of the outer zones'),
    bondS: num('s', 10, 600, 80, 'bond wave propagation, release and unload preparation'),
  },
  inspection: {
    sites: num('', 5, 500, 25, 'overlay metrology sites measured per stack', true),
    siteS: num('s', 0.5, 30, 2, 'time per metrology site (move, focus, measure)'),
    scanS: num('s', 10, 600, 60, 'infrared void scan of the whole stack'),
    voidThresholdUm: num('µm', 1, 1000, 20, 'smallest void diameter the infrared scan reports'),
  },
} as const satisfies { readonly [M in RecipeModule]: ModuleSpec<RecipeParams[M]> };

/** The recipe modules in route order (the order of the table, of recipe files and of the docs). */
export const RECIPE_MODULES = Object.keys(RECIPE_SPEC) as RecipeModule[];

/** One row of the table with its module and key, for walking every parameter. */
export interface ParamRow {
  readonly module: RecipeModule;
  readonly key: string;
  readonly spec: ParamSpec;
}

/** Every parameter in table order. */
export function recipeParamRows(): ParamRow[] {
  const rows: ParamRow[] = [];
  for (const module of RECIPE_MODULES) {
    const specs: Readonly<Record<string, ParamSpec>> = RECIPE_SPEC[module];
    for (const [key, spec] of Object.entries(specs)) rows.push({ module, key, spec });
  }
  return rows;
}

/** The parameter keys of one module, in table order. */
export function moduleParamKeys(module: RecipeModule): string[] {
  return Object.keys(RECIPE_SPEC[module]);
}

/** A value with its unit as messages and docs print it: `1500 W`, `3` for a count. */
export function withUnit(value: number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** The value of one parameter of `params` (undefined for a key the module does not have). */
export function paramValue(
  params: RecipeParams,
  module: RecipeModule,
  key: string,
): number | string | undefined {
  const values: object = params[module];
  return (values as Readonly<Record<string, number | string | undefined>>)[key];
}
