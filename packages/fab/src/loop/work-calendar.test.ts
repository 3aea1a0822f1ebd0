// Working hours on calendars with time zones, daylight saving and holidays. Expected values are worked
// out by hand from the calendar rules (and the zones' published offsets: CET UTC+1, CEST UTC+2 from
// 2026-03-29 01:00 UTC; China Standard Time UTC+8 all year; New York EST UTC-5, EDT UTC-4 from
// 2026-03-08 07:00 UTC).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORK_CALENDAR,
  localMonth,
  parseWorkCalendar,
  type WorkCalendar,
  workingHours,
} from './work-calendar.js';

const H = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

function calendar(value: unknown): WorkCalendar {
  const c = parseWorkCalendar(value);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

function hours(c: WorkCalendar, from: string, to: string): number {
  const h = workingHours(c, at(from), at(to));
  if (!h.ok) throw new Error(JSON.stringify(h.issues));
  return h.value;
}

describe('working hours', () => {
  const utc8to18 = calendar({ timeZone: 'UTC', start: '08:00', end: '18:00' });

  it('counts Friday 17:00 to Monday 09:30 as 1 h + 1.5 h on a Monday-to-Friday calendar', () => {
    // 2026-12-04 is a Friday.
    expect(hours(utc8to18, '2026-12-04T17:00:00Z', '2026-12-07T09:30:00Z')).toBeCloseTo(2.5, 12);
  });

  it('counts inside one window, across nights, and nothing outside the windows', () => {
    expect(hours(utc8to18, '2026-12-07T10:00:00Z', '2026-12-07T11:15:00Z')).toBeCloseTo(1.25, 12);
    expect(hours(utc8to18, '2026-12-07T20:00:00Z', '2026-12-08T07:00:00Z')).toBe(0);
    // Monday 08:00 to the next Monday 08:00: five 10-hour days.
    expect(hours(utc8to18, '2026-12-07T08:00:00Z', '2026-12-14T08:00:00Z')).toBeCloseTo(50, 12);
    expect(hours(utc8to18, '2026-12-07T12:00:00Z', '2026-12-07T11:00:00Z')).toBe(0);
  });

  it('skips holidays and follows the working days given', () => {
    const c = calendar({ timeZone: 'UTC', start: '08:00', end: '18:00', holidays: ['2026-12-07'] });
    expect(hours(c, '2026-12-04T17:00:00Z', '2026-12-08T09:30:00Z')).toBeCloseTo(2.5, 12);
    const weekend = calendar({ timeZone: 'UTC', days: ['sat', 'sun'], start: '10:00', end: '12:00' });
    expect(hours(weekend, '2026-12-04T00:00:00Z', '2026-12-11T00:00:00Z')).toBeCloseTo(4, 12);
  });

  it('reads the window in the zone: Shanghai 09:00-18:00 is 01:00-10:00 UTC', () => {
    const c = calendar({ timeZone: 'Asia/Shanghai' });
    expect(hours(c, '2026-12-07T00:00:00Z', '2026-12-07T02:00:00Z')).toBeCloseTo(1, 12);
    // Sunday 2026-12-06 20:00 UTC is Monday 04:00 in Shanghai: the Monday window is 01:00-10:00 UTC.
    expect(hours(c, '2026-12-06T20:00:00Z', '2026-12-07T23:00:00Z')).toBeCloseTo(9, 12);
    expect(localMonth(c, at('2026-11-30T17:00:00Z'))).toBe('2026-12');
  });

  it('follows daylight saving: Berlin 09:00-18:00 is 08:00-17:00 UTC before 29 March 2026, 07:00-16:00 after', () => {
    const c = calendar({ timeZone: 'Europe/Berlin' });
    // Friday 27 March 16:00 UTC (17:00 CET) to Monday 30 March 08:00 UTC (10:00 CEST): 1 h + 1 h.
    expect(hours(c, '2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z')).toBeCloseTo(2, 12);
    expect(hours(c, '2026-03-30T00:00:00Z', '2026-03-30T07:30:00Z')).toBeCloseTo(0.5, 12);
  });

  it("reads a wall time the spring jump skips an hour later (Temporal's 'compatible')", () => {
    // New York, Sunday 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC). A 02:30-04:00 window
    // is 03:30-04:00 EDT, half an hour.
    const c = calendar({ timeZone: 'America/New_York', days: ['sun'], start: '02:30', end: '04:00' });
    expect(hours(c, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toBeCloseTo(0.5, 12);
  });

  it('defaults to Monday to Friday, 09:00 to 18:00 UTC', () => {
    expect(DEFAULT_WORK_CALENDAR).toMatchObject({
      timeZone: 'UTC',
      days: [1, 2, 3, 4, 5],
      startMinute: 540,
      endMinute: 1080,
    });
    expect(hours(DEFAULT_WORK_CALENDAR, '2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z')).toBeCloseTo(9, 12);
  });

  it('refuses non-finite times and spans of decades', () => {
    const r = workingHours(DEFAULT_WORK_CALENDAR, Number.NaN, 0);
    expect(r.ok).toBe(false);
    const long = workingHours(DEFAULT_WORK_CALENDAR, 0, 30 * 365 * 24 * H);
    expect(long.ok ? undefined : long.issues[0]?.code).toBe('invalid-span');
  });
});

describe('parseWorkCalendar', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'IANA'],
    [{ start: '25:00' }, 'start', 'HH:MM'],
    [{ start: '18:00', end: '09:00' }, 'end', 'not after its start'],
    [{ days: ['mon', 'funday'] }, 'days[1]', ''],
    [{ holidays: ['2026-13-01'] }, 'holidays[0]', 'YYYY-MM-DD'],
    [{ weekends: true }, 'weekends', ''],
  ])('names the bad field of %j', (value, path, words) => {
    const r = parseWorkCalendar(value, 'fab.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.path).toBe(path);
    expect(r.issues[0]?.message).toContain(words);
  });
});
