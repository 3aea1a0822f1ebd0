// The processing state model is the equipment maker's (E30 4.4 leaves it to them): states and named
// transitions come from the equipment model, and each transition may fire a collection event.

import { type Moved, type Result, type Transition, TransitionTable } from '@bondline/core';

/** A transition of the processing state model as declared in the equipment model. */
export interface ProcessingTransition extends Transition<string, string> {
  /** Collection event fired when this transition is taken. */
  ceid?: number;
}

export interface ProcessingModel {
  states: readonly string[];
  initial: string;
  transitions: readonly ProcessingTransition[];
}

/** A processing-state move, with the collection event its transition reports (if any). */
export type ProcessingFireResult = Result<Moved<string, string> & { ceid?: number }, 'illegal-transition'>;

/** The processing state: current state, the previous one, and the event of the last move. */
export class ProcessingStateMachine {
  private readonly table: TransitionTable<string, string>;
  private readonly ceids = new Map<string, number>();
  private prev: string;

  constructor(readonly model: ProcessingModel) {
    const known = new Set(model.states);
    if (!known.has(model.initial))
      throw new TypeError(`processing state: unknown initial '${model.initial}'`);
    for (const t of model.transitions) {
      if (!known.has(t.from) || !known.has(t.to))
        throw new TypeError(`processing state: transition '${t.on}' uses an undeclared state`);
      if (t.ceid !== undefined) this.ceids.set(`${t.from}\u0000${t.on}`, t.ceid);
    }
    this.table = new TransitionTable('processing state', model.transitions, model.initial);
    this.prev = model.initial;
  }

  get state(): string {
    return this.table.state;
  }

  get previous(): string {
    return this.prev;
  }

  /** Index of the current state in the declared list (reported as a U1 status variable). */
  get stateIndex(): number {
    return this.model.states.indexOf(this.table.state);
  }

  /** True when `event` is allowed now. */
  can(event: string): boolean {
    return this.table.peek(event) !== undefined;
  }

  /** Take a transition; on success also says which collection event (if any) to report. */
  fire(event: string): ProcessingFireResult {
    const from = this.table.state;
    const r = this.table.fire(event);
    if (!r.ok) return r;
    this.prev = from;
    const ceid = this.ceids.get(`${from}\u0000${event}`);
    return ceid === undefined ? r : { ok: true, value: { ...r.value, ceid } };
  }
}
