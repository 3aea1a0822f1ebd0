import { describe, expect, it } from 'vitest';
import { e10Metrics } from './e10-metrics.js';

const zero = {
  productive: 0,
  standby: 0,
  engineering: 0,
  'scheduled-down': 0,
  'unscheduled-down': 0,
  'non-scheduled': 0,
};

describe('e10Metrics', () => {
  it('leaves the operational ratios undefined when all time was non-scheduled', () => {
    const m = e10Metrics({ ...zero, 'non-scheduled': 3600 }, 0, 0);
    expect(m.totalS).toBe(3600);
    expect(m.operationsS).toBe(0);
    expect(m.availability).toBe(0);
    expect(m.utilisation).toBe(0);
    expect(m.operationalAvailability).toBeUndefined();
    expect(m.operationalUtilisation).toBeUndefined();
  });

  it('takes MTBF from failures in productive time only, MTTR from all failures', () => {
    // 10 h productive, 1 h down over 4 failures of which 2 interrupted production (E10 MTBFp, MTTR).
    const m = e10Metrics({ ...zero, productive: 36_000, 'unscheduled-down': 3600 }, 4, 2);
    expect(m.mtbfS).toBe(18_000);
    expect(m.mttrS).toBe(900);
    expect(m.downtimeS).toBe(3600);
  });
});
