// Recipe steps from what the store holds (docs/fab.md, "FDC"): a Bondline bonder fires
// `<Kind>StepStarted` and `<Kind>StepEnded` for every step of a module (docs/tool.md §7.6) with
// `StepModule` and `StepSubstrates`, stamped with the equipment time (`Clock`); a pair record names
// the wafers and stack of a pair. A step window is a matched start and end of one module on the
// substrates of one pair; trace samples stamped inside it belong to it (step-runs.ts).
import type { EventRecord, PairRecord } from '../../store/records.js';

/** One step of one pair: the module that ran it and its start and end, equipment time in ms. */
export interface StepWindow {
  readonly pairId: string;
  readonly toolId: string;
  readonly recipe: string;
  /** Module kind from the event name, lower case, with `.top` / `.bottom` for a one-wafer step. */
  readonly step: string;
  readonly moduleId: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** A step event that made no window, and why. */
export interface SkippedStepEvent {
  readonly toolId: string;
  readonly name: string;
  readonly equipmentTimeMs: number;
  readonly reason: 'no-start' | 'no-end' | 'no-module' | 'other-substrates' | 'no-pair' | 'several-pairs';
}

export interface StepWindows {
  readonly windows: readonly StepWindow[];
  readonly skipped: readonly SkippedStepEvent[];
}

export interface StepWindowOptions {
  /** Step kinds to keep (`plasma`, `clean`, `bonder`, ...); default all that touch a pair. */
  readonly kinds?: readonly string[];
}

const STEP_EVENT = /^(.+)Step(Started|Ended)$/;

interface Open {
  readonly event: EventRecord;
  readonly substrates: string;
}

/**
 * Step windows from step events and pair records. A start is matched with the next end of the same
 * module on the same substrates; a start followed by another start of its module (the step stopped
 * on an alarm, which ends no step) is skipped as `no-end`. When a pair has the same step twice (a
 * step redone after an alarm, or a robot's many moves), the last one wins.
 */
export function deriveStepWindows(
  events: readonly EventRecord[],
  pairs: readonly PairRecord[],
  options: StepWindowOptions = {},
): StepWindows {
  const bySubstrate = new Map<string, { pair: PairRecord; role: 'top' | 'bottom' | 'stack' }>();
  for (const p of pairs) {
    bySubstrate.set(p.topId, { pair: p, role: 'top' });
    bySubstrate.set(p.bottomId, { pair: p, role: 'bottom' });
    bySubstrate.set(p.stackId, { pair: p, role: 'stack' });
  }
  const kinds = options.kinds === undefined ? undefined : new Set(options.kinds);
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.equipmentTimeMs - b.e.equipmentTimeMs || a.i - b.i)
    .map((x) => x.e);
  const open = new Map<string, Open>();
  const windows = new Map<string, StepWindow>();
  const skipped: SkippedStepEvent[] = [];
  const skip = (e: EventRecord, reason: SkippedStepEvent['reason']) =>
    skipped.push({ toolId: e.toolId, name: e.name, equipmentTimeMs: e.equipmentTimeMs, reason });
  for (const e of sorted) {
    const m = STEP_EVENT.exec(e.name);
    if (m === null) continue;
    const kind = (m[1] ?? '').toLowerCase();
    if (kinds !== undefined && !kinds.has(kind)) continue;
    const moduleId = e.data.StepModule;
    if (typeof moduleId !== 'string' || moduleId === '') {
      skip(e, 'no-module');
      continue;
    }
    const key = `${e.toolId}\u0000${moduleId}`;
    const substrates = typeof e.data.StepSubstrates === 'string' ? e.data.StepSubstrates : '';
    if (m[2] === 'Started') {
      const before = open.get(key);
      if (before !== undefined) skip(before.event, 'no-end');
      open.set(key, { event: e, substrates });
      continue;
    }
    const start = open.get(key);
    open.delete(key);
    if (start === undefined) {
      skip(e, 'no-start');
      continue;
    }
    if (start.substrates !== substrates) {
      skip(e, 'other-substrates');
      continue;
    }
    const owners = substrates
      .split(',')
      .filter((s) => s !== '')
      .map((s) => bySubstrate.get(s));
    const first = owners[0];
    if (first === undefined || owners.some((o) => o === undefined)) {
      skip(e, 'no-pair');
      continue;
    }
    if (owners.some((o) => o?.pair !== first.pair)) {
      skip(e, 'several-pairs');
      continue;
    }
    const roles = new Set(owners.map((o) => o?.role));
    const step = roles.size === 1 && first.role !== 'stack' ? `${kind}.${first.role}` : kind;
    windows.set(`${first.pair.id}\u0000${step}`, {
      pairId: first.pair.id,
      toolId: e.toolId,
      recipe: first.pair.recipe,
      step,
      moduleId,
      startMs: start.event.equipmentTimeMs,
      endMs: e.equipmentTimeMs,
    });
  }
  for (const o of open.values()) skip(o.event, 'no-end');
  return { windows: [...windows.values()], skipped };
}
