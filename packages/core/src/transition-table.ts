// A state machine as a table of allowed moves. Anything not in the table is refused (a value, not a
// log line), so a caller cannot drive a model (GEM, a module of the tool, a job) into a state its
// standard does not allow.
import { issue } from './issue.js';
import type { Result } from './result.js';

/** One allowed move: in `from`, event `on` leads to `to`. */
export interface Transition<S extends string, E extends string> {
  readonly from: S;
  readonly on: E;
  readonly to: S;
}

/** A move that happened. */
export interface Moved<S extends string, E extends string> {
  readonly from: S;
  readonly to: S;
  readonly event: E;
}

/** What firing an event gives: the move, or an `illegal-transition` issue naming the state and event. */
export type FireResult<S extends string, E extends string> = Result<Moved<S, E>, 'illegal-transition'>;

/** A state holder that only moves along the rows of its table. */
export class TransitionTable<S extends string, E extends string> {
  private readonly rows = new Map<string, S>();
  private current: S;

  /** Throws (a programmer error) when two rows leave one state on one event. */
  constructor(
    readonly name: string,
    transitions: readonly Transition<S, E>[],
    initial: S,
  ) {
    for (const t of transitions) {
      const key = `${t.from}\u0000${t.on}`;
      if (this.rows.has(key)) throw new TypeError(`${name}: two transitions for '${t.on}' in '${t.from}'`);
      this.rows.set(key, t.to);
    }
    this.current = initial;
  }

  /** The current state. */
  get state(): S {
    return this.current;
  }

  /** Where `event` would lead from the current state, or undefined when it is refused. */
  peek(event: E): S | undefined {
    return this.rows.get(`${this.current}\u0000${event}`);
  }

  /** True when `event` is allowed now. */
  can(event: E): boolean {
    return this.peek(event) !== undefined;
  }

  /** Fire `event`: move if the table allows it, otherwise refuse and stay. */
  fire(event: E): FireResult<S, E> {
    const from = this.current;
    const to = this.peek(event);
    if (to === undefined) {
      return {
        ok: false,
        issues: [issue('illegal-transition', `${this.name}: '${event}' is not allowed in state '${from}'`)],
      };
    }
    this.current = to;
    return { ok: true, value: { from, to, event } };
  }
}
