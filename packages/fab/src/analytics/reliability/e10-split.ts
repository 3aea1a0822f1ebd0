// A tool's SEMI E10 time split and RAM figures as the fab sees them (docs/fab.md §12): rebuilt from
// the `E10StateChanged` events the collector stored (E10Entity: the tool or a module; E10From, E10To;
// ToolTimeS on a Bondline tool), with @bondline/secs's E10 timeline, and the tool's OEE per SEMI E79
// from the pairs it bonded in the same period. Pure: the caller reads the events and pairs.
import { E10_STATES, type E10Metrics, type E10State, E10Timeline } from '@bondline/secs';
import type { EventRecord } from '../../store/records.js';

/** The event a Bondline tool fires on every E10 state change (docs/tool.md §7, CEID 4041). */
export const E10_EVENT = 'E10StateChanged';

/**
 * Which clock times the moves: `tool` takes each event's ToolTimeS (a simulated tool's own time, so a
 * tool paced faster than real time gives figures in its hours), `equipment` its equipment time stamp.
 */
export type E10Clock = 'tool' | 'equipment';

export interface EntitySplit {
  /** The tool id or a module id, as the tool names it. */
  readonly entity: string;
  /** Its state after the last move seen. */
  readonly state: E10State;
  /** From its first move to the last move of any entity seen, in the clock's seconds. */
  readonly metrics: E10Metrics;
  /** Moves that did not follow from the state before (an event lost, or a move E10 refuses): counted, and the state taken from the event. */
  readonly gaps: number;
}

export interface E10Split {
  readonly clock: E10Clock;
  /** Seconds (of the clock) from the first to the last move seen; 0 with fewer than two. */
  readonly periodS: number;
  readonly moves: number;
  /** Events without the fields of a move (skipped). */
  readonly skipped: number;
  /** The entity that is no module: the tool itself, as it names itself (absent when it made no move, or several such). */
  readonly toolEntity?: string;
  /** The tool first, then its modules by id. */
  readonly entities: readonly EntitySplit[];
}

interface Move {
  readonly entity: string;
  readonly from: E10State;
  readonly to: E10State;
  readonly atS: number;
}

const isState = (v: unknown): v is E10State =>
  typeof v === 'string' && (E10_STATES as readonly string[]).includes(v);

function moveOf(e: EventRecord, clock: E10Clock): Move | undefined {
  const { E10Entity: entity, E10From: from, E10To: to, ToolTimeS: toolS } = e.data;
  if (typeof entity !== 'string' || entity === '' || !isState(from) || !isState(to)) return undefined;
  const atS = clock === 'tool' ? toolS : e.equipmentTimeMs / 1000;
  if (typeof atS !== 'number' || !Number.isFinite(atS)) return undefined;
  return { entity, from, to, atS };
}

/**
 * The split of every entity over the moves in `events` (any order; other events are ignored). Each
 * entity starts, at its first move, in that move's `from` state; the period ends at the last move of
 * any entity, each entity's current state counting until then. The one entity not in `moduleIds` is
 * the tool itself (a tool names itself in its events by its own id, not the fab's).
 */
export function e10Split(
  events: readonly EventRecord[],
  moduleIds: ReadonlySet<string>,
  clock: E10Clock = 'tool',
): E10Split {
  const moves: Move[] = [];
  let skipped = 0;
  for (const e of events) {
    if (e.name !== E10_EVENT) continue;
    const m = moveOf(e, clock);
    if (m === undefined) skipped++;
    else moves.push(m);
  }
  moves.sort((a, b) => a.atS - b.atS);
  const timelines = new Map<string, { timeline: E10Timeline; gaps: number }>();
  for (const m of moves) {
    let t = timelines.get(m.entity);
    if (t === undefined) {
      t = { timeline: new E10Timeline(m.entity, m.from, m.atS), gaps: 0 };
      timelines.set(m.entity, t);
    }
    if (t.timeline.state !== m.from) {
      // An event was lost between the two: take the tool's word for the state it left.
      t.gaps++;
      if (!t.timeline.transition(m.from, m.atS).ok) continue;
    }
    if (!t.timeline.transition(m.to, m.atS).ok) t.gaps++;
  }
  const first = moves[0]?.atS ?? 0;
  const last = moves.at(-1)?.atS ?? 0;
  const own = [...timelines.keys()].filter((e) => !moduleIds.has(e));
  const toolEntity = own.length === 1 ? own[0] : undefined;
  const rank = (entity: string): number => (entity === toolEntity ? 0 : 1);
  const entities = [...timelines.values()]
    .map(({ timeline, gaps }) => ({
      entity: timeline.entity,
      state: timeline.state,
      metrics: timeline.metrics(last),
      gaps,
    }))
    .sort(
      (a, b) => rank(a.entity) - rank(b.entity) || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0),
    );
  return {
    clock,
    periodS: last - first,
    moves: moves.length,
    skipped,
    ...(toolEntity === undefined ? {} : { toolEntity }),
    entities,
  };
}

/** What OEE needs beyond the tool's E10 times. */
export interface OeeInput {
  /** The tool's E10 figures over the period (its `toolEntity`'s metrics in `e10Split`). */
  readonly tool: E10Metrics;
  /** Pairs bonded in the period. */
  readonly units: number;
  /** Their yield-weighted count: the sum of their die yields (0..units). */
  readonly effectiveUnits: number;
  /** Theoretical time per pair at the recipe's throughput bound, s (3600 / LotBoundPairsPerHour). */
  readonly theoreticalCycleS: number;
}

/** SEMI E79's efficiencies (0..1; undefined where a denominator is 0) and their product. */
export interface Oee {
  /** Equipment uptime / total time. */
  readonly availabilityEfficiency?: number;
  /** Productive time / uptime. */
  readonly operationalEfficiency?: number;
  /** Theoretical time of the units made / productive time. */
  readonly rateEfficiency?: number;
  /** Effective units / units (here: the mean die yield of the pairs). */
  readonly qualityEfficiency?: number;
  /** Theoretical time of the effective units / total time: the product of the four. */
  readonly oee?: number;
}

const ratio = (a: number, b: number): number | undefined => (b > 0 && Number.isFinite(a) ? a / b : undefined);

/** OEE per SEMI E79 from the tool's E10 times and the pairs it made. */
export function oee(input: OeeInput): Oee {
  const { tool, units, effectiveUnits, theoreticalCycleS } = input;
  const availabilityEfficiency = ratio(tool.uptimeS, tool.totalS);
  const operationalEfficiency = ratio(tool.times.productive, tool.uptimeS);
  const rateEfficiency = ratio(units * theoreticalCycleS, tool.times.productive);
  const qualityEfficiency = ratio(effectiveUnits, units);
  const value = ratio(effectiveUnits * theoreticalCycleS, tool.totalS);
  return {
    ...(availabilityEfficiency === undefined ? {} : { availabilityEfficiency }),
    ...(operationalEfficiency === undefined ? {} : { operationalEfficiency }),
    ...(rateEfficiency === undefined ? {} : { rateEfficiency }),
    ...(qualityEfficiency === undefined ? {} : { qualityEfficiency }),
    ...(value === undefined ? {} : { oee: value }),
  };
}
