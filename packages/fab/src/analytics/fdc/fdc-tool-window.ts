// What the FDC service remembers of one tool (docs/fab.md §9): the last step events, trace samples
// and pairs it committed, each list bounded (the oldest go first), and the newest sample time, so a
// pair is checked once the samples of its steps are in.
import type { EventRecord, PairRecord } from '../../store/records.js';
import type { TraceSampleInput } from './step-runs.js';
import { deriveStepWindows, type StepWindow } from './step-windows.js';

export interface ToolWindowLimits {
  /** Step events kept per tool (default 10,000: hundreds of pairs). */
  readonly events: number;
  /** Trace samples kept per tool (default 50,000: 83 minutes at 100 ms). */
  readonly samples: number;
  /** Pairs kept per tool (default 1,000). */
  readonly pairs: number;
}

export const DEFAULT_WINDOW_LIMITS: ToolWindowLimits = { events: 10_000, samples: 50_000, pairs: 1_000 };

export const STEP_EVENT = /Step(Started|Ended)$/;

export class ToolWindow {
  private readonly events: EventRecord[] = [];
  private readonly samples: TraceSampleInput[] = [];
  private readonly pairs = new Map<string, PairRecord>();
  /** Equipment time of the newest sample, ms (-Infinity before the first). */
  lastSampleMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly limits: ToolWindowLimits) {}

  addEvent(e: EventRecord): void {
    this.events.push(e);
    trim(this.events, this.limits.events);
  }

  addSample(s: TraceSampleInput): void {
    this.samples.push({ toolId: s.toolId, equipmentTimeMs: s.equipmentTimeMs, values: s.values });
    trim(this.samples, this.limits.samples);
    if (s.equipmentTimeMs > this.lastSampleMs) this.lastSampleMs = s.equipmentTimeMs;
  }

  addPair(p: PairRecord): void {
    this.pairs.set(p.id, p);
    if (this.pairs.size > this.limits.pairs) {
      const first = this.pairs.keys().next().value;
      if (first !== undefined) this.pairs.delete(first);
    }
  }

  pair(id: string): PairRecord | undefined {
    return this.pairs.get(id);
  }

  /** The step windows of one pair from the events kept. */
  windowsOf(pair: PairRecord): readonly StepWindow[] {
    return deriveStepWindows(this.events, [pair]).windows;
  }

  /** The samples kept stamped from `fromMs` to `toMs`, both included. */
  samplesBetween(fromMs: number, toMs: number): TraceSampleInput[] {
    return this.samples.filter((s) => s.equipmentTimeMs >= fromMs && s.equipmentTimeMs <= toMs);
  }
}

/** Drop the oldest tenth beyond `max` at once (one splice per many pushes). */
function trim<T>(list: T[], max: number): void {
  if (list.length > max) list.splice(0, list.length - Math.floor(max * 0.9));
}
