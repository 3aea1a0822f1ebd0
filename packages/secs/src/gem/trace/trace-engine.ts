// Trace data collection (E30 4.2.3, S2F23/S2F24, S6F1/S6F2).
//
// How the equipment uses it: build one `TraceEngine` with the injected clock, a `sample(svids)` that
// reads current status variable values, and `report` that sends S6F1 (TRID, SMPLN, STIME, values) —
// spooled like any other S6 primary when the link is down. On S2F23 call `define(request)` and answer
// S2F24 with the TIAACK it returns. TOTSMP 0 stops the trace with that TRID. Call `stopAll()` when the
// equipment shuts down.
//
// Sampling: the first sample is taken one period after the trace is accepted, then every period on a
// fixed grid (start + n * period, so timer lateness does not accumulate). Every REPGSZ samples form one
// report; SMPLN and STIME belong to the last sample of the group. After TOTSMP samples the trace ends,
// sending a short last group when TOTSMP is not a multiple of REPGSZ.

import type { Clock, TimerHandle } from '../../hsms/clock.js';
import { parseDsper } from './trace-period.js';

/** S2F24 TIAACK (E5). */
export const TIAACK = {
  ok: 0,
  tooManySvids: 1,
  noMoreTraces: 2,
  invalidPeriod: 3,
  unknownSvid: 4,
  badRepgsz: 5,
} as const;

export type TraceId = number | string;

/** The content of an S2F23 request. */
export interface TraceRequest {
  trid: TraceId;
  /** hhmmss or hhmmsscc. */
  dsper: string;
  /** Total samples; 0 stops the trace with this TRID. */
  totsmp: number;
  /** Samples per report. */
  repgsz: number;
  svids: readonly number[];
}

/** One S6F1 report: `values` holds REPGSZ (or fewer, for the last group) samples of all SVIDs, in order. */
export interface TraceReport<V> {
  trid: TraceId;
  /** Sample number (1-based) of the last sample in the group. */
  smpln: number;
  /** Wall time (epoch ms) of the last sample in the group. */
  stime: number;
  values: V[];
}

export interface TraceEngineOptions<V> {
  clock: Clock;
  /** Wall time, epoch ms, for STIME (default Date.now). */
  wallTime?: () => number;
  isKnownSvid: (svid: number) => boolean;
  /** Current values of the SVIDs, in order. */
  sample: (svids: readonly number[]) => V[];
  report: (r: TraceReport<V>) => void;
  /** Traces that may run at once (default 8). */
  maxTraces?: number;
  /** SVIDs per trace (default 100). */
  maxSvids?: number;
  /** Shortest period accepted, ms (default 10, the resolution of DSPER). */
  minPeriodMs?: number;
  /**
   * Whether a report of `samples` samples of this trace can be sent (default: always). A trace whose
   * single sample does not fit is refused with TIAACK 1 (too many SVIDs), one whose REPGSZ samples do
   * not with TIAACK 5 (REPGSZ).
   */
  fits?: (req: TraceRequest, samples: number) => boolean;
}

interface Running<V> {
  req: TraceRequest;
  periodMs: number;
  start: number;
  taken: number;
  inGroup: number;
  group: V[];
  timer: TimerHandle;
}

/** Runs the traces the host defined. */
export class TraceEngine<V> {
  private readonly traces = new Map<TraceId, Running<V>>();
  private readonly wallTime: () => number;

  constructor(private readonly o: TraceEngineOptions<V>) {
    this.wallTime = o.wallTime ?? Date.now;
  }

  /** S2F23: start, replace or (TOTSMP 0) stop a trace. Returns the TIAACK. */
  define(req: TraceRequest): number {
    if (req.totsmp === 0) {
      this.stop(req.trid);
      return TIAACK.ok;
    }
    if (req.svids.length > (this.o.maxSvids ?? 100)) return TIAACK.tooManySvids;
    const replacing = this.traces.has(req.trid);
    if (!replacing && this.traces.size >= (this.o.maxTraces ?? 8)) return TIAACK.noMoreTraces;
    const periodMs = parseDsper(req.dsper);
    if (periodMs === undefined || periodMs < (this.o.minPeriodMs ?? 10)) return TIAACK.invalidPeriod;
    if (req.svids.some((v) => !this.o.isKnownSvid(v))) return TIAACK.unknownSvid;
    // E5 has no code for a bad TOTSMP; it is reported with the group-size code it makes invalid.
    if (!Number.isSafeInteger(req.totsmp) || req.totsmp < 0) return TIAACK.badRepgsz;
    if (!Number.isInteger(req.repgsz) || req.repgsz < 1 || req.repgsz > req.totsmp) return TIAACK.badRepgsz;
    const fits = this.o.fits;
    if (fits !== undefined && !fits(req, 1)) return TIAACK.tooManySvids;
    if (fits !== undefined && !fits(req, req.repgsz)) return TIAACK.badRepgsz;
    this.stop(req.trid);
    const t: Running<V> = {
      req: { ...req, svids: [...req.svids] },
      periodMs,
      start: this.o.clock.now(),
      taken: 0,
      inGroup: 0,
      group: [],
      timer: undefined,
    };
    this.traces.set(req.trid, t);
    this.schedule(t);
    return TIAACK.ok;
  }

  /** Stop one trace (no final report for a partial group: the host asked it to stop). */
  stop(trid: TraceId): void {
    const t = this.traces.get(trid);
    if (t === undefined) return;
    this.o.clock.clearTimeout(t.timer);
    this.traces.delete(trid);
  }

  /** Stop every trace. */
  stopAll(): void {
    for (const trid of [...this.traces.keys()]) this.stop(trid);
  }

  /** TRIDs of running traces. */
  get active(): TraceId[] {
    return [...this.traces.keys()];
  }

  private schedule(t: Running<V>): void {
    const due = t.start + (t.taken + 1) * t.periodMs;
    t.timer = this.o.clock.setTimeout(() => this.take(t), Math.max(0, due - this.o.clock.now()));
  }

  private take(t: Running<V>): void {
    if (this.traces.get(t.req.trid) !== t) return;
    t.taken++;
    for (const v of this.o.sample(t.req.svids)) t.group.push(v);
    t.inGroup++;
    const last = t.taken >= t.req.totsmp;
    if (t.inGroup >= t.req.repgsz || last) {
      const values = t.group;
      t.group = [];
      t.inGroup = 0;
      if (last) this.traces.delete(t.req.trid);
      this.o.report({ trid: t.req.trid, smpln: t.taken, stime: this.wallTime(), values });
    }
    if (!last) this.schedule(t);
  }
}
