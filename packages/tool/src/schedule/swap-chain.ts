// The scheduler of the dual-arm robot (docs/tool.md §2, "Scheduler"). Whenever the robot is empty it
// plans one swap chain and then works through it: pick the next wafer from its carrier (or, when
// none may start, the oldest wafer of the most upstream stage), carry it to the next stage and swap
// it for the oldest wafer there, carry that one on, and so on until a place needs no swap. A bottom
// wafer coming out of clean collects its flipped top on the way, so the robot reaches the bonder with
// both: it places the top on the free top chuck, then swaps the finished stack for the bottom wafer,
// and the bonder is exchanged in one visit. The stack goes on through inspection (a swap again) to
// its carrier slot. The plan depends only on where substrates are, never on times: each operation
// waits for its station (the robot waits at the bottleneck holding the next substrate), so the plan
// is valid whatever the step times, faults or pauses do.
import type { Arm } from '../drivers/module-drivers.js';
import type { ModuleKind } from '../module-kind.js';
import type { RobotOp } from './robot-op.js';

/** A substrate as the scheduler sees it: which pair, which role. */
export interface FlowSubstrate {
  id: string;
  role: 'top' | 'bottom' | 'stack';
  pair: number;
}

/** A process module and what it holds (a bonder holds top and bottom, then their stack). */
export interface StationView {
  id: string;
  kind: ModuleKind;
  contents: FlowSubstrate[];
}

/** The next wafer that may leave its carrier, and the load port it sits at. */
interface FeedWafer {
  substrate: FlowSubstrate;
  loadPort: string;
}

export interface PlanInput {
  /** Station the robot is at (undefined before its first move). */
  robotAt: string | undefined;
  /** Process modules (not load ports, not the robot). */
  stations: readonly StationView[];
  /** The next wafer in stream order (T1, B1, T2, B2, ...) that may start, if any. */
  feed: FeedWafer | undefined;
  /** The stack of a pair and the load port of its destination carrier. */
  stackOf(pair: number): { id: string; loadPort: string };
}

/** Stages both wafers of a pair pass in order before the top is flipped and the pair bonded. */
const WAFER_STAGES: readonly ModuleKind[] = ['prealigner', 'plasma', 'clean'];

/** Order in the wafer stream: T1, B1, T2, B2, ... (stacks by pair). */
function order(s: FlowSubstrate): number {
  return s.role === 'stack' ? s.pair : 2 * s.pair + (s.role === 'bottom' ? 1 : 0);
}

/** The planner's copy of the tool while it builds a chain. */
class Sketch {
  readonly ops: RobotOp[] = [];
  private at: string | undefined;
  private readonly contents = new Map<string, FlowSubstrate[]>();
  private readonly arms: Record<Arm, FlowSubstrate | undefined> = { A: undefined, B: undefined };

  constructor(private readonly input: PlanInput) {
    this.at = input.robotAt;
    for (const s of input.stations) this.contents.set(s.id, [...s.contents]);
  }

  stationsOf(kind: ModuleKind): StationView[] {
    return this.input.stations.filter((s) => s.kind === kind);
  }

  holds(id: string): FlowSubstrate[] {
    return this.contents.get(id) ?? [];
  }

  /** The first module of `kind` holding nothing. */
  emptyOf(kind: ModuleKind): string | undefined {
    return this.stationsOf(kind).find((s) => this.holds(s.id).length === 0)?.id;
  }

  /** The module of `kind` whose substrate came first (it finishes first), with that substrate. */
  oldestOf(kind: ModuleKind): { station: string; substrate: FlowSubstrate } | undefined {
    let best: { station: string; substrate: FlowSubstrate } | undefined;
    for (const s of this.stationsOf(kind)) {
      for (const sub of this.holds(s.id)) {
        if (best === undefined || order(sub) < order(best.substrate))
          best = { station: s.id, substrate: sub };
      }
    }
    return best;
  }

  held(arm: Arm): FlowSubstrate | undefined {
    return this.arms[arm];
  }

  private goTo(station: string): void {
    if (this.at !== station) this.ops.push({ op: 'move', station });
    this.at = station;
  }

  private freeArm(): Arm {
    if (this.arms.A === undefined) return 'A';
    if (this.arms.B === undefined) return 'B';
    throw new Error('scheduler: both arms full');
  }

  /** Pick `s` at `station` (a module, or a load port whose carrier holds it); returns the arm. */
  pick(station: string, s: FlowSubstrate): Arm {
    this.goTo(station);
    const arm = this.freeArm();
    this.ops.push({ op: 'pick', arm, station, substrateId: s.id });
    this.take(station, s);
    this.arms[arm] = s;
    return arm;
  }

  place(station: string, arm: Arm): void {
    const s = this.armHolding(arm);
    this.goTo(station);
    this.ops.push({ op: 'place', arm, station, substrateId: s.id });
    this.arms[arm] = undefined;
    this.put(station, s);
  }

  /** Pick `out` with the free arm and place what `arm` holds, without moving in between. */
  swap(station: string, out: FlowSubstrate, arm: Arm): Arm {
    const s = this.armHolding(arm);
    this.goTo(station);
    const pickArm = this.freeArm();
    this.ops.push({
      op: 'swap',
      station,
      pick: { arm: pickArm, substrateId: out.id },
      place: { arm, substrateId: s.id },
    });
    this.take(station, out);
    this.arms[pickArm] = out;
    this.arms[arm] = undefined;
    this.put(station, s);
    return pickArm;
  }

