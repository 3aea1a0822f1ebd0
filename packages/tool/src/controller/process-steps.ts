// The step each process module runs on what it holds, with the lot's recipe (docs/tool.md §1): a
// wafer module processes its one wafer, the bonder bonds its top and bottom into their stack (the
// R2R offsets in force at that moment go with it), inspection measures the stack.
import type { SubstrateRef } from '../drivers/driver-types.js';
import type { BondOutcome, PairMetrology } from '../sim/process-physics.js';
import type { LotRun } from './lot-run.js';
import type { ModuleRuntime } from './module-runtime.js';
import { runStep } from './step-runner.js';
import type { ToolRuntime } from './tool-runtime.js';

/** True when the module holds everything its step needs and has not processed it yet. */
export function readyForStep(rt: ToolRuntime, m: ModuleRuntime): boolean {
  if (m.kind === 'loadport' || m.kind === 'robot') return false;
  const waiting = m.unprocessed();
  if (m.kind !== 'bonder') return waiting.length === 1;
  return (
    waiting.some((id) => rt.tracker.kind(id) === 'top') &&
    waiting.some((id) => rt.tracker.kind(id) === 'bottom')
  );
}

/** Start the module's step on what it holds (readyForStep must be true). */
export function startProcessStep(rt: ToolRuntime, lot: LotRun, m: ModuleRuntime): void {
  const p = lot.recipe.params;
  const ref = (id: string): SubstrateRef => ({ id, kind: rt.tracker.kind(id) });
  const d = m.driver;
  const [id] = m.unprocessed();
  if (id === undefined) throw new Error(`${m.id} has nothing to process`);
  const one = { substrateIds: [id], onDone: () => m.finished.add(id) };
  switch (d.kind) {
    case 'prealigner':
      runStep(rt, m, { ...one, invoke: (cb) => d.prealign(ref(id), p.prealigner, cb) });
      return;
    case 'plasma':
      runStep(rt, m, { ...one, invoke: (cb) => d.activate(ref(id), p.plasma, cb) });
      return;
    case 'clean':
      runStep(rt, m, { ...one, invoke: (cb) => d.clean(ref(id), p.clean, cb) });
      return;
    case 'flipper':
      runStep(rt, m, { ...one, invoke: (cb) => d.flip(ref(id), p.flipper, cb) });
      return;
    case 'inspection': {
      const pair = lot.pairOf(id);
      runStep<PairMetrology>(rt, m, {
        substrateIds: [id],
        invoke: (cb) => d.inspect(ref(id), p.inspection, cb),
        onDone: (done) => {
          m.finished.add(id);
          lot.inspected(pair, done.result);
        },
      });
      return;
    }
    case 'bonder': {
      const waiting = m.unprocessed();
      const top = waiting.find((x) => rt.tracker.kind(x) === 'top');
      const bottom = waiting.find((x) => rt.tracker.kind(x) === 'bottom');
      if (top === undefined || bottom === undefined) throw new Error(`${m.id} does not hold a pair`);
      const pair = lot.pairOf(top);
      if (lot.pairOf(bottom) !== pair) throw new Error(`${m.id} holds ${top} and ${bottom}, not one pair`);
      lot.bondStarted(pair);
      runStep<BondOutcome>(rt, m, {
        substrateIds: [top, bottom],
        invoke: (cb) =>
          d.bond({ top: ref(top), bottom: ref(bottom), stackId: pair.stackId }, p.bonder, { ...rt.r2r }, cb),
        onDone: (done) => {
          rt.tracker.merge(top, bottom, pair.stackId, rt.nowS);
          m.remove(top);
          m.remove(bottom);
          m.add(pair.stackId);
          m.finished.add(pair.stackId);
          rt.tracker.annotate(pair.stackId, { ...done.results });
          lot.bonded(pair, done.result);
        },
      });
      return;
    }
    case 'loadport':
    case 'robot':
      throw new Error(`${m.id} is not a process module`);
  }
}
