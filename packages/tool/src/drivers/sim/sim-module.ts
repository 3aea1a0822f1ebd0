// The common life of a simulated module's step (docs/tool.md §1): ask the fault source at the start;
// an alarming point stops the module at once (nothing was done to the substrate, so redoing the step
// processes it exactly once); otherwise compute the outcome from the physics now, let the step take
// its recipe time with the twin's seeded variation (and any fault's time factor), and report it.
import { createRng, normal, type Rng } from '@bondline/physics';
import type { ClockTimer } from '../../clock/virtual-clock.js';
import type { AlarmingFault } from '../../faults/fault-source.js';
import type { ModuleKind } from '../../module-kind.js';
import type { Degradation } from '../../sim/process-physics.js';
import type { ModuleDriver, StepCallbacks } from '../driver-types.js';
import type { SimWorld } from './sim-world.js';

/** What a step body computes at the start of the step. */
export type SimStep<R> =
  | {
      nominalS: number;
      result: R;
      trace?: Record<string, number>;
      /** A fresh reading of the step's sensors (readings every twin `sensorPeriodS` while it runs). */
      sensor?: (rng: Rng) => Record<string, number>;
      results?: Record<string, number | string>;
      /** Applied when the step completes (an aborted step changes nothing). */
      commit?: () => void;
    }
  | {
      /** The step fails after this long with `alarm` (e.g. alignment not found). */
      nominalS: number;
      alarm: AlarmingFault;
    };

/**
 * The wafers a step handles and what its body did with the step's degradation (docs/tool.md §5.5): a
 * done step's degradation goes to the wafers unless the body gave it all to the physics; a step its
 * alarm stopped did nothing, so its degradation (the alarming point's own effect) goes to them.
 */
export interface StepWafers {
  wafers: readonly string[];
  /** `all`: the physics took every part (bonder, inspection); `particles`: it put the particles on (plasma, clean); `none`. */
  applied: 'all' | 'particles' | 'none';
}

const NO_WAFERS: StepWafers = { wafers: [], applied: 'none' };

/** Per-module seed: the tool seed and a hash of the module id, inside createRng's safe range. */
function moduleSeed(seed: number, id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return (Math.abs(Math.floor(seed)) % 2 ** 32) * 2 ** 21 + (h % 2 ** 21);
}

export abstract class SimModule implements ModuleDriver {
  abstract readonly kind: ModuleKind;
  /** Steps done since the last maintenance (wafers for a process module, operations for the robot). */
  protected count = 0;
  private pending: ClockTimer | undefined;
  private sampling: ClockTimer | undefined;
  private readonly rng: Rng;
  /** The sensor readings' own stream, so readings leave the step times and the physics as they were. */
  private readonly sensorRng: Rng;

  constructor(
    readonly id: string,
    protected readonly world: SimWorld,
  ) {
    this.rng = createRng(moduleSeed(world.seed, id));
    this.sensorRng = createRng(moduleSeed(world.seed, `${id}/sensor`));
  }

  recovered(faultId: string): void {
    // The bonder's own alignment alarms are not the fault source's: it never raised them.
    const a = this.world.alignFailed;
    if (faultId === a.faultId || faultId === a.escalate.faultId) return;
    this.world.faults.cleared(faultId, this.id, this.world.clock.nowS);
  }

  maintained(): void {
    this.count = 0;
    this.world.faults.maintained(this.id, this.world.clock.nowS);
  }

  abort(): void {
    this.pending?.cancel();
    this.pending = undefined;
    this.stopSampling();
  }

  /** Run one step: faults first, then `body` (the physics), then the callbacks after the step time. */
  protected run<R>(
    cb: StepCallbacks<R>,
    body: (degradation: Degradation) => SimStep<R>,
    handles: StepWafers = NO_WAFERS,
  ): void {
    if (this.pending !== undefined) throw new Error(`sim: ${this.id} is already running a step`);
    const { clock, faults } = this.world;
    const f = faults.atStep({
      moduleId: this.id,
      kind: this.kind,
      atS: clock.nowS,
      countSinceMaintenance: this.count,
    });
    const alarm = f.alarm;
    if (alarm !== undefined) {
      this.pending = clock.after(0, () =>
        this.finish(() => {
          this.world.degrade(this.id, handles.wafers, f.degradation, false);
          cb.alarm(alarm);
        }),
      );
      return;
    }
    const deg = f.degradation;
    const step = body(deg);
    const durationS = this.vary(step.nominalS) * (deg.timeFactor ?? 1);
    if ('alarm' in step) {
      const a = step.alarm;
      this.pending = clock.after(durationS, () => this.finish(() => cb.alarm(a)));
      return;
    }
    this.sample(step.sensor, cb.reading, durationS);
    this.pending = clock.after(durationS, () =>
      this.finish(() => {
        step.commit?.();
        if (handles.applied !== 'all') {
          this.world.degrade(this.id, handles.wafers, deg, handles.applied === 'particles');
        }
        this.count++;
        cb.done({
          result: step.result,
          trace: step.trace ?? {},
          results: step.results ?? {},
          faultIds: deg.faultIds ?? [],
        });
      }),
    );
  }

  /** Nominal time with the twin's relative 1-sigma variation (never negative). */
  private vary(nominalS: number): number {
    return Math.max(0, nominalS * (1 + this.world.twin.timeJitter * normal(this.rng)));
  }

  /** Report a sensor reading every `sensorPeriodS` strictly inside the step's `durationS`. */
  private sample(
    sensor: ((rng: Rng) => Record<string, number>) | undefined,
    reading: ((trace: Record<string, number>) => void) | undefined,
    durationS: number,
  ): void {
    const periodS = this.world.twin.sensorPeriodS;
    if (sensor === undefined || reading === undefined || !(periodS > 0)) return;
    const { clock } = this.world;
    const endS = clock.nowS + durationS;
    const next = (): void => {
      if (clock.nowS + periodS >= endS) {
        this.sampling = undefined;
        return;
      }
      this.sampling = clock.after(periodS, () => {
        reading(sensor(this.sensorRng));
        next();
      });
    };
    next();
  }

  private stopSampling(): void {
    this.sampling?.cancel();
    this.sampling = undefined;
  }

  private finish(report: () => void): void {
    this.pending = undefined;
    this.stopSampling();
    report();
  }
}
