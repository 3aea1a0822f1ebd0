import type { E10Times } from '@bondline/secs';
import { describe, expect, it } from 'vitest';
import { alarmRule } from '../drivers/sim/scripted-faults.test-util.js';
import { harness, runToEnd } from './controller-harness.test-util.js';
import type { E10State, ToolEventMap } from './tool-api.js';

/** Seconds per E10 state of `entity`, summed from its e10-state events up to `endS` (the events alone, not the tracker). */
function timesFromEvents(
  events: ToolEventMap['e10-state'][],
  entity: string,
  endS: number,
): { times: E10Times; failures: number } {
  const times: E10Times = {
    productive: 0,
    standby: 0,
    engineering: 0,
    'scheduled-down': 0,
    'unscheduled-down': 0,
    'non-scheduled': 0,
  };
  let state: E10State = 'standby';
  let sinceS = 0;
  let failures = 0;
  for (const e of events.filter((x) => x.entity === entity)) {
    times[state] += e.atS - sinceS;
    state = e.to;
    sinceS = e.atS;
    if (e.to === 'unscheduled-down') failures++;
  }
  times[state] += endS - sinceS;
  return { times, failures };
}

describe('ToolController E10 figures (docs/tool.md §6)', () => {
  it('counts operator-clear and maintenance alarms as failures and auto-retry alarms as assists', async () => {
    const h = harness({
      operator: 'simulated',
      faults: [
        alarmRule('PL1', 5, 'auto-retry', 120),
        alarmRule('CL1', 4, 'operator-clear', 300),
        alarmRule('BD1', 3, 'maintenance', 600),
      ],
    });
    const summary = await runToEnd(h, 'E1', 8);
    expect(
      h
        .of('alarm')
        .filter((a) => a.set)
        .map((a) => a.fault.faultId)
        .sort(),
    ).toEqual(['BD1-TEST', 'CL1-TEST', 'PL1-TEST']);
    const figures = h.tool.e10Figures();
    const of = (id: string) => figures.modules.find((m) => m.entity === id)?.metrics;
    const e10 = h.of('e10-state');

    // The retried plasma alarm: no failure, no downtime.
    expect(of('PL1')).toMatchObject({ failures: 0, mttrS: undefined, downtimeS: 0 });
    // The operator's clear after 300 s: one failure that interrupted production, MTTR 300 s.
    expect(of('CL1')).toMatchObject({ failures: 1, productiveFailures: 1 });
    expect(of('CL1')?.mttrS).toBeCloseTo(300, 9);
    // The maintenance of 600 s: one failure, all of it unscheduled down.
    expect(of('BD1')).toMatchObject({ failures: 1, productiveFailures: 1 });
    expect(of('BD1')?.mttrS).toBeCloseTo(600, 9);

    // Every entity's figures are E10's formulas over the time its e10-state events put in each state.
    const endS = h.clock.nowS;
    for (const f of [figures.tool, ...figures.modules]) {
      const fromEvents = timesFromEvents(e10, f.entity, endS);
      for (const [state, s] of Object.entries(fromEvents.times))
        expect(f.metrics.times[state as E10State]).toBeCloseTo(s, 6);
      expect(f.metrics.failures).toBe(fromEvents.failures);
      expect(f.metrics.totalS).toBeCloseTo(endS, 6);
      expect(f.metrics.availability).toBeCloseTo(1 - f.metrics.downtimeS / endS, 9);
      expect(f.metrics.utilisation).toBeCloseTo(f.metrics.times.productive / endS, 9);
    }
    // The tool is down while CL1 or BD1 is (the two failures may overlap), never for PL1's retry.
    expect(figures.tool.metrics.failures).toBeGreaterThanOrEqual(1);
    expect(figures.tool.metrics.times['unscheduled-down']).toBeGreaterThanOrEqual(600);
    expect(figures.tool.metrics.times['unscheduled-down']).toBeLessThanOrEqual(900 + 1e-9);
    expect(summary.outcome).toBe('completed');
    // status() carries the same figures.
    expect(h.tool.status().e10Figures?.modules.find((m) => m.entity === 'CL1')?.metrics.failures).toBe(1);
  });
});
