// The bonder's controller (docs/tool.md §1, §2): ToolControl over module drivers, a virtual clock and
// the swap-chain scheduler. Commands answer at once with a value (a refusal names its code); what
// they cause follows as events in virtual time order. A scheduling pass runs whenever something
// changed: it works the load ports (setup, undock), starts every step whose module is ready, lets
// the robot take its next operation, and notices a pause that has come to rest or a lot that is done.
import { issue, ok, type Result } from '@bondline/core';
import type { VirtualClock } from '../clock/virtual-clock.js';
import type { ToolConfig } from '../config/tool-config-types.js';
import type { AnyDriver } from '../drivers/module-drivers.js';
import type { Recipe } from '../recipe/recipe-types.js';
import type { BoundSource } from '../schedule/lot-metrics.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import { jobFromRequest, type LotJob, validateLotJob } from '../tracking/lot-job.js';
import { recover } from './fault-recovery.js';
import { holdInPlace, substratesOfPort, takeOutHeld } from './held-substrates.js';
import { LotRun } from './lot-run.js';
import { lotSummary } from './lot-summary.js';
import { checkR2rOffsets } from './r2r-limits.js';
import { RobotExecutor } from './robot-executor.js';
import { schedulingPass } from './scheduling-pass.js';
import type {
  ControlRefusal,
  E10Figures,
  LotRequest,
  LotSummary,
  SubstrateRecord,
  ToolControl,
  ToolEventMap,
  ToolEventName,
  ToolStatus,
} from './tool-api.js';
import { type OperatorMode, ToolRuntime } from './tool-runtime.js';

export interface ToolControllerOptions {
  config: ToolConfig;
  /** One driver per module id of the configuration, of the module's kind. */
  drivers: ReadonlyMap<string, AnyDriver>;
  clock: VirtualClock;
  /** The recipe store's lookup by name (PPID). */
  recipes: (name: string) => Recipe | undefined;
  /** The throughput bound of a recipe (docs/tool.md §2), reported in each lot's summary. */
  bound: BoundSource;
  /** Who clears operator-clear alarms (default: a person, through clearAlarm). */
  operator?: OperatorMode;
  /** Length of a scheduled maintenance of a plasma or clean module, virtual s (default 1800). */
  maintenanceS?: number;
}

type Refused = { readonly ok: false; readonly issues: readonly { code: ControlRefusal; message: string }[] };
const refuse = (code: ControlRefusal, message: string): Refused => ({
  ok: false,
  issues: [issue(code, message)],
});

export class ToolController implements ToolControl {
  private readonly rt: ToolRuntime;
  private readonly robot: RobotExecutor;
  private readonly recipes: (name: string) => Recipe | undefined;
  private readonly bound: BoundSource;
  private selected: string;
  private lot: LotRun | undefined;
  /** The last lot, kept after it ended: held substrates go back to its slots. */
  private lastLot: LotRun | undefined;
  private finish: ((s: LotSummary) => void) | undefined;
  private pairsDone = 0;

  constructor(options: ToolControllerOptions) {
    this.rt = new ToolRuntime({
      config: options.config,
      drivers: options.drivers,
      clock: options.clock,
      operator: options.operator ?? 'manual',
      maintenanceS: options.maintenanceS ?? 1800,
    });
    this.rt.onTick = () => this.tick();
    this.robot = new RobotExecutor(this.rt);
    this.recipes = options.recipes;
    this.bound = options.bound;
    this.selected = options.config.defaultRecipe;
  }

  on<E extends ToolEventName>(event: E, listener: (payload: ToolEventMap[E]) => void): () => void {
    return this.rt.bus.on(event, listener);
  }

