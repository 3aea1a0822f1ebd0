// The state the controller's parts share: modules, substrate records, the process state, the event
// bus and the clock. Every state change of a module or of the process is announced here, with the E10
// state it implies, so no part can change a state without its event.
import type { ClockTimer, VirtualClock } from '../clock/virtual-clock.js';
import type { ToolConfig } from '../config/tool-config-types.js';
import type { AnyDriver } from '../drivers/module-drivers.js';
import { E10Tracker } from '../e10/e10-tracker.js';
import type { AlarmingFault } from '../faults/fault-source.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import { SubstrateTracker } from '../tracking/substrate-tracker.js';
import { moduleE10, toolE10 } from './e10.js';
import { EventBus } from './event-bus.js';
import { ModuleRuntime } from './module-runtime.js';
import { type ProcessEvent, processStateMachine } from './process-state.js';
import type { E10Figures, E10State, ModuleState } from './tool-api.js';

/** Who clears operator-clear alarms: a person through clearAlarm, or the simulated operator after recoveryS. */
export type OperatorMode = 'manual' | 'simulated';

export interface RuntimeOptions {
  config: ToolConfig;
  drivers: ReadonlyMap<string, AnyDriver>;
  clock: VirtualClock;
  operator: OperatorMode;
  /** Duration of a scheduled maintenance of a plasma or clean module, virtual s. */
  maintenanceS: number;
}

export class ToolRuntime {
  readonly bus = new EventBus();
  readonly tracker = new SubstrateTracker();
  readonly process = processStateMachine();
  /** Every module in configuration order. */
  readonly modules: ModuleRuntime[] = [];
  readonly robot: ModuleRuntime;
  readonly clock: VirtualClock;
  readonly config: ToolConfig;
  readonly operator: OperatorMode;
  readonly maintenanceS: number;
  r2r: OverlayTerms = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };
  e10: E10State = 'standby';
  /** Runs the controller's scheduling pass; set by the controller. */
  onTick: () => void = () => undefined;
  private tickTimer: ClockTimer | undefined;
  private readonly e10ByModule = new Map<string, E10State>();
  /** E10 time per state of the tool and each module since the controller started (docs/tool.md §6). */
  private readonly e10Tracker = new E10Tracker();

  /** Throws (a configuration or wiring bug) when a module has no driver or a driver of another kind. */
  constructor(options: RuntimeOptions) {
    this.clock = options.clock;
    this.config = options.config;
    this.operator = options.operator;
    this.maintenanceS = options.maintenanceS;
    for (const m of options.config.modules) {
      const driver = options.drivers.get(m.id);
      if (driver === undefined || driver.kind !== m.kind) {
        throw new Error(
          `module ${m.id} (${m.kind}) has ${driver === undefined ? 'no driver' : `a ${driver.kind} driver`}`,
        );
      }
      const rt = new ModuleRuntime(m.id, driver, (mod, from, to) => this.moduleChanged(mod, from, to));
      this.modules.push(rt);
      this.e10ByModule.set(m.id, 'standby');
    }
    const robot = this.modules.find((m) => m.kind === 'robot');
    if (robot === undefined) throw new Error('the tool has no robot');
    this.robot = robot;
    for (const entity of [this.config.tool.id, ...this.modules.map((m) => m.id)]) {
      orThrow(this.e10Tracker.add(entity, 'standby', this.nowS));
    }
  }

  get nowS(): number {
    return this.clock.nowS;
  }

  module(id: string): ModuleRuntime {
    const m = this.modules.find((x) => x.id === id);
    if (m === undefined) throw new Error(`no module ${id}`);
    return m;
  }

  /** Ask for a scheduling pass at the current virtual time (once, however often asked). */
  kick(): void {
    if (this.tickTimer !== undefined) return;
    this.tickTimer = this.clock.after(0, () => {
      this.tickTimer = undefined;
      this.bus.batch(() => this.onTick());
    });
  }

  /** Move the process state; false (and nothing emitted) when the table refuses. */
  fireProcess(event: ProcessEvent): boolean {
    const r = this.process.fire(event);
    if (!r.ok) return false;
    this.bus.emit('process-state', { from: r.value.from, to: r.value.to, atS: this.nowS });
    this.updateToolE10();
    return true;
  }

  activeAlarms(): AlarmingFault[] {
    return this.modules.flatMap((m) => (m.alarm === undefined ? [] : [m.alarm]));
  }

  e10Of(moduleId: string): E10State {
    return this.e10ByModule.get(moduleId) ?? 'standby';
  }

  /** E10 state and figures (MTBF, MTTR, availability, utilisation) of the tool and each module up to `atS`. */
  e10Figures(atS = this.nowS): { tool: E10Figures; modules: E10Figures[] } {
    const figures = (entity: string): E10Figures => {
      const metrics = this.e10Tracker.metrics(entity, atS);
      const state = this.e10Tracker.state(entity);
      // Every entity was added at construction.
      if (metrics === undefined || state === undefined) throw new Error(`E10: ${entity} is not tracked`);
      return { entity, state, metrics };
    };
    return { tool: figures(this.config.tool.id), modules: this.modules.map((m) => figures(m.id)) };
  }

  private moduleChanged(m: ModuleRuntime, from: ModuleState, to: ModuleState): void {
    const atS = this.nowS;
    this.bus.emit('module-state', { moduleId: m.id, from, to, atS });
    const before = this.e10Of(m.id);
    const after = moduleE10(to, m.maintenance, m.alarm?.recovery, before);
    if (after !== before) {
      this.e10ByModule.set(m.id, after);
      orThrow(this.e10Tracker.transition(m.id, after, atS));
      this.bus.emit('e10-state', { entity: m.id, from: before, to: after, atS });
    }
    this.updateToolE10();
  }

  private updateToolE10(): void {
    const next = toolE10(
      this.process.state,
      this.modules.map((m) => this.e10Of(m.id)),
    );
    if (next === this.e10) return;
    const from = this.e10;
    this.e10 = next;
    orThrow(this.e10Tracker.transition(this.config.tool.id, next, this.nowS));
    this.bus.emit('e10-state', { entity: this.config.tool.id, from, to: next, atS: this.nowS });
  }
}

/** The controller only makes moves E10 allows, in time order: a refusal is a controller bug. */
function orThrow(r: { ok: true } | { ok: false; issues: readonly { message: string }[] }): void {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
}
