// Carries out the scheduler's swap chains (docs/tool.md §2, "Scheduler"): one robot operation at a
// time, each when its station is ready (a pick when the substrate there is finished, a place when
// there is room and no maintenance is due), moving substrates in the records as the operation ends.
// The station is busy while the robot works at it. A swap at a module due for maintenance is split
// so the module can be maintained empty; a wafer leaves its carrier only while its pair may start.
import type { RobotOp } from '../schedule/robot-op.js';
import { type FlowSubstrate, type PlanInput, planSwapChain } from '../schedule/swap-chain.js';
import type { LotRun } from './lot-run.js';
import type { ModuleRuntime } from './module-runtime.js';
import { runStep } from './step-runner.js';
import type { ToolRuntime } from './tool-runtime.js';

const PROCESS = new Set(['prealigner', 'plasma', 'clean', 'flipper', 'bonder', 'inspection']);

export class RobotExecutor {
  private chain: RobotOp[] = [];
  private at: string | undefined;

  constructor(private readonly rt: ToolRuntime) {}

  /** Drop the plan (abort); what the arms hold stays on them. */
  reset(): void {
    this.chain = [];
  }

  /** Start the next operation if the robot is idle and its station is ready. */
  advance(lot: LotRun): void {
    if (this.rt.robot.state !== 'idle') return;
    if (this.chain.length === 0) this.chain = planSwapChain(this.planInput(lot));
    const op = this.chain[0];
    if (op === undefined) return;
    if (op.op === 'pick' && this.isPort(op.station) && lot.nextWaiting()?.id !== op.substrateId) {
      // Stop arrived after this chain was planned: its wafer stays in the carrier.
      this.chain = [];
      this.advance(lot);
      return;
    }
    if (op.op === 'swap' && this.maintenanceDue(this.rt.module(op.station))) {
      this.chain.splice(
        0,
        1,
        { op: 'pick', arm: op.pick.arm, station: op.station, substrateId: op.pick.substrateId },
        { op: 'place', arm: op.place.arm, station: op.station, substrateId: op.place.substrateId },
      );
      this.advance(lot);
      return;
    }
    if (this.ready(op)) this.execute(op, lot);
  }

  /** A plasma or clean module that has processed its wafers between scheduled maintenances. */
  maintenanceDue(m: ModuleRuntime): boolean {
    return (
      (m.kind === 'plasma' || m.kind === 'clean') &&
      m.sinceMaintenance >= this.rt.config.maintenanceEveryWafers
    );
  }

  private isPort(station: string): boolean {
    return this.rt.module(station).kind === 'loadport';
  }

  private ready(op: RobotOp): boolean {
    if (op.op === 'move') return true;
    const m = this.rt.module(op.station);
    if (m.state !== 'idle') return false;
    if (m.kind === 'loadport') return true;
    if (op.op === 'pick') return m.finished.has(op.substrateId);
    if (op.op === 'place') return !this.maintenanceDue(m) && this.room(m, op.substrateId, undefined);
    return m.finished.has(op.pick.substrateId) && this.room(m, op.place.substrateId, op.pick.substrateId);
  }

  /** Room in `m` for `id` once `leaving` is out: a bonder has a top and a bottom chuck (the stack sits on the bottom one). */
  private room(m: ModuleRuntime, id: string, leaving: string | undefined): boolean {
    const staying = m.contents.filter((x) => x !== leaving);
    if (m.kind !== 'bonder') return staying.length === 0;
    const kinds = staying.map((x) => this.rt.tracker.kind(x));
    return this.rt.tracker.kind(id) === 'top'
      ? !kinds.includes('top')
      : !kinds.includes('bottom') && !kinds.includes('stack');
  }