  private armHolding(arm: Arm): FlowSubstrate {
    const s = this.arms[arm];
    if (s === undefined) throw new Error(`scheduler: arm ${arm} is empty`);
    return s;
  }

  /** Remove `s` from `station`; a stack not yet made there takes its pair's two wafers with it. */
  private take(station: string, s: FlowSubstrate): void {
    const list = this.contents.get(station);
    if (list === undefined) return;
    const gone = (x: FlowSubstrate) => (s.role === 'stack' ? x.pair === s.pair : x.id === s.id);
    this.contents.set(
      station,
      list.filter((x) => !gone(x)),
    );
  }

  private put(station: string, s: FlowSubstrate): void {
    const list = this.contents.get(station);
    if (list !== undefined) list.push(s);
  }
}

/**
 * The robot's next swap chain, from an empty robot; empty when there is nothing to move. A
 * contradiction in the input (a bottom wafer whose top is nowhere to be found) is a programmer error.
 */
export function planSwapChain(input: PlanInput): RobotOp[] {
  const k = new Sketch(input);
  let arm: Arm;
  let stage = 0;
  if (input.feed !== undefined) {
    arm = k.pick(input.feed.loadPort, input.feed.substrate);
  } else {
    const start = WAFER_STAGES.findIndex((kind) => k.oldestOf(kind) !== undefined);
    if (start >= 0) {
      const first = k.oldestOf(WAFER_STAGES[start] as ModuleKind);
      if (first === undefined) throw new Error('scheduler: stage emptied while planning');
      arm = k.pick(first.station, first.substrate);
      stage = start + 1;
    } else {
      return drainTail(k, input);
    }
  }
  for (; stage < WAFER_STAGES.length; stage++) {
    const kind = WAFER_STAGES[stage] as ModuleKind;
    const empty = k.emptyOf(kind);
    if (empty !== undefined) {
      k.place(empty, arm);
      return k.ops;
    }
    const oldest = k.oldestOf(kind);
    if (oldest === undefined) throw new Error(`scheduler: no ${kind} module`);
    arm = k.swap(oldest.station, oldest.substrate, arm);
  }
  return afterClean(k, input, arm);
}

/** The wafer out of clean: a top goes to a flipper; a bottom takes its flipped top to the bonder. */
function afterClean(k: Sketch, input: PlanInput, arm: Arm): RobotOp[] {
  const wafer = k.held(arm);
  if (wafer === undefined) throw new Error('scheduler: nothing out of clean');
  if (wafer.role === 'top') {
    const fl = k.emptyOf('flipper');
    if (fl === undefined) throw new Error(`scheduler: no free flipper for ${wafer.id}`);
    k.place(fl, arm);
    return k.ops;
  }
  const fl = k
    .stationsOf('flipper')
    .find((s) => k.holds(s.id).some((x) => x.pair === wafer.pair && x.role === 'top'));
  const top = fl === undefined ? undefined : k.holds(fl.id).find((x) => x.pair === wafer.pair);
  if (fl === undefined || top === undefined)
    throw new Error(`scheduler: the top wafer of pair ${wafer.pair} is not in a flipper`);
  const topArm = k.pick(fl.id, top);
  const empty = k.emptyOf('bonder');
  if (empty !== undefined) {
    k.place(empty, topArm);
    k.place(empty, arm);
    return k.ops;
  }
  const busy = k.oldestOf('bonder');
  if (busy === undefined) throw new Error('scheduler: no bonder module');
  k.place(busy.station, topArm);
  const stackArm = k.swap(busy.station, stackIn(input, busy.substrate), arm);
  return toInspection(k, input, stackArm);
}

/** The stack a bonder's pair becomes (what the robot will pick once the bond is done). */
function stackIn(input: PlanInput, s: FlowSubstrate): FlowSubstrate {
  return s.role === 'stack' ? s : { id: input.stackOf(s.pair).id, role: 'stack', pair: s.pair };
}

function toInspection(k: Sketch, input: PlanInput, arm: Arm): RobotOp[] {
  const empty = k.emptyOf('inspection');
  if (empty !== undefined) {
    k.place(empty, arm);
    return k.ops;
  }
  const oldest = k.oldestOf('inspection');
  if (oldest === undefined) throw new Error('scheduler: no inspection module');
  const out = k.swap(oldest.station, oldest.substrate, arm);
  const done = k.held(out);
  if (done === undefined) throw new Error('scheduler: swap lost a stack');
  k.place(input.stackOf(done.pair).loadPort, out);
  return k.ops;
}

/** No wafer left before the bonder: empty the bonder, then inspection. */
function drainTail(k: Sketch, input: PlanInput): RobotOp[] {
  const bonding = k.oldestOf('bonder');
  if (bonding !== undefined) {
    const arm = k.pick(bonding.station, stackIn(input, bonding.substrate));
    return toInspection(k, input, arm);
  }
  const inspected = k.oldestOf('inspection');
  if (inspected !== undefined) {
    const arm = k.pick(inspected.station, inspected.substrate);
    k.place(input.stackOf(inspected.substrate.pair).loadPort, arm);
    return k.ops;
  }
  return [];
}
