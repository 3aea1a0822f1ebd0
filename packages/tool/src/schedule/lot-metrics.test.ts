import { describe, expect, it } from 'vitest';
import { BusyLog } from './busy-log.js';
import { fillDrain, resourceBusy, steadyPairsPerHour, steadyWindow } from './lot-metrics.js';

describe('BusyLog', () => {
  it('counts overlapping spans once and clips to the window', () => {
    const b = new BusyLog();
    b.add(0, 10);
    b.add(5, 12);
    b.add(20, 30);
    b.add(25, 25);
    expect(b.busyWithin(0, 100)).toBe(22);
    expect(b.busyWithin(8, 22)).toBe(6);
    expect(b.busyWithin(12, 20)).toBe(0);
  });
});

describe('lot metrics', () => {
  const t = { startedS: 0, endedS: 1000, firstDoneS: 300, bondStartsS: [100, 200, 300, 400, 500, 600, 700] };

  it('puts the steady state between the first pair done and the last bond start', () => {
    expect(steadyWindow(t)).toEqual({ fromS: 300, toS: 700, steady: true });
    expect(fillDrain(t)).toEqual({ fillS: 300, drainS: 300 });
  });

  it('measures the steady rate from the bond starts inside the window', () => {
    // Bonds at 300, 400, ..., 700: one every 100 s, 36 pairs per hour.
    expect(steadyPairsPerHour(t, steadyWindow(t), 7)).toBeCloseTo(36, 12);
  });

  it('falls back to the whole lot when there is no steady state', () => {
    const one = { startedS: 0, endedS: 1800, firstDoneS: 1500, bondStartsS: [900] };
    expect(steadyWindow(one)).toEqual({ fromS: 0, toS: 1800, steady: false });
    expect(steadyPairsPerHour(one, steadyWindow(one), 1)).toBe(2);
  });

  it('reads a resource by module id or by kind (mean over parallel modules)', () => {
    const modules = [
      { id: 'CL1', kind: 'clean' as const, busyFraction: 0.9 },
      { id: 'CL2', kind: 'clean' as const, busyFraction: 0.7 },
      { id: 'TR1', kind: 'robot' as const, busyFraction: 0.5 },
    ];
    expect(resourceBusy('CL2', modules)).toBe(0.7);
    expect(resourceBusy('clean', modules)).toBeCloseTo(0.8, 12);
    expect(resourceBusy('robot', modules)).toBe(0.5);
    expect(resourceBusy('bonder', modules)).toBeUndefined();
  });
});
