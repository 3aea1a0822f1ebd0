// The fault loop's headline (FAB.md, "The fault loop"; docs/fab.md §11.3): the maker's response time,
// report → acknowledgement in working hours of the fab's calendar, per maker and per month of the
// report; "morning to afternoon" is a median under 4 working hours. Also the time to a deployed fix
// and to a verified one, in working hours from the report.
import { localMonth, type WorkCalendar, workingHours } from './work-calendar.js';

/** The times of one ticket the figures need. */
export interface TicketTimes {
  readonly makerId: string;
  readonly reportedMs: number;
  readonly acknowledgedMs?: number;
  readonly fixDeployedMs?: number;
  readonly verifiedMs?: number;
}

/** A distribution of working hours: how many, median, 90th percentile, mean (undefined when empty). */
export interface HoursFigures {
  readonly count: number;
  readonly median?: number;
  readonly p90?: number;
  readonly mean?: number;
}

export interface ResponseGroup {
  /** The maker, or `*` for all makers. */
  readonly makerId: string;
  /** `YYYY-MM` of the report in the calendar's zone, or `*` for all months. */
  readonly month: string;
  readonly reported: number;
  /** Reported and not acknowledged yet. */
  readonly awaitingResponse: number;
  readonly response: HoursFigures;
  /** Of the acknowledged, the share acknowledged within `targetHours` (0..1; undefined when none). */
  readonly withinTarget?: number;
  readonly toFixDeployed: HoursFigures;
  readonly toVerified: HoursFigures;
}

export interface ResponseSummary {
  readonly targetHours: number;
  /** Every maker and month together. */
  readonly total: ResponseGroup;
  /** Per maker over all months, by maker id. */
  readonly byMaker: readonly ResponseGroup[];
  /** Per maker and month, by maker then month. */
  readonly byMakerMonth: readonly ResponseGroup[];
}

/** The headline target: a median response under 4 working hours. */
export const RESPONSE_TARGET_HOURS = 4;

/** Summarise tickets' times on `calendar`. Times before their report count as 0 hours. */
export function responseSummary(
  tickets: readonly TicketTimes[],
  calendar: WorkCalendar,
  targetHours = RESPONSE_TARGET_HOURS,
): ResponseSummary {
  const rows = tickets.map((t) => ({
    makerId: t.makerId,
    month: localMonth(calendar, t.reportedMs),
    response: hoursFrom(calendar, t.reportedMs, t.acknowledgedMs),
    toFix: hoursFrom(calendar, t.reportedMs, t.fixDeployedMs),
    toVerified: hoursFrom(calendar, t.reportedMs, t.verifiedMs),
  }));
  type Row = (typeof rows)[number];
  const group = (makerId: string, month: string, of: readonly Row[]): ResponseGroup => {
    const response = of.flatMap((r) => (r.response === undefined ? [] : [r.response]));
    const within = response.filter((h) => h <= targetHours).length;
    return {
      makerId,
      month,
      reported: of.length,
      awaitingResponse: of.length - response.length,
      response: figures(response),
      ...(response.length === 0 ? {} : { withinTarget: within / response.length }),
      toFixDeployed: figures(of.flatMap((r) => (r.toFix === undefined ? [] : [r.toFix]))),
      toVerified: figures(of.flatMap((r) => (r.toVerified === undefined ? [] : [r.toVerified]))),
    };
  };
  const byKey = <K extends string>(key: (r: Row) => K): Map<K, Row[]> => {
    const m = new Map<K, Row[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list === undefined) m.set(k, [r]);
      else list.push(r);
    }
    return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  return {
    targetHours,
    total: group('*', '*', rows),
    byMaker: [...byKey((r) => r.makerId).entries()].map(([maker, of]) => group(maker, '*', of)),
    byMakerMonth: [...byKey((r) => `${r.makerId}\u0000${r.month}`).values()].map((of) =>
      group(of[0]?.makerId ?? '', of[0]?.month ?? '', of),
    ),
  };
}

function hoursFrom(calendar: WorkCalendar, fromMs: number, toMs: number | undefined): number | undefined {
  if (toMs === undefined) return undefined;
  const h = workingHours(calendar, fromMs, toMs);
  // A span the calendar refuses (over 27 years, non-finite) is not a response time.
  return h.ok ? h.value : undefined;
}

/** Count, median and p90 (linear interpolation between order statistics, as NumPy's default), mean. */
export function figures(values: readonly number[]): HoursFigures {
  if (values.length === 0) return { count: 0 };
  const s = [...values].sort((a, b) => a - b);
  return {
    count: s.length,
    median: quantile(s, 0.5),
    p90: quantile(s, 0.9),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (pos - lo);
}
