// Shared by the digital twin's tests: the demo bond model, healthy recipe parameters, and a pair run
// through every step the controller would ask for.
import { resolve } from 'node:path';
import { type BondParams, loadBondConfig } from '@bondline/physics';
import type { BonderParams, CleanParams, InspectionParams, PlasmaParams } from '../recipe/recipe-types.js';
import type {
  BondContext,
  BondOutcome,
  Degradation,
  PairMetrology,
  ProcessPhysics,
} from './process-physics.js';
import { type TwinParams, twinParamsSchema } from './twin-params.js';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** examples/yield.yaml through physics' loader: the 1 µm pitch demo pair (dmax 0.23 µm, docs/physics.md §2.1). */
export async function demoBond(): Promise<BondParams> {
  const r = await loadBondConfig(resolve(ROOT, 'examples/yield.yaml'));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.params;
}

/** The twin's defaults (a healthy tool) with some fields replaced. */
export function twinWith(patch: Partial<TwinParams> = {}): TwinParams {
  return { ...twinParamsSchema.parse({}), ...patch };
}

export const plasma: PlasmaParams = { gas: 'O2', rfPowerW: 300, timeS: 30, pressurePa: 40 };
export const clean: CleanParams = { rinseS: 30, spinRpm: 2000, dryS: 20 };
/** A nominal bond: 3 vacuum zones and a 1 s initiation delay (edge-voids.ts), bowed 0.5 µm beyond the 30 µm chuck (physics' muB). */
export const bonder: BonderParams = {
  alignS: 20,
  alignRetries: 2,
  vacuumZones: 3,
  pinForceN: 5,
  bowUm: 30.5,
  initiationDelayS: 1,
  bondS: 30,
};
export const inspection: InspectionParams = { sites: 49, siteS: 1, scanS: 60, voidThresholdUm: 50 };

export const NO_OFFSETS = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };

/** Where a pair's faults act, step by step (all healthy unless given). */
export interface PairFaults {
  surface?: Degradation;
  bond?: Degradation;
  inspect?: Degradation;
  offsets?: BondContext['r2rOffsets'];
  wafersSinceMaintenance?: number;
}

/** One pair through incoming, plasma, clean (both wafers), bond and inspection, as the controller would run it. */
export function runPair(
  twin: ProcessPhysics,
  n: number,
  faults: PairFaults = {},
  bonderParams: BonderParams = bonder,
): { bond: BondOutcome; metrology: PairMetrology | undefined } {
  const ctx = {
    wafersSinceMaintenance: faults.wafersSinceMaintenance ?? 0,
    degradation: faults.surface ?? {},
  };
  const surfaces = (['top', 'bottom'] as const).map((role) => {
    const w = twin.incoming(`L1-${role === 'top' ? 'T' : 'B'}${n}`, role);
    const p = twin.plasma(w, plasma, { moduleId: 'PL1', ...ctx });
    const c = twin.clean({ ...w, particles: p.particles }, clean, { moduleId: 'CL1', ...ctx });
    return { ...w, particles: c.particles };
  });
  const [top, bottom] = surfaces as [(typeof surfaces)[0], (typeof surfaces)[0]];
  const bond = twin.bond(top, bottom, bonderParams, {
    moduleId: 'BD1',
    r2rOffsets: faults.offsets ?? NO_OFFSETS,
    degradation: faults.bond ?? {},
  });
  const metrology = bond.aligned
    ? twin.inspect(`L1-S${n}`, bond, inspection, faults.inspect ?? {})
    : undefined;
  return { bond, metrology };
}

/** Mean and standard error of a sample. */
export function meanSe(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, se: sd / Math.sqrt(n) };
}
