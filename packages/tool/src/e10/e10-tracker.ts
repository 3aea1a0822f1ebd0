// SEMI E10 state tracking for a whole tool (docs/tool.md §6): one timeline per entity, the tool itself
// and each module, fed by the controller with the transitions it makes at virtual times.
import { issue, type Result } from '@bondline/core';
import { type E10IssueCode, type E10Metrics, type E10Move, E10Timeline } from '@bondline/secs';
import type { E10State } from '../controller/tool-api.js';

export class E10Tracker {
  private readonly timelines = new Map<string, E10Timeline>();

  /** Start tracking `entity` (a tool or module id) in `initial` from `startS`. */
  add(entity: string, initial: E10State, startS: number): Result<void, E10IssueCode> {
    if (this.timelines.has(entity)) {
      return { ok: false, issues: [issue('duplicate-entity', `E10: ${entity} is already tracked`)] };
    }
    this.timelines.set(entity, new E10Timeline(entity, initial, startS));
    return { ok: true, value: undefined };
  }

  /** The entities tracked, in the order they were added. */
  entities(): string[] {
    return [...this.timelines.keys()];
  }

  /** The entity's state, or undefined when it is not tracked. */
  state(entity: string): E10State | undefined {
    return this.timelines.get(entity)?.state;
  }

  /** Move `entity` to `to` at `atS` (refused: unknown entity, a move E10 does not allow, time backwards). */
  transition(entity: string, to: E10State, atS: number): Result<E10Move, E10IssueCode> {
    const t = this.timelines.get(entity);
    if (t === undefined)
      return { ok: false, issues: [issue('unknown-entity', `E10: ${entity} is not tracked`)] };
    return t.transition(to, atS);
  }

  /** The entity's E10 figures up to `atS`, or undefined when it is not tracked. */
  metrics(entity: string, atS: number): E10Metrics | undefined {
    return this.timelines.get(entity)?.metrics(atS);
  }
}
