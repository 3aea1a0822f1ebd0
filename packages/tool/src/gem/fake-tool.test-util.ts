// A small in-memory ToolControl for the GEM binding's tests: commands change its state the way the
// controller's seam describes (tool-api.ts) and emit the matching events; a test emits any other event
// itself with `emit`. The real controller (src/controller/) replaces it at integration.

import { fail, issue, ok, type Result } from '@bondline/core';
import type {
  ControlRefusal,
  LotRequest,
  LotSummary,
  ProcessState,
  SubstrateRecord,
  ToolControl,
  ToolEventMap,
  ToolEventName,
  ToolStatus,
} from '../controller/tool-api.js';
import type { AlarmingFault } from '../faults/fault-source.js';
import type { Recipe } from '../recipe/recipe-types.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import { testRecipe } from './gem-fixtures.test-util.js';

type Listener = (payload: never) => void;

export class FakeTool implements ToolControl {
  private readonly listeners = new Map<ToolEventName, Set<Listener>>();
  private lotDone: ((s: LotSummary) => void) | undefined;
  /** Every command the tool received, in order. */
  readonly calls: string[] = [];
  readonly state: ToolStatus;
  /** Recipes `selectRecipe` and `start` know. */
  recipes = new Set(['BOND-STD', 'CLEAN-LONG']);
  /** Largest |term| the tool takes for each R2R offset (a stricter tool than the EC limits, for tests). */
  r2rLimit: OverlayTerms = { Tx: 1000, Ty: 1000, Rot: 10, Mag: 10 };

  constructor(modules: readonly { id: string; kind: ToolStatus['modules'][number]['kind'] }[]) {
    this.state = {
      processState: 'idle',
      e10: 'standby',
      selectedRecipe: 'BOND-STD',
      modules: modules.map((m) => ({ ...m, state: 'idle', e10: 'standby', substrateIds: [] })),
      activeAlarms: [],
      r2rOffsets: { Tx: 0, Ty: 0, Rot: 0, Mag: 0 },
      pairsDone: 0,
      clockS: 0,
    };
  }

  on<E extends ToolEventName>(event: E, listener: (payload: ToolEventMap[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    const l = listener as Listener;
    set.add(l);
    return () => set.delete(l);
  }

  /** Emit a tool event to the subscribers, in order. */
  emit<E extends ToolEventName>(event: E, payload: ToolEventMap[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: ToolEventMap[E]) => void)(payload);
  }

  /** Subscribers of `event` now (an unbound binding leaves none). */
  subscribers(event: ToolEventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** A copy, as the controller's snapshot would be (the binding must not hold on to the tool's own objects). */
  status(): ToolStatus {
    const s = this.state;
    return {
      ...s,
      modules: s.modules.map((m) => ({ ...m, substrateIds: [...m.substrateIds] })),
      activeAlarms: [...s.activeAlarms],
      r2rOffsets: { ...s.r2rOffsets },
      ...(s.lot === undefined ? {} : { lot: { ...s.lot } }),
    };
  }

  selectRecipe(name: string): Result<Recipe, ControlRefusal> {
    this.calls.push(`selectRecipe ${name}`);
    if (!this.recipes.has(name)) return fail(issue('unknown-recipe', `no recipe ${name}`, 'recipe'));
    this.state.selectedRecipe = name;
    return ok(testRecipe(name));
  }

  start(request: LotRequest): Result<{ done: Promise<LotSummary> }, ControlRefusal> {
    this.calls.push(`start ${JSON.stringify(request)}`);
    if (this.state.processState !== 'idle')
      return fail(issue('busy', `the tool is ${this.state.processState}`));
    if (!this.recipes.has(request.recipe))
      return fail(issue('unknown-recipe', `no recipe ${request.recipe}`, 'recipe'));
    if (request.pairs < 1 || request.pairs > 25)
      return fail(issue('invalid-lot', `${request.pairs} pairs: 1..25`, 'pairs'));
    this.state.selectedRecipe = request.recipe;
    this.state.lot = { lotId: request.lotId, recipe: request.recipe, pairs: request.pairs, done: 0 };
    this.move('setup');
    this.move('executing');
    this.emit('lot-started', { ...request, atS: this.state.clockS });
    return ok({ done: new Promise<LotSummary>((res) => (this.lotDone = res)) });
  }

  stop(): Result<void, ControlRefusal> {
    return this.command('stop', ['executing', 'paused'], 'not-running', ['stopping']);
  }

  pause(): Result<void, ControlRefusal> {
    return this.command('pause', ['executing'], 'not-running', ['pausing', 'paused']);
  }

  resume(): Result<void, ControlRefusal> {
    return this.command('resume', ['paused'], 'not-paused', ['executing']);
  }

  abort(): Result<void, ControlRefusal> {
    return this.command('abort', ['setup', 'executing', 'pausing', 'paused', 'stopping'], 'not-running', [
      'aborting',
    ]);
  }

  clearAlarm(faultId: string): Result<void, ControlRefusal> {
    this.calls.push(`clearAlarm ${faultId}`);
    const a = this.state.activeAlarms.find((x) => x.faultId === faultId);
    if (a === undefined) return fail(issue('unknown-alarm', `${faultId} is not set`));
    this.clear(a);
    return ok(undefined);
  }

  setR2rOffsets(offsets: OverlayTerms): Result<void, ControlRefusal> {
    this.calls.push(`setR2rOffsets ${JSON.stringify(offsets)}`);
    for (const k of ['Tx', 'Ty', 'Rot', 'Mag'] as const)
      if (Math.abs(offsets[k]) > this.r2rLimit[k])
        return fail(issue('out-of-range', `${k} ${offsets[k]} beyond ${this.r2rLimit[k]}`));
    this.state.r2rOffsets = { ...offsets };
    return ok(undefined);
  }

  substrates(): SubstrateRecord[] {
    return [];
  }

  // ---- what the simulated tool would do by itself ----------------------------------------------

  /** Raise an alarm (an alarming fault point fired in its module). */
  raise(fault: AlarmingFault): void {
    this.state.activeAlarms.push(fault);
    this.emit('alarm', { fault, set: true, atS: this.state.clockS });
  }

  /** Recovery of an alarm (auto retry or maintenance done). */
  clear(fault: AlarmingFault): void {
    this.state.activeAlarms = this.state.activeAlarms.filter(
      (a) => a.faultId !== fault.faultId || a.moduleId !== fault.moduleId,
    );
    this.emit('alarm', { fault, set: false, atS: this.state.clockS });
  }

  /** The lot ends: its summary event, back to idle. */
  endLot(summary: LotSummary): void {
    this.emit('lot-ended', summary);
    this.move('idle');
    this.lotDone?.(summary);
  }

  /** Move the processing state, emitting the change. */
  move(to: ProcessState): void {
    const from = this.state.processState;
    this.state.processState = to;
    this.emit('process-state', { from, to, atS: this.state.clockS });
  }

  private command(
    name: string,
    from: readonly ProcessState[],
    refusal: ControlRefusal,
    path: readonly ProcessState[],
  ): Result<void, ControlRefusal> {
    this.calls.push(name);
    if (!from.includes(this.state.processState))
      return fail(issue(refusal, `cannot ${name} while ${this.state.processState}`));
    for (const s of path) this.move(s);
    return ok(undefined);
  }
}
