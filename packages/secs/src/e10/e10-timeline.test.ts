import { describe, expect, it } from 'vitest';
import type { E10State } from './e10-state.js';
import { E10Timeline } from './e10-timeline.js';

const H = 3600;

describe('E10Timeline', () => {
  it('computes the E10 figures of a hand-computed timeline', () => {
    // A module's 20 hours (docs/tool.md §6 definitions). Times per state, by hand:
    //   productive 4 + 3 + 2 = 9 h; standby 1 + 0.5 + 0.5 + 2 = 4 h; engineering 1 h;
    //   scheduled down 2 h; unscheduled down 0.5 + 1 + 0.5 = 2 h; non-scheduled 2 h; total 20 h.
    // Failures: 3 entries into unscheduled down, 2 of them from productive.
    const t = new E10Timeline('PL1', 'non-scheduled', 0);
    const moves: [E10State, number][] = [
      ['standby', 2],
      ['productive', 3],
      ['unscheduled-down', 7],
      ['productive', 7.5],
      ['standby', 10.5],
      ['unscheduled-down', 11],
      ['engineering', 12],
      ['productive', 13],
      ['unscheduled-down', 15],
      ['standby', 15.5],
      ['scheduled-down', 16],
      ['standby', 18],
    ];
    for (const [to, h] of moves) expect(t.transition(to, h * H).ok).toBe(true);
    const m = t.metrics(20 * H);
    expect(m.times).toEqual({
      productive: 9 * H,
      standby: 4 * H,
      engineering: 1 * H,
      'scheduled-down': 2 * H,
      'unscheduled-down': 2 * H,
      'non-scheduled': 2 * H,
    });
    expect(m.totalS).toBe(20 * H);
    expect(m.operationsS).toBe(18 * H);
    expect(m.uptimeS).toBe(14 * H);
    expect(m.downtimeS).toBe(4 * H);
    expect(m.failures).toBe(3);
    expect(m.productiveFailures).toBe(2);
    expect(m.mtbfS).toBe(4.5 * H); // 9 h productive / 2 failures in productive time
    expect(m.mttrS).toBe(2400); // 2 h unscheduled down / 3 failures = 40 min
    expect(m.availability).toBeCloseTo(0.7, 12); // 14 / 20
    expect(m.operationalAvailability).toBeCloseTo(14 / 18, 12);
    expect(m.utilisation).toBeCloseTo(0.45, 12); // 9 / 20
    expect(m.operationalUtilisation).toBeCloseTo(0.5, 12); // 9 / 18
  });

  it('counts the current state up to the time asked, and leaves MTBF/MTTR undefined without failures', () => {
    const t = new E10Timeline('BD1', 'standby', 100);
    t.transition('productive', 160);
    const m = t.metrics(460);
    expect(m.times.standby).toBe(60);
    expect(m.times.productive).toBe(300);
    expect(m.mtbfS).toBeUndefined();
    expect(m.mttrS).toBeUndefined();
    expect(m.utilisation).toBeCloseTo(300 / 360, 12);
    expect(new E10Timeline('X', 'standby', 0).metrics(0).availability).toBeUndefined();
  });

  it('refuses the moves E10 makes meaningless, and stays where it was', () => {
    const t = new E10Timeline('TR1', 'productive', 0);
    const refused = t.transition('non-scheduled', 10);
    expect(refused.ok ? [] : refused.issues).toEqual([
      {
        code: 'illegal-transition',
        message:
          'E10 TR1: productive -> non-scheduled is refused: production stops first (standby), then the tool leaves the schedule',
      },
    ]);
    expect(t.state).toBe('productive');
    const same = t.transition('productive', 10);
    expect(same.ok ? '' : same.issues[0]?.message).toBe(
      'E10 TR1: productive -> productive is refused: already productive',
    );
    expect(t.transition('unscheduled-down', 10).ok).toBe(true);
    expect(t.transition('non-scheduled', 20).ok).toBe(false);
    expect(t.transition('standby', 20).ok).toBe(true);
    expect(t.transition('non-scheduled', 30).ok).toBe(true);
    expect(t.transition('productive', 40).ok).toBe(false);
    expect(t.transition('engineering', 40).ok).toBe(true);
  });

  it('refuses a move back in time and a metrics query before the last move', () => {
    const t = new E10Timeline('IN1', 'standby', 0);
    t.transition('productive', 50);
    const r = t.transition('standby', 40);
    expect(r.ok ? '' : r.issues[0]?.code).toBe('time-backwards');
    expect(t.transition('standby', Number.NaN).ok).toBe(false);
    expect(() => t.metrics(49)).toThrow(/before the last move/);
  });
});
