// Where every substrate of the lot is and where it has been (docs/tool.md §1). A wafer's history is
// one entry per place (carrier slot, robot, module) with in/out virtual times and the results of the
// step there. Bonding merges two wafers into a stack: the stack is a new record naming both (E90
// has no merge; GEM300.md), the wafers' histories end at the bonder and their location follows the
// stack from then on, so asking where a wafer is still has an answer.
import type { HistoryEntry, Location, SubstrateRecord } from '../controller/tool-api.js';

type Kind = SubstrateRecord['kind'];

interface Tracked {
  id: string;
  kind: Kind;
  parts?: { topId: string; bottomId: string };
  location: Location;
  history: HistoryEntry[];
  /** Set once the wafer became part of a stack. */
  stackId?: string;
  /** Fault points that raised an alarm or degraded a step on this substrate, in order, once each. */
  faults: string[];
}

/** Substrate records of one lot. Programmer errors (unknown id, moving a merged wafer) throw. */
export class SubstrateTracker {
  private readonly records = new Map<string, Tracked>();

  /** A substrate appears at `location` (a carrier slot when its carrier is mapped). */
  add(id: string, kind: Kind, location: Location, atS: number): void {
    if (this.records.has(id)) throw new Error(`tracker: substrate ${id} exists`);
    this.records.set(id, { id, kind, location, history: [{ location, inS: atS }], faults: [] });
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** Where a substrate is now (a merged wafer is where its stack is). */
  location(id: string): Location {
    return this.get(id).location;
  }

  kind(id: string): Kind {
    return this.get(id).kind;
  }

  /** Move a substrate: its current history entry is closed at `atS` and a new one opened. */
  move(id: string, to: Location, atS: number): { from: Location; to: Location } {
    const r = this.get(id);
    if (r.stackId !== undefined) throw new Error(`tracker: ${id} is part of ${r.stackId} and moves with it`);
    const from = r.location;
    this.close(r, atS);
    r.location = to;
    r.history.push({ location: to, inS: atS });
    if (r.parts !== undefined) {
      this.get(r.parts.topId).location = to;
      this.get(r.parts.bottomId).location = to;
    }
    return { from, to };
  }

  /** Add results to the substrate's current history entry (a step's trace values and outcome). */
  annotate(id: string, results: Record<string, number | string>): void {
    const entry = this.get(id).history.at(-1);
    if (entry === undefined) throw new Error(`tracker: ${id} has no history`);
    entry.results = { ...entry.results, ...results };
  }

  /** Record that a fault point acted on the substrate (each id once). */
  addFaults(id: string, faultIds: readonly string[]): void {
    const r = this.get(id);
    for (const f of faultIds) if (!r.faults.includes(f)) r.faults.push(f);
  }

  faults(id: string): string[] {
    return [...this.get(id).faults];
  }

  /**
   * Top and bottom become stack `stackId` where they are (the bonder) at `atS`: their histories
   * close there, the stack's opens there and inherits their fault ids.
   */
  merge(topId: string, bottomId: string, stackId: string, atS: number): void {
    const top = this.get(topId);
    const bottom = this.get(bottomId);
    this.close(top, atS);
    this.close(bottom, atS);
    top.stackId = stackId;
    bottom.stackId = stackId;
    this.add(stackId, 'stack', top.location, atS);
    const stack = this.get(stackId);
    stack.parts = { topId, bottomId };
    this.addFaults(stackId, [...top.faults, ...bottom.faults]);
  }

  /** The stack a wafer was bonded into, if it was. */
  stackOf(id: string): string | undefined {
    return this.get(id).stackId;
  }

  /** Deep copies of every record, in the order they were added. */
  snapshot(): SubstrateRecord[] {
    return [...this.records.values()].map((r) => {
      const out: SubstrateRecord = {
        id: r.id,
        kind: r.kind,
        location: { ...r.location },
        history: r.history.map((h) => {
          const e: HistoryEntry = { location: { ...h.location }, inS: h.inS };
          if (h.outS !== undefined) e.outS = h.outS;
          if (h.results !== undefined) e.results = { ...h.results };
          return e;
        }),
      };
      if (r.parts !== undefined) out.parts = { ...r.parts };
      return out;
    });
  }

  /** Forget every record (a new lot starts). */
  clear(): void {
    this.records.clear();
  }

  private get(id: string): Tracked {
    const r = this.records.get(id);
    if (r === undefined) throw new Error(`tracker: unknown substrate ${id}`);
    return r;
  }

  private close(r: Tracked, atS: number): void {
    const entry = r.history.at(-1);
    if (entry !== undefined && entry.outS === undefined) entry.outS = atS;
  }
}
