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

const DEFAULT_LOAD_PORT_TIMES: LoadPortTimes = { dockS: 8, mapS: 12, undockS: 8 };

/** An alarm of the simulated aligner itself: a catalogue point the fault source never draws. */
export interface AlignAlarm {
  faultId: string;
  alid: number;
  alcd: number;
  recovery: Recovery;
  recoveryS: number;
}

/**
 * The alarms a simulated bonder raises when registration failed on every attempt (BondOutcome.aligned
 * false; docs/tool.md §1): `alarm` each time, and after `escalateAfter` failures of one pair in a row
 * `escalate`, a recalibration of the aligner that re-seats the pair on its chucks (its maintenance
 * ends the bonder's active silent points; the wafers lose the alignment noise their handling gave
 * them), so a pair the aligner cannot register never holds the tool for ever.
 */
export interface AlignFailedAlarm extends AlignAlarm {
  escalateAfter: number;
  escalate: AlignAlarm;
}

/** The shipped catalogue's points BD-ALIGN-061 and BD-ALIGN-062 (examples/tool/faults.yaml); the assembly reads them from the catalogue. */
export const DEFAULT_ALIGN_FAILED: AlignFailedAlarm = {
  faultId: 'BD-ALIGN-061',
  alid: 7061,
  alcd: 4,
  recovery: 'auto-retry',
  recoveryS: 60,
  escalateAfter: 3,
  escalate: { faultId: 'BD-ALIGN-062', alid: 7062, alcd: 4, recovery: 'maintenance', recoveryS: 1800 },
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
  private readonly carried = new Map<string, Map<string, Degradation>>();

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
   * its bond. The same fault points acting at several steps on one wafer (a robot's teach error at
   * every transfer) count once: a wafer is placed off-centre once, not once per placement.
   */
  degrade(moduleId: string, waferIds: readonly string[], d: Degradation, particlesDone: boolean): void {
    const pair = pairPart(d);
    const key = pair === undefined ? '' : `${moduleId}:${[...(pair.faultIds ?? [])].sort().join(',')}`;
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
      if (pair === undefined) continue;
      const carried = this.carried.get(id) ?? new Map<string, Degradation>();
      carried.set(key, pair);
      this.carried.set(id, carried);
    }
  }

  /**
   * The degradation a pair's bond sees (docs/tool.md §5.5): the bonder's own step with what its wafers
   * carry. Each wafer's carried parts combine as one step's points do; the two wafers' drifts add and
   * their edge-void probabilities combine as independent events, but the pair's alignment noise is its
   * noisier wafer's (registration is as good as the worse mark), times the bonder's own.
   */
  bondDegradation(topId: string, bottomId: string, own: Degradation): Degradation {
    const top = this.carried.get(topId);
    const bottom = this.carried.get(bottomId);
    if (top === undefined && bottom === undefined) return own;
    const t = combine(...(top?.values() ?? []));
    const b = combine(...(bottom?.values() ?? []));
    const noise = Math.max(t.alignNoiseFactor ?? 1, b.alignNoiseFactor ?? 1);
    const { alignNoiseFactor: _t, ...tRest } = t;
    const { alignNoiseFactor: _b, ...bRest } = b;
    return combine(tRest, bRest, noise === 1 ? {} : { alignNoiseFactor: noise }, own);
  }

  /** The aligner re-seated the pair: the alignment noise its handling gave each wafer is gone. */
  reseat(topId: string, bottomId: string): void {
    for (const id of [topId, bottomId]) {
      const carried = this.carried.get(id);
      if (carried === undefined) continue;
      for (const [key, d] of carried) {
        const { alignNoiseFactor: _noise, ...rest } = d;
        if (pairPart(rest) === undefined) carried.delete(key);
        else carried.set(key, rest);
      }
    }
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
