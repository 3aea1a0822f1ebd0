// What the R2R service follows of one tool from the committed records, in the tool's own event order:
// the R2R constants as each ConstantChanged reported them, and the ones in force when each pair's bond
// step started (BonderStepStarted, else BonderStepEnded), so a pair is measured against the offsets
// it was really bonded with, whatever the lag between a correction and the pairs in flight.
import type { PerTerm, R2rTerm } from './r2r-settings.js';

/** Substrates remembered at most (a tool has a few pairs in flight; the rest is history). */
const MAX_REMEMBERED = 2000;

export class ToolTrack {
  /** Constant values as the tool's ConstantChanged records gave them, in the tool's event order. */
  readonly known: Partial<PerTerm> = {};
  /** The latest value of each constant: seen in a record, or set by the service and accepted (EAC 0). */
  readonly inForce: Partial<PerTerm> = {};
  /** The values read from the tool (S2F13) when the service first needed them. */
  base: PerTerm | undefined;
  /** EC limits (S2F29) by term. */
  limits: Record<R2rTerm, { min: number; max: number }> | undefined;
  private readonly atBond = new Map<string, Partial<PerTerm>>();
  private readonly started = new Set<string>();

  /** A bonder step event for `substrates`: remember what was in force (the start wins over the end). */
  bondStep(substrates: readonly string[], isStart: boolean): void {
    for (const s of substrates) {
      if (!isStart && this.started.has(s)) continue;
      if (isStart) this.started.add(s);
      this.atBond.set(s, { ...this.known });
    }
    while (this.atBond.size > MAX_REMEMBERED) {
      const first = this.atBond.keys().next().value;
      if (first === undefined) break;
      this.atBond.delete(first);
      this.started.delete(first);
    }
  }

  /** The offsets the pair with top wafer `topId` was bonded with, as far as known. */
  bondedWith(topId: string): Partial<PerTerm> | undefined {
    return this.atBond.get(topId);
  }

  /** Values the service set (EAC 0) whose ConstantChanged record has not come yet, oldest first. */
  private readonly pending: Partial<PerTerm>[] = [];

  /** The service set these values and the tool accepted them. */
  sent(values: Partial<PerTerm>): void {
    Object.assign(this.inForce, values);
    this.pending.push({ ...values });
    if (this.pending.length > 100) this.pending.shift();
  }

  /**
   * A ConstantChanged record of an R2R constant. A Bondline bonder reports one ConstantChanged per
   * S2F15 however many constants it set (ChangedEcid names one of them), so a record that matches a
   * value the service sent puts that whole S2F15 (and any older one still pending) in force.
   */
  changed(term: R2rTerm, value: number): void {
    const i = this.pending.findIndex((p) => p[term] === value);
    if (i >= 0) for (const p of this.pending.splice(0, i + 1)) Object.assign(this.known, p);
    this.known[term] = value;
    this.inForce[term] = value;
  }

  /** Offsets in force now: the latest seen or set, else what was read. */
  current(): PerTerm | undefined {
    const b = this.base;
    if (b === undefined) return undefined;
    return {
      Tx: this.inForce.Tx ?? b.Tx,
      Ty: this.inForce.Ty ?? b.Ty,
      Rot: this.inForce.Rot ?? b.Rot,
      Mag: this.inForce.Mag ?? b.Mag,
    };
  }
}