  status(): ToolStatus {
    const rt = this.rt;
    const out: ToolStatus = {
      processState: rt.process.state,
      e10: rt.e10,
      selectedRecipe: this.selected,
      modules: rt.modules.map((m) => ({
        id: m.id,
        kind: m.kind,
        state: m.state,
        e10: rt.e10Of(m.id),
        substrateIds:
          m.kind === 'loadport' ? substratesOfPort(rt, this.lot ?? this.lastLot, m.id) : [...m.contents],
      })),
      activeAlarms: rt.activeAlarms(),
      r2rOffsets: { ...rt.r2r },
      pairsDone: this.pairsDone,
      clockS: rt.nowS,
      e10Figures: rt.e10Figures(),
    };
    if (this.lot !== undefined) {
      const { job } = this.lot;
      out.lot = {
        lotId: job.lotId,
        recipe: job.recipe,
        pairs: job.pairs.length,
        done: this.lot.records.length,
      };
    }
    return out;
  }

  /** E10 state and figures (MTBF, MTTR, availability, utilisation) of the tool and each module, now. */
  e10Figures(): { tool: E10Figures; modules: E10Figures[] } {
    return this.rt.e10Figures();
  }

  selectRecipe(name: string): Result<Recipe, ControlRefusal> {
    if (this.rt.process.state !== 'idle')
      return refuse('busy', `cannot select a recipe while the tool is ${this.rt.process.state}`);
    const recipe = this.recipes(name);
    if (recipe === undefined) return refuse('unknown-recipe', `no recipe '${name}'`);
    this.selected = name;
    return ok(recipe);
  }

  start(request: LotRequest): Result<{ done: Promise<LotSummary> }, ControlRefusal> {
    return this.rt.bus.batch(() => this.startRequest(request));
  }

  private startRequest(request: LotRequest): Result<{ done: Promise<LotSummary> }, ControlRefusal> {
    if (this.rt.process.state !== 'idle') return refuse('busy', `a lot is ${this.rt.process.state}`);
    const name = request.recipe === '' ? this.selected : request.recipe;
    const job = jobFromRequest(request, name, this.rt.config.carrierSlots);
    if (!job.ok) return job;
    return this.begin(job.value);
  }

  /**
   * Start a lot from its material list (what a GEM300 control job expands to; start() builds one
   * from a LotRequest). Refused while a lot runs or substrates of an aborted lot are still in the tool.
   */
  startJob(job: LotJob): Result<{ done: Promise<LotSummary> }, ControlRefusal> {
    return this.rt.bus.batch(() => this.begin(job));
  }

  private begin(job: LotJob): Result<{ done: Promise<LotSummary> }, ControlRefusal> {
    const rt = this.rt;
    if (rt.process.state !== 'idle') return refuse('busy', `a lot is ${rt.process.state}`);
    const inside = rt.modules.reduce((n, m) => n + m.contents.length, 0);
    if (inside > 0)
      return refuse(
        'busy',
        `${inside} substrates of lot ${this.lastLot?.job.lotId} are still held in the tool`,
      );
    const recipe = this.recipes(job.recipe);
    if (recipe === undefined) return refuse('unknown-recipe', `no recipe '${job.recipe}'`);
    const valid = validateLotJob(job);
    if (!valid.ok) return valid;
    const ports = rt.modules.filter((m) => m.kind === 'loadport').map((m) => m.id);
    if (ports.length < job.carriers.length)
      return refuse(
        'invalid-lot',
        `${job.carriers.length} carriers need as many load ports, the tool has ${ports.length}`,
      );
    rt.tracker.clear();
    for (const m of rt.modules) m.busy.clear();
    this.robot.reset();
    const lot = new LotRun(rt, structuredClone(job), recipe, ports, (record) => {
      this.pairsDone++;
      rt.bus.emit('pair-result', record);
    });
    this.lot = lot;
    this.lastLot = lot;
    const done = new Promise<LotSummary>((resolve) => {
      this.finish = resolve;
    });
    rt.fireProcess('start');
    rt.bus.emit('lot-started', {
      lotId: job.lotId,
      recipe: recipe.name,
      pairs: job.pairs.length,
      atS: rt.nowS,
    });
    rt.kick();
    return ok({ done });
  }

