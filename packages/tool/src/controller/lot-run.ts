// One lot in the tool (docs/tool.md §1): its carriers are docked and mapped (setup), its wafers
// leave their carriers in stream order (T1, B1, T2, ...) while new pairs may start, every pair's
// bond and metrology are collected into its record when the stack leaves inspection, and when the
// last started pair is back in its slot the carriers are undocked.

import type { CarrierExpectation, SlotMap } from '../drivers/module-drivers.js';
import type { Recipe } from '../recipe/recipe-types.js';
import type { BondOutcome, PairMetrology } from '../sim/process-physics.js';
import type { CarrierPlan, LotJob, PairMaterial } from '../tracking/lot-job.js';
import { buildPairRecord } from './pair-record.js';
import { runStep } from './step-runner.js';
import type { PairRecord } from './tool-api.js';
import type { ToolRuntime } from './tool-runtime.js';

type PortAction = 'dock' | 'map' | 'undock';

/** A wafer waiting in its carrier, with the load port it is at. */
export interface Waiting {
  id: string;
  role: 'top' | 'bottom';
  pair: PairMaterial;
  loadPort: string;
}

export class LotRun {
  readonly startedS: number;
  readonly bondStartsS = new Map<number, number>();
  readonly records: PairRecord[] = [];
  firstDoneS: number | undefined;
  /** Why the lot cannot go on (a slot map that does not match), once it happened. */
  failure: string | undefined;
  phase: 'setup' | 'run' | 'undock' | 'done' = 'setup';
  private readonly byId = new Map<string, PairMaterial>();
  private readonly portOf = new Map<string, string>();
  private readonly stream: Waiting[] = [];
  private next = 0;
  private readonly started = new Set<number>();
  private delivered = 0;
  private readonly work = new Map<string, { carrier: CarrierPlan; actions: PortAction[] }>();
  private readonly bonds = new Map<number, BondOutcome>();
  private readonly metrology = new Map<number, PairMetrology>();

  /** `ports`: the load ports the top, bottom and stack carriers sit at. */
  constructor(
    private readonly rt: ToolRuntime,
    readonly job: LotJob,
    readonly recipe: Recipe,
    ports: readonly string[],
    private readonly onPair: (record: PairRecord) => void,
  ) {
    this.startedS = rt.nowS;
    job.carriers.forEach((c, i) => {
      const port = ports[i];
      if (port === undefined) throw new Error(`no load port for carrier ${c.id}`);
      this.portOf.set(c.id, port);
      this.work.set(port, { carrier: c, actions: ['dock', 'map'] });
    });
    for (const p of job.pairs) {
      for (const id of [p.topId, p.bottomId, p.stackId]) this.byId.set(id, p);
      this.stream.push({ id: p.topId, role: 'top', pair: p, loadPort: this.port(p.top.carrier) });
      this.stream.push({ id: p.bottomId, role: 'bottom', pair: p, loadPort: this.port(p.bottom.carrier) });
    }
  }

  pairOf(substrateId: string): PairMaterial {
    const p = this.byId.get(substrateId);
    if (p === undefined) throw new Error(`${substrateId} is not in lot ${this.job.lotId}`);
    return p;
  }

  port(carrierId: string): string {
    const p = this.portOf.get(carrierId);
    if (p === undefined) throw new Error(`carrier ${carrierId} is not docked`);
    return p;
  }

  /** The next wafer that may leave its carrier: any while the lot runs, only a started pair's once stopping. */
  nextWaiting(): Waiting | undefined {
    const w = this.stream[this.next];
    if (w === undefined) return undefined;
    if (this.rt.process.state === 'stopping' && !this.started.has(w.pair.index)) return undefined;
    return w;
  }

  /** The robot took `id` out of its carrier. */
  leftCarrier(id: string): void {
    if (this.stream[this.next]?.id !== id) throw new Error(`${id} left its carrier out of stream order`);
    this.next++;
    this.started.add(this.pairOf(id).index);
  }

  get pairsStarted(): number {
    return this.started.size;
  }

  bondStarted(pair: PairMaterial): void {
    this.bondStartsS.set(pair.index, this.rt.nowS);
  }

