import { describe, expect, it } from 'vitest';
import type { EventRecord, PairRecord, TraceSampleRecord } from '../../store/records.js';
import { assembleRuns } from './step-runs.js';
import { deriveStepWindows } from './step-windows.js';

let dataId = 1;
function event(name: string, atMs: number, module: string, substrates: string): EventRecord {
  return {
    type: 'event',
    toolId: 'B1',
    dataId: dataId++,
    ceid: 4100,
    name,
    equipmentTimeMs: atMs,
    receivedTimeMs: atMs + 3,
    data: { StepModule: module, StepSubstrates: substrates, ToolTimeS: atMs / 1000 },
  };
}

const pair: PairRecord = {
  type: 'pair',
  id: 'P1',
  toolId: 'B1',
  lotId: 'L1',
  slot: 1,
  recipe: 'BOND-STD',
  topId: 'W-T',
  bottomId: 'W-B',
  stackId: 'W-S',
  startedMs: 0,
};

function sample(atMs: number, values: Record<string, number | string>): TraceSampleRecord {
  return {
    type: 'trace',
    toolId: 'B1',
    traceId: 1,
    sampleNo: atMs,
    equipmentTimeMs: atMs,
    receivedTimeMs: atMs,
    values,
  };
}

describe('deriveStepWindows and assembleRuns', () => {
  // A pair as a Bondline bonder reports it (docs/tool.md §7.6): plasma of the top wafer, an alarm that
  // stopped the bottom wafer's first plasma (a start without an end), its redo, the bond of both, the
  // inspection of the stack, and robot moves of other wafers.
  const events = [
    event('PlasmaStepStarted', 1000, 'PL1', 'W-T'),
    event('PlasmaStepEnded', 4000, 'PL1', 'W-T'),
    event('PlasmaStepStarted', 5000, 'PL1', 'W-B'),
    event('PlasmaStepStarted', 6000, 'PL1', 'W-B'),
    event('PlasmaStepEnded', 9000, 'PL1', 'W-B'),
    event('RobotStepStarted', 9500, 'TR1', 'X-1'),
    event('RobotStepEnded', 9600, 'TR1', 'X-1'),
    event('BonderStepEnded', 9700, 'BD1', 'W-T,W-B'),
    event('BonderStepStarted', 10_000, 'BD1', 'W-T,W-B'),
    event('BonderStepEnded', 20_000, 'BD1', 'W-T,W-B'),
    event('InspectionStepStarted', 21_000, 'IN1', 'W-S'),
    event('InspectionStepEnded', 25_000, 'IN1', 'W-S'),
  ];

  it('matches starts and ends per module, names steps by kind and wafer, and says what it skipped', () => {
    const w = deriveStepWindows([...events].reverse(), [pair]);
    expect(w.windows.map((x) => [x.step, x.moduleId, x.startMs, x.endMs, x.pairId, x.recipe])).toEqual([
      ['plasma.top', 'PL1', 1000, 4000, 'P1', 'BOND-STD'],
      ['plasma.bottom', 'PL1', 6000, 9000, 'P1', 'BOND-STD'],
      ['bonder', 'BD1', 10_000, 20_000, 'P1', 'BOND-STD'],
      ['inspection', 'IN1', 21_000, 25_000, 'P1', 'BOND-STD'],
    ]);
    expect(w.skipped.map((s) => [s.name, s.equipmentTimeMs, s.reason])).toEqual([
      ['PlasmaStepStarted', 5000, 'no-end'],
      ['RobotStepEnded', 9600, 'no-pair'],
      ['BonderStepEnded', 9700, 'no-start'],
    ]);
    expect(deriveStepWindows(events, [pair], { kinds: ['bonder'] }).windows.map((x) => x.step)).toEqual([
      'bonder',
    ]);
  });

  it("takes each step's samples of its own module inside its window, named without the module id", () => {
    const { windows } = deriveStepWindows(events, [pair]);
    const samples = [
      sample(500, { PL1ChamberPressure: 1 }),
      sample(1000, { PL1ChamberPressure: 50, PL10ChamberPressure: 9, BD1BondForce: 7, PL1Note: 'x' }),
      sample(4000, { PL1ChamberPressure: 52 }),
      sample(4500, { PL1ChamberPressure: 99 }),
      sample(12_000, { BD1BondForce: 5, BD1ChamberPressure: 101_325, PL1ChamberPressure: 3 }),
    ];
    const runs = assembleRuns(windows, [...samples].reverse());
    expect(runs).toHaveLength(1);
    const r = runs[0];
    expect(r?.steps.map((s) => s.step)).toEqual(['plasma.top', 'plasma.bottom', 'bonder', 'inspection']);
    expect(r?.steps[0]?.traces).toEqual({ ChamberPressure: { timesMs: [1000, 4000], values: [50, 52] } });
    expect(r?.steps[1]?.traces).toEqual({});
    expect(r?.steps[2]?.traces).toEqual({
      BondForce: { timesMs: [12_000], values: [5] },
      ChamberPressure: { timesMs: [12_000], values: [101_325] },
    });
  });
});
