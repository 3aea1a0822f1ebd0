// Working hours of a calendar (docs/fab.md §11.3): the fault loop's headline figure, the maker's
// response time, counts only the hours someone is at work — a fault reported at 17:00 on a Friday
// and acknowledged at 09:30 on Monday took 2.5 working hours on an 08:00–18:00 Monday-to-Friday
// calendar, not 64.5. A calendar names its IANA time zone (daylight saving is followed), its working
// days, one working window per day and its holidays.
import { issue, parseWithSchema, type Result } from '@bondline/core';
import { z } from 'zod';

export interface WorkCalendar {
  /** IANA time zone name (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
  readonly timeZone: string;
  /** Working days, 0 = Sunday .. 6 = Saturday. */
  readonly days: readonly number[];
  /** Start and end of the working window, minutes after local midnight (start < end). */
  readonly startMinute: number;
  readonly endMinute: number;
  /** Local dates that are not worked (`YYYY-MM-DD`). */
  readonly holidays: ReadonlySet<string>;
}

/** Spans longer than this (about 27 years) are refused: no ticket waits that long. */
const MAX_DAYS = 10_000;
const DAY_MS = 86_400_000;
/** One formatter per zone (building one costs far more than using it). */
const zones = new Map<string, Intl.DateTimeFormat>();

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const clock = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time of day as HH:MM (00:00 to 24:00)')
  .refine((s) => s <= '24:00', { message: 'a time of day as HH:MM (00:00 to 24:00)' });
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');

export const workCalendarSchema = z
  .strictObject({
    timeZone: z.string().min(1).max(64).default('UTC'),
    days: z.array(z.enum(DAY_NAMES)).min(1).max(7).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: clock.default('09:00'),
    end: clock.default('18:00'),
    holidays: z.array(date).max(10_000).default([]),
  })
  .superRefine((c, ctx) => {
    if (!validTimeZone(c.timeZone))
      ctx.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `'${c.timeZone}' is not an IANA time zone`,
      });
    if (minutes(c.end) <= minutes(c.start))
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `ends at ${c.end}, not after its start ${c.start}`,
      });
  });
export type WorkCalendarFile = z.input<typeof workCalendarSchema>;

/** The default: Monday to Friday, 09:00 to 18:00 UTC, no holidays. */
export const DEFAULT_WORK_CALENDAR: WorkCalendar = calendarOf(workCalendarSchema.parse({}));

/** Parse a `calendar:` block (as in the fab configuration); bad fields are named by path. */
export function parseWorkCalendar(value: unknown, source?: string): Result<WorkCalendar> {
  const parsed = parseWithSchema(workCalendarSchema, value, source === undefined ? {} : { source });
  return parsed.ok ? { ok: true, value: calendarOf(parsed.value) } : parsed;
}

function calendarOf(c: z.output<typeof workCalendarSchema>): WorkCalendar {
  return {
    timeZone: c.timeZone,
    days: [...new Set(c.days.map((d) => DAY_NAMES.indexOf(d)))].sort(),
    startMinute: minutes(c.start),
    endMinute: minutes(c.end),
    holidays: new Set(c.holidays),
  };
}

/**
 * Working milliseconds from `fromMs` to `toMs` (UTC instants) on `calendar`; 0 when `toMs` is not
 * after `fromMs`. An `invalid-span` issue for non-finite times or a span past MAX_DAYS.
 */
export function workingMs(
  calendar: WorkCalendar,
  fromMs: number,
  toMs: number,
): Result<number, 'invalid-span'> {
  const bad = (m: string): Result<number, 'invalid-span'> => ({
    ok: false,
    issues: [issue('invalid-span', m)],
  });
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    return bad(`times must be finite (${fromMs}, ${toMs})`);
  if (toMs <= fromMs) return { ok: true, value: 0 };
  if (toMs - fromMs > MAX_DAYS * DAY_MS) return bad(`a span of more than ${MAX_DAYS} days`);
  const zone = zoneOf(calendar.timeZone);
  // Local dates from the day before `from` to the day after `to` (a window may cross UTC midnight).
  let day = localDate(zone, fromMs - DAY_MS);
  const last = localDate(zone, toMs + DAY_MS);
  let total = 0;
  for (let i = 0; i <= MAX_DAYS + 3 && dateKey(day) <= dateKey(last); i++) {
    const weekday = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
    if (calendar.days.includes(weekday) && !calendar.holidays.has(dateKey(day))) {
      const start = localToUtc(zone, day, calendar.startMinute);
      const end = localToUtc(zone, day, calendar.endMinute);
      total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
    }
    day = nextDate(day);
  }
  return { ok: true, value: total };
}

/** Working hours between two instants (`workingMs` / 3,600,000). */
export function workingHours(
  calendar: WorkCalendar,
  fromMs: number,
  toMs: number,
): Result<number, 'invalid-span'> {
  const ms = workingMs(calendar, fromMs, toMs);
  return ms.ok ? { ok: true, value: ms.value / 3_600_000 } : ms;
}

/** The local calendar month (`YYYY-MM`) of an instant in the calendar's zone. */
export function localMonth(calendar: WorkCalendar, atMs: number): string {
  return dateKey(localDate(zoneOf(calendar.timeZone), atMs)).slice(0, 7);
}

interface LocalDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

function zoneOf(timeZone: string): Intl.DateTimeFormat {
  let f = zones.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zones.set(timeZone, f);
  }
  return f;
}

function validTimeZone(timeZone: string): boolean {
  try {
    zoneOf(timeZone);
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

/** The zone's wall clock at an instant, as if it were UTC (ms). */
function wallMs(zone: Intl.DateTimeFormat, atMs: number): number {
  const p: Record<string, number> = {};
  for (const part of zone.formatToParts(atMs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

function localDate(zone: Intl.DateTimeFormat, atMs: number): LocalDate {
  const w = new Date(wallMs(zone, atMs));
  return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate() };
}

/**
 * The UTC instant of a local wall time, as Temporal's 'compatible' disambiguation: a wall time that
 * occurs twice (the autumn hour) is its earlier instant; one that a spring jump skips is read with the
 * offset before the jump (02:30 becomes 03:30).
 */
function localToUtc(zone: Intl.DateTimeFormat, day: LocalDate, minute: number): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d) + minute * 60_000;
  const offset = (t: number): number => wallMs(zone, t) - t;
  const before = wall - offset(wall - DAY_MS);
  const after = wall - offset(wall + DAY_MS);
  const fits = (t: number): boolean => wallMs(zone, t) === wall;
  if (fits(before) && fits(after)) return Math.min(before, after);
  if (fits(after)) return after;
  return before;
}

function nextDate(day: LocalDate): LocalDate {
  const n = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: n.getUTCFullYear(), m: n.getUTCMonth() + 1, d: n.getUTCDate() };
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function dateKey(day: LocalDate): string {
  return `${pad(day.y, 4)}-${pad(day.m, 2)}-${pad(day.d, 2)}`;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