  private execute(op: RobotOp, lot: LotRun): void {
    const robot = this.rt.robot;
    const d = robot.driver;
    if (d.kind !== 'robot') throw new Error(`${robot.id} is not a robot`);
    const params = lot.recipe.params.robot;
    const ref = (id: string) => ({ id, kind: this.rt.tracker.kind(id) });
    const finish = () => {
      this.chain.shift();
      this.apply(op, lot, robot.stepStartS);
    };
    switch (op.op) {
      case 'move':
        runStep(this.rt, robot, {
          substrateIds: [],
          invoke: (cb) => d.move(op.station, params, cb),
          onDone: finish,
        });
        return;
      case 'pick':
        runStep(this.rt, robot, {
          substrateIds: [op.substrateId],
          invoke: (cb) => d.pick(op.arm, op.station, ref(op.substrateId), params, cb),
          onDone: finish,
        });
        return;
      case 'place':
        runStep(this.rt, robot, {
          substrateIds: [op.substrateId],
          invoke: (cb) => d.place(op.arm, op.station, ref(op.substrateId), params, cb),
          onDone: finish,
        });
        return;
      case 'swap':
        runStep(this.rt, robot, {
          substrateIds: [op.pick.substrateId, op.place.substrateId],
          invoke: (cb) =>
            d.swap(
              op.station,
              { arm: op.pick.arm, substrate: ref(op.pick.substrateId) },
              { arm: op.place.arm, substrate: ref(op.place.substrateId) },
              params,
              cb,
            ),
          onDone: finish,
        });
        return;
    }
  }

  /** The operation ended at `startS`..now: the substrates move, the station was busy meanwhile. */
  private apply(op: RobotOp, lot: LotRun, startS: number): void {
    if (op.op === 'move') {
      this.at = op.station;
      return;
    }
    this.rt.module(op.station).busy.add(startS, this.rt.nowS);
    if (op.op === 'pick') this.take(op.station, op.substrateId, lot);
    if (op.op === 'place') this.put(op.station, op.substrateId, lot);
    if (op.op === 'swap') {
      this.take(op.station, op.pick.substrateId, lot);
      this.put(op.station, op.place.substrateId, lot);
    }
  }

  private take(station: string, id: string, lot: LotRun): void {
    const m = this.rt.module(station);
    const robot = this.rt.robot;
    if (m.kind === 'loadport') lot.leftCarrier(id);
    else m.remove(id);
    robot.add(id);
    this.moved(id, { module: robot.id });
    if (m.kind === 'inspection') lot.stackLeftInspection(id);
  }

  private put(station: string, id: string, lot: LotRun): void {
    const m = this.rt.module(station);
    this.rt.robot.remove(id);
    if (m.kind === 'loadport') {
      const dest = lot.pairOf(id).destination;
      this.moved(id, { carrier: dest.carrier, slot: dest.slot });
      lot.stackDelivered();
      return;
    }
    m.add(id);
    this.moved(id, { module: station });
  }

  private moved(id: string, to: { module: string } | { carrier: string; slot: number }): void {
    const { from } = this.rt.tracker.move(id, to, this.rt.nowS);
    this.rt.bus.emit('substrate-moved', { substrateId: id, from, to, atS: this.rt.nowS });
  }

  private planInput(lot: LotRun): PlanInput {
    const flow = (id: string): FlowSubstrate => ({
      id,
      role: this.rt.tracker.kind(id),
      pair: lot.pairOf(id).index,
    });
    const w = lot.nextWaiting();
    return {
      robotAt: this.at,
      stations: this.rt.modules
        .filter((m) => PROCESS.has(m.kind))
        .map((m) => ({ id: m.id, kind: m.kind, contents: m.contents.map(flow) })),
      feed:
        w === undefined
          ? undefined
          : { substrate: { id: w.id, role: w.role, pair: w.pair.index }, loadPort: w.loadPort },
      stackOf: (pair) => {
        const p = lot.job.pairs[pair - 1];
        if (p === undefined) throw new Error(`lot ${lot.job.lotId} has no pair ${pair}`);
        return { id: p.stackId, loadPort: lot.port(p.destination.carrier) };
      },
    };
  }
}
