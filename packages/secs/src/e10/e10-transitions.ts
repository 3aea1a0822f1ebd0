// Which moves between the SEMI E10 basic states a tracker accepts (docs/tool.md §6). E10 defines the
// six states and what time belongs to each; the moves it makes meaningless are refused here, so the
// figures computed from a timeline cannot be bent by an impossible history:
// - productive -> non-scheduled: production stops first (the tool goes to standby); non-scheduled
//   time is time the tool is not scheduled for production, not time production was cut off.
// - non-scheduled -> productive: a tool coming back into the schedule is in standby (or
//   engineering for its qualification) before it runs product.
// - unscheduled-down -> non-scheduled: a failed tool is repaired (back to standby or productive)
//   before it leaves the schedule; otherwise repair time would vanish from operations time and
//   inflate availability and MTTR.
// - a state to itself: not a transition (a caller reporting the state it is in has lost track).
// Every other move between two different states is a real event of a tool's day (a failure from
// any state of operations time, maintenance after a lot, engineering between lots, ...).
import { type Transition, TransitionTable } from '@bondline/core';
import type { E10State } from './e10-state.js';

export const E10_STATES: readonly E10State[] = [
  'productive',
  'standby',
  'engineering',
  'scheduled-down',
  'unscheduled-down',
  'non-scheduled',
];

/** The refused moves between two different states, with the reason a refusal names. */
export const E10_REFUSED: readonly { from: E10State; to: E10State; why: string }[] = [
  {
    from: 'productive',
    to: 'non-scheduled',
    why: 'production stops first (standby), then the tool leaves the schedule',
  },
  {
    from: 'non-scheduled',
    to: 'productive',
    why: 'a tool back in the schedule is in standby or engineering before it runs product',
  },
  {
    from: 'unscheduled-down',
    to: 'non-scheduled',
    why: 'a failed tool is repaired before it leaves the schedule (repair time is operations time)',
  },
];

/** The allowed moves; the event of a move is the state it leads to. */
export const E10_TRANSITIONS: readonly Transition<E10State, E10State>[] = E10_STATES.flatMap((from) =>
  E10_STATES.filter((to) => to !== from && !E10_REFUSED.some((r) => r.from === from && r.to === to)).map(
    (to) => ({ from, on: to, to }),
  ),
);

/** A refusing state table for one entity (the tool or a module). */
export function e10Table(entity: string, initial: E10State): TransitionTable<E10State, E10State> {
  return new TransitionTable(`E10 ${entity}`, E10_TRANSITIONS, initial);
}
