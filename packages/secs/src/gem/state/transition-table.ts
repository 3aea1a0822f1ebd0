// A state machine as a table of allowed moves. Anything not in the table is refused (a value, not a
// log line), so a caller cannot drive GEM into a state E30 does not allow.

/** One allowed move: in `from`, event `on` leads to `to`. */
export interface Transition<S extends string, E extends string> {
  from: S;
  on: E;
  to: S;
}

/** Result of firing an event. */
export type FireResult<S extends string, E extends string> =
  | { ok: true; from: S; to: S; event: E }
  | { ok: false; code: 'illegal-transition'; from: S; event: E; message: string };

/** A state holder that only moves along the rows of its table. */
export class TransitionTable<S extends string, E extends string> {
  private readonly rows = new Map<string, S>();
  private current: S;

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

  /** Fire `event`: move if the table allows it, otherwise refuse and stay. */
  fire(event: E): FireResult<S, E> {
    const from = this.current;
    const to = this.peek(event);
    if (to === undefined) {
      return {
        ok: false,
        code: 'illegal-transition',
        from,
        event,
        message: `${this.name}: '${event}' is not allowed in state '${from}'`,
      };
    }
    this.current = to;
    return { ok: true, from, to, event };
  }
}
