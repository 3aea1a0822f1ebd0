// What the controller knows about one module: its driver, its state machine, the substrates inside
// and which of them are finished there, the alarm it is stopped by, and its busy log. State changes
// go through the refusing table; an illegal one is a controller bug and throws.
import type { TransitionTable } from '@bondline/core';
import type { ClockTimer } from '../clock/virtual-clock.js';
import type { AnyDriver } from '../drivers/module-drivers.js';
import type { AlarmingFault } from '../faults/fault-source.js';
import type { ModuleKind } from '../module-kind.js';
import { BusyLog } from '../schedule/busy-log.js';
import type { MaintenanceCause } from './e10.js';
import { type ModuleEvent, moduleStateMachine } from './module-state.js';
import type { ModuleState } from './tool-api.js';

export class ModuleRuntime {
  readonly kind: ModuleKind;
  /** When the module was busy during the current lot (cleared when a lot starts). */
  readonly busy = new BusyLog();
  /** Substrates inside, in arrival order (a bonder: top, bottom, then their stack; the robot: on its arms). */
  contents: string[] = [];
  /** Substrates whose step here is done (ready to be picked). */
  readonly finished = new Set<string>();
  /** The alarm the module is stopped by, and the timer of its recovery (if one runs by itself). */
  alarm: AlarmingFault | undefined;
  recoveryTimer: ClockTimer | undefined;
  maintenance: MaintenanceCause | undefined;
  /** Steps done since the last maintenance (scheduled maintenance counts wafers). */
  sinceMaintenance = 0;
  /** Start of the step in progress (or of the attempt stopped by the alarm), virtual s. */
  stepStartS = 0;
  /** Bumped by an abort: callbacks of steps started before it are ignored. */
  generation = 0;
  private readonly sm: TransitionTable<ModuleState, ModuleEvent>;

  constructor(
    readonly id: string,
    readonly driver: AnyDriver,
    private readonly changed: (m: ModuleRuntime, from: ModuleState, to: ModuleState) => void,
  ) {
    this.kind = driver.kind;
    this.sm = moduleStateMachine(id);
  }

  get state(): ModuleState {
    return this.sm.state;
  }

  /** Move the state machine; a refused move is a controller bug. */
  fire(event: ModuleEvent): void {
    const r = this.sm.fire(event);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    this.changed(this, r.value.from, r.value.to);
  }

  /** Substrates inside whose step has not been done. */
  unprocessed(): string[] {
    return this.contents.filter((id) => !this.finished.has(id));
  }

  add(id: string): void {
    this.contents.push(id);
  }

  remove(id: string): void {
    this.contents = this.contents.filter((x) => x !== id);
    this.finished.delete(id);
  }
}
