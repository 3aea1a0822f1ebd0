import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { TIAACK, TraceEngine, type TraceEngineOptions, type TraceReport } from './trace-engine.js';

// SV 1 reads the clock time, SV 2 a counter of reads: values show exactly when each sample was taken.
function setup(o: Partial<TraceEngineOptions<number>> = {}) {
  const clock = new FakeClock();
  const reports: TraceReport<number>[] = [];
  let reads = 0;
  const engine = new TraceEngine<number>({
    clock,
    wallTime: () => 1_000_000 + clock.now(),
    isKnownSvid: (v) => v === 1 || v === 2,
    sample: (svids) => svids.map((v) => (v === 1 ? clock.now() : ++reads)),
    report: (r) => reports.push(r),
    ...o,
  });
  return { clock, reports, engine };
}

describe('TraceEngine', () => {
  it('samples every period and reports groups of REPGSZ, then stops after TOTSMP', () => {
    const { clock, reports, engine } = setup();
    expect(engine.define({ trid: 7, dsper: '000001', totsmp: 6, repgsz: 2, svids: [1] })).toBe(TIAACK.ok);
    clock.advance(1999);
    expect(reports).toEqual([]);
    clock.advance(1);
    expect(reports).toEqual([{ trid: 7, smpln: 2, stime: 1_002_000, values: [1000, 2000] }]);
    clock.advance(10_000);
    expect(reports.map((r) => r.smpln)).toEqual([2, 4, 6]);
    expect(reports[2]!.values).toEqual([5000, 6000]);
    expect(engine.active).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('sends a short last group when TOTSMP is not a multiple of REPGSZ; values are sample-major', () => {
    const { clock, reports, engine } = setup();
    engine.define({ trid: 'T', dsper: '00000050', totsmp: 5, repgsz: 3, svids: [1, 2] });
    clock.advance(5000);
    expect(reports).toEqual([
      { trid: 'T', smpln: 3, stime: 1_001_500, values: [500, 1, 1000, 2, 1500, 3] },
      { trid: 'T', smpln: 5, stime: 1_002_500, values: [2000, 4, 2500, 5] },
    ]);
  });

  it('keeps to the period grid when timers fire late', () => {
    const { clock, reports, engine } = setup();
    engine.define({ trid: 1, dsper: '000001', totsmp: 3, repgsz: 1, svids: [1] });
    clock.advance(1400); // sample 1 at 1000
    clock.advance(700); // sample 2 due at 2000
    clock.advance(900); // sample 3 due at 3000
    expect(reports.map((r) => r.values[0])).toEqual([1000, 2000, 3000]);
  });

  it('TOTSMP 0 stops a running trace; a new definition with the same TRID replaces it', () => {
    const { clock, reports, engine } = setup();
    engine.define({ trid: 1, dsper: '000001', totsmp: 100, repgsz: 1, svids: [1] });
    clock.advance(2000);
    expect(engine.define({ trid: 1, dsper: '000002', totsmp: 100, repgsz: 1, svids: [2] })).toBe(TIAACK.ok);
    clock.advance(4000);
    expect(reports.map((r) => r.values)).toEqual([[1000], [2000], [1], [2]]);
    expect(engine.define({ trid: 1, dsper: '000001', totsmp: 0, repgsz: 0, svids: [] })).toBe(TIAACK.ok);
    clock.advance(10_000);
    expect(reports).toHaveLength(4);
    expect(clock.pending).toBe(0);
  });

  it('answers each bad request with its TIAACK and starts nothing', () => {
    const { clock, engine } = setup({ maxTraces: 1, maxSvids: 2 });
    const base = { trid: 1, dsper: '000001', totsmp: 10, repgsz: 1, svids: [1] };
    expect(engine.define({ ...base, svids: [1, 2, 1] })).toBe(TIAACK.tooManySvids);
    expect(engine.define({ ...base, dsper: '000000' })).toBe(TIAACK.invalidPeriod);
    expect(engine.define({ ...base, dsper: '1s' })).toBe(TIAACK.invalidPeriod);
    expect(engine.define({ ...base, svids: [1, 99] })).toBe(TIAACK.unknownSvid);
    expect(engine.define({ ...base, repgsz: 0 })).toBe(TIAACK.badRepgsz);
    expect(engine.define({ ...base, repgsz: 11 })).toBe(TIAACK.badRepgsz);
    expect(clock.pending).toBe(0);
    expect(engine.define(base)).toBe(TIAACK.ok);
    expect(engine.define({ ...base, trid: 2 })).toBe(TIAACK.noMoreTraces);
    expect(engine.define({ ...base, dsper: '000002' })).toBe(TIAACK.ok); // replacing is not "another"
    expect(TIAACK).toEqual({
      ok: 0,
      tooManySvids: 1,
      noMoreTraces: 2,
      invalidPeriod: 3,
      unknownSvid: 4,
      badRepgsz: 5,
    });
  });

  it('refuses a period below the configured minimum', () => {
    const { engine } = setup({ minPeriodMs: 100 });
    expect(engine.define({ trid: 1, dsper: '00000005', totsmp: 1, repgsz: 1, svids: [1] })).toBe(
      TIAACK.invalidPeriod,
    );
  });
});
