// The clock of `fab up --story` (docs/fab.md §11.9): the line's tool time as epoch ms. Every simulated
// bonder runs on its own virtual clock at the same speed; the story clock is the slowest of them,
// counted from a Monday morning of the fab's working calendar, so the fab (received times, tickets,
// the scripted maker) and the tools (their GEM `Clock`) agree, and working hours come out as they
// would on a line running in real time.
import { type WorkCalendar, workingMs } from '@bondline/fab';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Working hours are looked for at most this far ahead (a calendar with a month off still works). */
const SEARCH_MS = 60 * DAY_MS;

/** What the story clock reads of a tool: its virtual time, seconds since it opened. */
export interface ToolTime {
  readonly nowS: number;
}

export class StoryClock {
  private readonly clocks: ToolTime[] = [];
  private last: number;

  /** `epochMs`: the story's tool time 0 (storyEpoch). */
  constructor(readonly epochMs: number) {
    this.last = epochMs;
  }

  /** Follow one more tool's clock. */
  follow(clock: ToolTime): void {
    this.clocks.push(clock);
  }

  /**
   * Now, epoch ms: the epoch plus the slowest tool's virtual time. Never goes back (a tool opened
   * later starts at 0 while the first already runs).
   */
  readonly nowMs = (): number => {
    if (this.clocks.length === 0) return this.last;
    let min = Number.POSITIVE_INFINITY;
    for (const c of this.clocks) min = Math.min(min, c.nowS);
    this.last = Math.max(this.last, this.epochMs + Math.round(min * 1000));
    return this.last;
  };

  /** Tool hours since the story began. */
  hours(): number {
    return (this.nowMs() - this.epochMs) / HOUR_MS;
  }
}

/**
 * The story's start: half an hour before the first working window of `calendar` that opens after
 * Monday 00:00 UTC two weeks before `realNowMs` (the story runs in the recent past, on working days,
 * whatever day it is started).
 */
export function storyEpoch(calendar: WorkCalendar, realNowMs: number): number {
  const daysSinceMonday = (new Date(realNowMs).getUTCDay() + 6) % 7;
  const monday = Math.floor(realNowMs / DAY_MS) * DAY_MS - (daysSinceMonday + 14) * DAY_MS;
  return addWorkingHours(calendar, monday, 0) - HOUR_MS / 2;
}

/**
 * The instant `hours` working hours after `fromMs` on `calendar` (to the second); with 0, the first
 * working instant at or after it. Bisection over workingMs, which is monotonic in its end.
 */
export function addWorkingHours(calendar: WorkCalendar, fromMs: number, hours: number): number {
  const want = hours * HOUR_MS;
  const worked = (t: number): number => {
    const w = workingMs(calendar, fromMs, t);
    return w.ok ? w.value : Number.POSITIVE_INFINITY;
  };
  let lo = fromMs;
  let hi = fromMs + SEARCH_MS;
  if (worked(hi) <= want) return hi;
  // The smallest t with worked(t) > want, less a second when want is 0: the window's first second.
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (worked(mid) > want) hi = mid;
    else lo = mid;
  }
  return want === 0 ? lo : hi;
}