  stop(): Result<void, ControlRefusal> {
    return this.command('stop', 'busy');
  }

  pause(): Result<void, ControlRefusal> {
    return this.command('pause', 'busy');
  }

  resume(): Result<void, ControlRefusal> {
    return this.command('resume', 'not-paused');
  }

  abort(): Result<void, ControlRefusal> {
    const ps = this.rt.process.state;
    if (!this.rt.process.can('abort'))
      return refuse(ps === 'idle' ? 'not-running' : 'busy', `cannot abort while ${ps}`);
    this.rt.bus.batch(() => this.abortNow());
    return ok(undefined);
  }

  clearAlarm(faultId: string): Result<void, ControlRefusal> {
    const stopped = this.rt.modules.filter((m) => m.alarm?.faultId === faultId);
    if (stopped.length === 0) return refuse('unknown-alarm', `no active alarm '${faultId}'`);
    if (stopped.some((m) => m.state === 'maintenance'))
      return refuse('busy', `'${faultId}' clears when its maintenance is done`);
    this.rt.bus.batch(() => {
      for (const m of stopped) recover(this.rt, m);
    });
    return ok(undefined);
  }

  setR2rOffsets(offsets: OverlayTerms): Result<void, ControlRefusal> {
    const r = checkR2rOffsets(offsets);
    if (!r.ok) return r;
    this.rt.r2r = r.value;
    return ok(undefined);
  }

  substrates(): SubstrateRecord[] {
    return this.rt.tracker.snapshot();
  }

  /**
   * After an abort, take the held substrates out by hand: each goes back to its slot (a wafer to
   * its source slot, a stack to its destination) and the modules are released. Refused while a lot
   * runs or a module is still in fault or maintenance.
   */
  clearHeld(): Result<void, ControlRefusal> {
    const rt = this.rt;
    if (rt.process.state !== 'idle')
      return refuse('busy', `cannot take substrates out while ${rt.process.state}`);
    const busy = rt.modules.find((m) => m.state === 'fault' || m.state === 'maintenance');
    if (busy !== undefined) return refuse('busy', `${busy.id} is in ${busy.state}`);
    const lot = this.lastLot;
    if (lot !== undefined) rt.bus.batch(() => takeOutHeld(rt, lot));
    return ok(undefined);
  }

  private command(
    event: 'stop' | 'pause' | 'resume',
    otherwise: ControlRefusal,
  ): Result<void, ControlRefusal> {
    const ps = this.rt.process.state;
    if (!this.rt.process.can(event)) {
      const code = ps === 'idle' && event !== 'resume' ? 'not-running' : otherwise;
      return refuse(code, `cannot ${event} while ${ps}`);
    }
    this.rt.bus.batch(() => {
      this.rt.fireProcess(event);
      this.rt.kick();
    });
    return ok(undefined);
  }

  private tick(): void {
    const lot = this.lot;
    if (lot === undefined) return;
    const outcome = schedulingPass(this.rt, lot, this.robot);
    if (outcome === 'failed') this.abortNow();
    if (outcome === 'done') this.end(this.rt.process.state === 'stopping' ? 'stopped' : 'completed');
  }

  /** Stop everything where it is: steps in progress are cut short, substrates stay, held. */
  private abortNow(): void {
    const rt = this.rt;
    rt.fireProcess('abort');
    holdInPlace(rt);
    this.robot.reset();
    this.end('aborted');
  }

  private end(outcome: LotSummary['outcome']): void {
    const lot = this.lot;
    if (lot === undefined) return;
    this.rt.fireProcess(outcome === 'aborted' ? 'aborted' : 'complete');
    const bound = this.bound(lot.recipe, this.rt.config);
    const summary = lotSummary(this.rt, lot, bound, outcome);
    this.lot = undefined;
    this.rt.bus.emit('lot-ended', summary);
    this.finish?.(summary);
    this.finish = undefined;
  }
}
