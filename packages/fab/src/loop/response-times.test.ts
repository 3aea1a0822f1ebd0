// Response-time figures per maker and month on a working calendar. Expected values are worked out by
// hand below each case; quantiles by linear interpolation between order statistics (Hyndman and Fan
// 1996, definition 7, NumPy's default).
import { describe, expect, it } from 'vitest';
import { figures, responseSummary } from './response-times.js';
import { verificationCheck } from './verification.js';
import { parseWorkCalendar, type WorkCalendar } from './work-calendar.js';

const at = (iso: string): number => Date.parse(iso);

function calendar(): WorkCalendar {
  const c = parseWorkCalendar({ timeZone: 'UTC', start: '08:00', end: '18:00' });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

describe('response times', () => {
  it('computes median and p90 by linear interpolation', () => {
    // Sorted 1, 2, 3, 4: median at position 1.5 → 2.5; p90 at 2.7 → 3.7; mean 2.5.
    const f = figures([4, 1, 3, 2]);
    expect(f).toMatchObject({ count: 4, median: 2.5, mean: 2.5 });
    expect(f.p90).toBeCloseTo(3.7, 12);
    expect(figures([])).toEqual({ count: 0 });
  });

  it('summarises per maker and month in working hours', () => {
    const tickets = [
      // maker-a, November: Friday 27 Nov 17:00 → Monday 30 Nov 09:30 = 1 h + 1.5 h = 2.5 h.
      {
        makerId: 'maker-a',
        reportedMs: at('2026-11-27T17:00:00Z'),
        acknowledgedMs: at('2026-11-30T09:30:00Z'),
      },
      // maker-a, December: Monday 10:00 → 16:00 = 6 h; fix deployed Tuesday 10:00 = 8 + 2 = 10 h.
      {
        makerId: 'maker-a',
        reportedMs: at('2026-12-07T10:00:00Z'),
        acknowledgedMs: at('2026-12-07T16:00:00Z'),
        fixDeployedMs: at('2026-12-08T10:00:00Z'),
      },
      // maker-a, December: not acknowledged yet.
      { makerId: 'maker-a', reportedMs: at('2026-12-07T11:00:00Z') },
      // maker-b, December: Monday 08:00 → 09:00 = 1 h.
      {
        makerId: 'maker-b',
        reportedMs: at('2026-12-07T08:00:00Z'),
        acknowledgedMs: at('2026-12-07T09:00:00Z'),
      },
    ];
    const s = responseSummary(tickets, calendar());
    expect(s.targetHours).toBe(4);
    // All: responses 1, 2.5, 6 → median 2.5; 2 of 3 within 4 h.
    expect(s.total).toMatchObject({ reported: 4, awaitingResponse: 1, withinTarget: 2 / 3 });
    expect(s.total.response.median).toBeCloseTo(2.5, 12);
    expect(s.total.toFixDeployed).toMatchObject({ count: 1, median: 10 });
    expect(s.byMaker.map((g) => [g.makerId, g.reported, g.response.median])).toEqual([
      ['maker-a', 3, 4.25],
      ['maker-b', 1, 1],
    ]);
    expect(s.byMakerMonth.map((g) => [g.makerId, g.month, g.reported, g.response.median ?? null])).toEqual([
      ['maker-a', '2026-11', 1, 2.5],
      ['maker-a', '2026-12', 2, 6],
      ['maker-b', '2026-12', 1, 1],
    ]);
  });
});

describe('verification check', () => {
  it('passes with enough pairs, no recurrence and the figure back', () => {
    const c = verificationCheck({
      pairsSinceFix: 60,
      requiredPairs: 50,
      recurrencesSinceFix: 0,
      figure: { name: 'pair yield', before: 0.92, after: 0.915, higherIsBetter: true, tolerance: 0.01 },
    });
    expect(c.passed).toBe(true);
    expect(c.reasons).toEqual([]);
    expect(c.figure?.recovered).toBe(true);
  });

  it('names every reason it fails', () => {
    const c = verificationCheck({
      pairsSinceFix: 10,
      requiredPairs: 50,
      recurrencesSinceFix: 2,
      figure: { name: 'overlay 3σ', before: 120, after: 180, higherIsBetter: false, tolerance: 20 },
    });
    expect(c.passed).toBe(false);
    expect(c.reasons).toEqual([
      '10 of the 50 pairs needed since the fix',
      'the fault point recurred 2 times since the fix',
      'overlay 3σ is 180 since the fix against 120 before the fault (tolerance 20)',
    ]);
    const nan = verificationCheck({
      pairsSinceFix: 50,
      requiredPairs: 50,
      recurrencesSinceFix: 0,
      figure: { name: 'pair yield', before: Number.NaN, after: 0.9, higherIsBetter: true, tolerance: 0 },
    });
    expect(nan.passed).toBe(false);
  });
});
