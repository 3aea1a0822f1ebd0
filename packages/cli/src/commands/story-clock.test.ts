import { DEFAULT_WORK_CALENDAR, parseWorkCalendar, workingHours } from '@bondline/fab';
import { describe, expect, it } from 'vitest';
import { addWorkingHours, StoryClock, storyEpoch } from './story-clock.js';

const at = (iso: string) => Date.parse(iso);

describe('addWorkingHours (Monday to Friday, 09:00 to 18:00 UTC)', () => {
  const cal = DEFAULT_WORK_CALENDAR;

  it('counts inside a day, across the night and across the weekend', () => {
    // 2026-12-07 is a Monday.
    expect(addWorkingHours(cal, at('2026-12-07T10:00:00Z'), 2)).toBeCloseTo(at('2026-12-07T12:00:00Z'), -4);
    expect(addWorkingHours(cal, at('2026-12-07T17:00:00Z'), 2)).toBeCloseTo(at('2026-12-08T10:00:00Z'), -4);
    expect(addWorkingHours(cal, at('2026-12-11T17:30:00Z'), 1)).toBeCloseTo(at('2026-12-14T09:30:00Z'), -4);
  });

  it('with 0 hours, the first working instant at or after the time', () => {
    expect(addWorkingHours(cal, at('2026-12-12T12:00:00Z'), 0)).toBeCloseTo(at('2026-12-14T09:00:00Z'), -4);
  });

  it('agrees with workingHours on another zone and window', () => {
    const c = parseWorkCalendar({ timeZone: 'Asia/Shanghai', start: '08:00', end: '17:30' });
    if (!c.ok) throw new Error('calendar refused');
    const from = at('2026-12-09T07:13:00Z');
    const to = addWorkingHours(c.value, from, 5.5);
    const h = workingHours(c.value, from, to);
    expect(h.ok && h.value).toBeCloseTo(5.5, 3);
  });
});

describe('storyEpoch', () => {
  it('is half an hour before Monday 09:00, two weeks before the week it is started in', () => {
    for (const now of ['2026-12-07T20:00:00Z', '2026-12-13T23:59:00Z', '2026-12-10T03:00:00Z']) {
      expect(new Date(storyEpoch(DEFAULT_WORK_CALENDAR, at(now))).toISOString().slice(0, 16)).toBe(
        '2026-11-23T08:29',
      );
    }
  });
});

describe('StoryClock', () => {
  it('reads the slowest tool from its epoch and never goes back', () => {
    const clock = new StoryClock(1_000_000);
    expect(clock.nowMs()).toBe(1_000_000);
    const a = { nowS: 100 };
    const b = { nowS: 40 };
    clock.follow(a);
    expect(clock.nowMs()).toBe(1_100_000);
    clock.follow(b);
    expect(clock.nowMs()).toBe(1_100_000);
    b.nowS = 250;
    expect(clock.nowMs()).toBe(1_100_000);
    a.nowS = 300;
    expect(clock.nowMs()).toBe(1_250_000);
    expect(clock.hours()).toBeCloseTo(250 / 3600, 9);
  });
});