  bonded(pair: PairMaterial, outcome: BondOutcome): void {
    this.bonds.set(pair.index, outcome);
  }

  inspected(pair: PairMaterial, m: PairMetrology): void {
    this.metrology.set(pair.index, m);
  }

  /** The stack left inspection: the pair is done, its record goes out. */
  stackLeftInspection(stackId: string): void {
    const pair = this.pairOf(stackId);
    const bond = this.bonds.get(pair.index);
    const metrology = this.metrology.get(pair.index);
    if (bond === undefined || metrology === undefined)
      throw new Error(`${stackId} left inspection unmeasured`);
    const record = buildPairRecord({
      lotId: this.job.lotId,
      recipe: this.recipe.name,
      pair,
      bond,
      metrology,
      faults: this.rt.tracker.faults(stackId),
      doneS: this.rt.nowS,
    });
    this.bonds.delete(pair.index);
    this.metrology.delete(pair.index);
    this.firstDoneS ??= record.doneS;
    this.records.push(record);
    this.onPair(record);
  }

  stackDelivered(): void {
    this.delivered++;
  }

  /** Every pair that started is back in its carrier and no other may start. */
  allDelivered(): boolean {
    return this.nextWaiting() === undefined && this.delivered === this.started.size;
  }

  /** Start the load port work that is due (dock and map in setup, undock at the end). */
  runLoadPorts(): void {
    for (const [port, w] of this.work) {
      const action = w.actions[0];
      const m = this.rt.module(port);
      if (action === undefined || m.state !== 'idle') continue;
      this.portStep(port, w.carrier, action, () => w.actions.shift());
    }
    const idle = [...this.work.values()].every((w) => w.actions.length === 0);
    if (idle && this.phase === 'setup') this.phase = 'run';
    if (idle && this.phase === 'undock') this.phase = 'done';
  }

  /** Undock every carrier (the lot's material is back in them). */
  beginUndock(): void {
    this.phase = 'undock';
    for (const w of this.work.values()) w.actions.push('undock');
  }

  private portStep(port: string, carrier: CarrierPlan, action: PortAction, shift: () => void): void {
    const m = this.rt.module(port);
    const d = m.driver;
    if (d.kind !== 'loadport') throw new Error(`${port} is not a load port`);
    const base = { substrateIds: [] };
    switch (action) {
      case 'dock':
        runStep(this.rt, m, {
          ...base,
          invoke: (cb) => d.dock(this.expectation(carrier), cb),
          onDone: shift,
        });
        return;
      case 'map':
        runStep<SlotMap>(this.rt, m, {
          ...base,
          invoke: (cb) => d.map(carrier.id, cb),
          onDone: (done) => {
            shift();
            this.mapped(carrier, done.result.occupied);
          },
        });
        return;
      case 'undock':
        runStep(this.rt, m, { ...base, invoke: (cb) => d.undock(carrier.id, cb), onDone: shift });
        return;
    }
  }

  private expectation(c: CarrierPlan): CarrierExpectation {
    const contents: CarrierExpectation['contents'] = [];
    for (const p of this.job.pairs) {
      if (c.role === 'top') contents.push({ slot: p.top.slot, substrate: { id: p.topId, kind: 'top' } });
      if (c.role === 'bottom')
        contents.push({ slot: p.bottom.slot, substrate: { id: p.bottomId, kind: 'bottom' } });
    }
    return { id: c.id, role: c.role, slots: c.slots, contents };
  }

  /** The slot map must be what the job says; then the wafers exist, in their slots. */
  private mapped(c: CarrierPlan, occupied: readonly number[]): void {
    const expected = this.expectation(c)
      .contents.map((x) => x.slot)
      .sort((a, b) => a - b);
    if (expected.join() !== [...occupied].sort((a, b) => a - b).join()) {
      this.failure = `carrier ${c.id}: slot map [${occupied.join(', ')}] is not the job's [${expected.join(', ')}]`;
      return;
    }
    for (const x of this.expectation(c).contents) {
      this.rt.tracker.add(x.substrate.id, x.substrate.kind, { carrier: c.id, slot: x.slot }, this.rt.nowS);
    }
  }
}
