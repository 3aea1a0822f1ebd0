// What the simulated drivers of one tool share: the clock, the twin's physics, the fault source, and
// the state a real tool keeps in its material (the particles on each wafer, the bond of each stack,
// the carriers on the load ports). Drivers read and write it; the controller never sees it.
import type { VirtualClock } from '../../clock/virtual-clock.js';
import type { FaultSource, Recovery } from '../../faults/fault-source.js';
import type { BondOutcome, Degradation, ProcessPhysics, WaferSurface } from '../../sim/process-physics.js';
import type { TwinParams } from '../../sim/twin-params.js';
import type { CarrierExpectation } from '../module-drivers.js';
import { combine, pairPart } from './carried-degradation.js';

/** Load port step times, seconds (no recipe sets them: they are the hardware's). */
export interface LoadPortTimes {
  dockS: number;
  mapS: number;
  undockS: number;
}

export const DEFAULT_LOAD_PORT_TIMES: LoadPortTimes = { dockS: 8, mapS: 12, undockS: 8 };

/**
 * The alarm a simulated bonder raises when registration failed on every attempt (BondOutcome.aligned
 * false): a fault point of the catalogue the fault source never draws (docs/tool.md §1, §5).
 */
export interface AlignFailedAlarm {
  faultId: string;
  alid: number;
  alcd: number;
  recovery: Recovery;
  recoveryS: number;
}

/** The shipped catalogue's point BD-ALIGN-061 (examples/tool/faults.yaml); the assembly reads it from the catalogue. */
export const DEFAULT_ALIGN_FAILED: AlignFailedAlarm = {
  faultId: 'BD-ALIGN-061',
  alid: 7061,
  alcd: 4,
  recovery: 'auto-retry',
  recoveryS: 60,
};

export interface SimWorldOptions {
  clock: VirtualClock;
  physics: ProcessPhysics;
  faults: FaultSource;
  twin: TwinParams;
  /** Seed of the step-time variation (each module draws from its own stream). */
  seed: number;
  loadPort?: LoadPortTimes;
  alignFailed?: AlignFailedAlarm;
}

export class SimWorld {
  readonly clock: VirtualClock;
  readonly physics: ProcessPhysics;
  readonly faults: FaultSource;
  readonly twin: TwinParams;
  readonly seed: number;
  readonly loadPort: LoadPortTimes;
  readonly alignFailed: AlignFailedAlarm;
  /** Surfaces of the wafers in the tool, by id. */
  readonly surfaces = new Map<string, WaferSurface>();
  /** Bond outcomes of the stacks in the tool, by stack id (inspection measures them). */
  readonly bonds = new Map<string, BondOutcome>();
  /** Carriers on the load ports, by id, as they really are. */
  readonly carriers = new Map<string, CarrierExpectation>();
  /** What earlier steps' faults did to each wafer that its pair's bond must still see (docs/tool.md §5.5). */
  private readonly carried = new Map<string, Degradation[]>();

  constructor(options: SimWorldOptions) {
    this.clock = options.clock;
    this.physics = options.physics;
    this.faults = options.faults;
    this.twin = options.twin;
    this.seed = options.seed;
    this.loadPort = options.loadPort ?? DEFAULT_LOAD_PORT_TIMES;
    this.alignFailed = options.alignFailed ?? DEFAULT_ALIGN_FAILED;
  }

  /**
   * A step's degradation reaches the wafers it handled (stacks and wafers no longer in the tool are
   * passed over): its extra particles onto each wafer's surface, unless the step's physics already put
   * them there (`particlesDone`: plasma and clean), and what follows a wafer into its pair kept for
   * its bond.
   */
  degrade(moduleId: string, waferIds: readonly string[], d: Degradation, particlesDone: boolean): void {
    const pair = pairPart(d);
    for (const id of waferIds) {
      const surface = this.surfaces.get(id);
      if (surface === undefined) continue;
      if (!particlesDone && (d.extraParticles ?? 0) > 0 && this.physics.handle !== undefined) {
        surface.particles = this.physics.handle(surface, {
          moduleId,
          wafersSinceMaintenance: 0,
          degradation: d,
        }).particles;
      }
      if (pair !== undefined) this.carried.set(id, [...(this.carried.get(id) ?? []), pair]);
    }
  }

  /** The degradation a pair's bond sees: its wafers' carried parts and the bonder's own step. */
  bondDegradation(topId: string, bottomId: string, own: Degradation): Degradation {
    const before = [...(this.carried.get(topId) ?? []), ...(this.carried.get(bottomId) ?? [])];
    return before.length === 0 ? own : combine(...before, own);
  }

  /** The pair is bonded: its wafers' carried parts are spent. */
  bonded(topId: string, bottomId: string): void {
    this.carried.delete(topId);
    this.carried.delete(bottomId);
  }

  /** A substrate left the tool (its carrier was undocked): nothing of it is kept. */
  forget(id: string): void {
    this.surfaces.delete(id);
    this.bonds.delete(id);
    this.carried.delete(id);
  }

  /** The surface of a wafer in the tool; a wafer the tool never mapped is a programmer error. */
  surface(id: string): WaferSurface {
    const s = this.surfaces.get(id);
    if (s === undefined) throw new Error(`sim: wafer ${id} is not in the tool`);
    return s;
  }
}
