// One entity's SEMI E10 history (docs/tool.md §6): the state it is in, fed with transitions at virtual
// times; time accumulates in each state and failures are counted, so E10's figures can be read at
// any moment. Illegal moves (e10-transitions.ts) and times that run backwards are refused as values.
import { issue, type Result, type TransitionTable } from '@bondline/core';
import { type E10Metrics, type E10Times, e10Metrics } from './e10-metrics.js';
import type { E10State } from './e10-state.js';
import { E10_REFUSED, e10Table } from './e10-transitions.js';

/** A move that happened. */
export interface E10Move {
  entity: string;
  from: E10State;
  to: E10State;
  atS: number;
}

export type E10IssueCode = 'illegal-transition' | 'time-backwards' | 'unknown-entity' | 'duplicate-entity';

export class E10Timeline {
  private readonly table: TransitionTable<E10State, E10State>;
  private readonly spent: E10Times = {
    productive: 0,
    standby: 0,
    engineering: 0,
    'scheduled-down': 0,
    'unscheduled-down': 0,
    'non-scheduled': 0,
  };
  private sinceS: number;
  private failures = 0;
  private productiveFailures = 0;

  /** An entity in `initial` from `startS` (virtual seconds). */
  constructor(
    readonly entity: string,
    initial: E10State,
    startS: number,
  ) {
    if (!Number.isFinite(startS))
      throw new RangeError(`E10 ${entity}: start time must be finite, got ${startS}`);
    this.table = e10Table(entity, initial);
    this.sinceS = startS;
  }

  get state(): E10State {
    return this.table.state;
  }

  /** Virtual time of the last transition (or the start). */
  get lastS(): number {
    return this.sinceS;
  }

  /** Move to `to` at `atS`; refused when E10 does not allow the move or time runs backwards. */
  transition(to: E10State, atS: number): Result<E10Move, E10IssueCode> {
    const from = this.table.state;
    if (!(atS >= this.sinceS)) {
      return refuse(
        'time-backwards',
        `E10 ${this.entity}: ${from} -> ${to} at ${atS} s is before the last move at ${this.sinceS} s`,
      );
    }
    if (!this.table.can(to)) {
      const why =
        from === to
          ? `already ${from}`
          : (E10_REFUSED.find((r) => r.from === from && r.to === to)?.why ?? 'not allowed');
      return refuse('illegal-transition', `E10 ${this.entity}: ${from} -> ${to} is refused: ${why}`);
    }
    this.spent[from] += atS - this.sinceS;
    this.sinceS = atS;
    this.table.fire(to);
    if (to === 'unscheduled-down') {
      this.failures++;
      if (from === 'productive') this.productiveFailures++;
    }
    return { ok: true, value: { entity: this.entity, from, to, atS } };
  }

  /** E10 figures over the whole timeline up to `atS` (at or after the last move; the current state counts until then). */
  metrics(atS: number): E10Metrics {
    if (!(atS >= this.sinceS)) {
      throw new RangeError(
        `E10 ${this.entity}: metrics at ${atS} s, before the last move at ${this.sinceS} s`,
      );
    }
    const times = { ...this.spent };
    times[this.table.state] += atS - this.sinceS;
    return e10Metrics(times, this.failures, this.productiveFailures);
  }
}

function refuse(code: E10IssueCode, message: string): Result<never, E10IssueCode> {
  return { ok: false, issues: [issue(code, message)] };
}
