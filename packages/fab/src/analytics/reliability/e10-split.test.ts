// The E10 split rebuilt from stored events, against docs/tool.md §6's worked timeline (20 h of a module:
// 9 h productive, 4 h standby, 1 h engineering, 2 h scheduled down, 2 h unscheduled down in three
// failures, two of them interrupting production, 2 h non-scheduled: MTBF 4.5 h, MTTR 40 min,
// availability 0.70, operational 14/18, utilisation 0.45), and OEE per SEMI E79 computed by hand.
import type { E10State } from '@bondline/secs';
import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../store/records.js';
import { e10Split, oee } from './e10-split.js';

const H = 3600;
let dataId = 0;
function move(entity: string, from: E10State, to: E10State, hours: number): EventRecord {
  dataId++;
  return {
    type: 'event',
    toolId: 'BD-1',
    dataId,
    ceid: 4041,
    name: 'E10StateChanged',
    // Equipment time runs at a tenth of tool time, as a tool paced 10× faster than real time.
    equipmentTimeMs: 1_800_000_000_000 + hours * 360_000,
    receivedTimeMs: 1_800_000_000_000 + hours * 360_000,
    data: { E10Entity: entity, E10From: from, E10To: to, ToolTimeS: hours * H },
  };
}

const worked: EventRecord[] = [
  move('PL1', 'standby', 'productive', 0),
  move('PL1', 'productive', 'unscheduled-down', 4),
  move('PL1', 'unscheduled-down', 'productive', 4.5),
  move('PL1', 'productive', 'unscheduled-down', 9.5),
  move('PL1', 'unscheduled-down', 'standby', 10.5),
  move('PL1', 'standby', 'engineering', 14.5),
  move('PL1', 'engineering', 'unscheduled-down', 15.5),
  move('PL1', 'unscheduled-down', 'scheduled-down', 16),
  move('PL1', 'scheduled-down', 'non-scheduled', 18),
  move('PL1', 'non-scheduled', 'standby', 20),
];

describe('e10Split', () => {
  it("gives the worked timeline's figures, in tool time", () => {
    const events = [
      ...worked,
      move('BD-1', 'standby', 'productive', 0),
      move('BD-1', 'productive', 'standby', 20),
      { ...move('BD-1', 'standby', 'standby', 3), name: 'ProcessStateChanged' },
    ].reverse();
    const s = e10Split(events, new Set(['PL1']));
    expect(s).toMatchObject({ clock: 'tool', periodS: 20 * H, moves: 12, skipped: 0 });
    expect(s.toolEntity).toBe('BD-1');
    expect(s.entities.map((e) => e.entity)).toEqual(['BD-1', 'PL1']);
    const pl1 = s.entities[1];
    expect(pl1?.gaps).toBe(0);
    expect(pl1?.state).toBe('standby');
    const m = pl1?.metrics;
    expect(m?.times).toEqual({
      productive: 9 * H,
      standby: 4 * H,
      engineering: 1 * H,
      'scheduled-down': 2 * H,
      'unscheduled-down': 2 * H,
      'non-scheduled': 2 * H,
    });
    expect(m?.failures).toBe(3);
    expect(m?.mtbfS).toBeCloseTo(4.5 * H, 9);
    expect(m?.mttrS).toBeCloseTo(40 * 60, 9);
    expect(m?.availability).toBeCloseTo(0.7, 12);
    expect(m?.operationalAvailability).toBeCloseTo(14 / 18, 12);
    expect(m?.utilisation).toBeCloseTo(0.45, 12);
    expect(s.entities[0]?.metrics.times.productive).toBe(20 * H);
  });

  it('times the moves by equipment time when asked', () => {
    const s = e10Split(worked, new Set(['PL1']), 'equipment');
    expect(s.periodS).toBeCloseTo(2 * H, 6);
    expect(s.entities[0]?.metrics.times.productive).toBeCloseTo(0.9 * H, 6);
  });

  it('counts a lost event as a gap and takes the state the tool reports', () => {
    // productive -> standby at 10 h was lost: the next move leaves standby.
    const s = e10Split(
      [
        move('PL2', 'standby', 'productive', 0),
        move('PL2', 'standby', 'engineering', 10),
        move('PL2', 'engineering', 'standby', 20),
      ],
      new Set(['PL2']),
    );
    const pl2 = s.entities[0];
    expect(pl2?.gaps).toBe(1);
    expect(pl2?.metrics.times.productive).toBe(10 * H);
    expect(pl2?.metrics.times.engineering).toBe(10 * H);
  });

  it('skips events without the fields of a move', () => {
    const bad = {
      ...move('PL1', 'standby', 'productive', 1),
      data: { E10Entity: 'PL1', E10From: 'asleep', E10To: 'productive' },
    };
    const s = e10Split([bad], new Set(['PL1']));
    expect(s).toMatchObject({ moves: 0, skipped: 1, periodS: 0, entities: [] });
  });
});

describe('oee (SEMI E79)', () => {
  it('multiplies the four efficiencies', () => {
    const pl1 = e10Split(worked, new Set()).entities[0]?.metrics;
    if (pl1 === undefined) throw new Error('no PL1');
    // 200 pairs, 180 effective, 151 s a pair at the bound (docs/tool.md §2's BOND-STD period).
    const o = oee({ tool: pl1, units: 200, effectiveUnits: 180, theoreticalCycleS: 151 });
    expect(o.availabilityEfficiency).toBeCloseTo(14 / 20, 12);
    expect(o.operationalEfficiency).toBeCloseTo(9 / 14, 12);
    expect(o.rateEfficiency).toBeCloseTo((200 * 151) / (9 * H), 12);
    expect(o.qualityEfficiency).toBeCloseTo(0.9, 12);
    // 180 × 151 s / 72,000 s = 0.3775.
    expect(o.oee).toBeCloseTo(0.3775, 12);
    const product =
      (o.availabilityEfficiency ?? 0) *
      (o.operationalEfficiency ?? 0) *
      (o.rateEfficiency ?? 0) *
      (o.qualityEfficiency ?? 0);
    expect(product).toBeCloseTo(0.3775, 12);
  });

  it('leaves out what has no denominator', () => {
    expect(e10Split([], new Set()).entities).toEqual([]);
    const pl1 = e10Split(worked, new Set()).entities[0]?.metrics;
    if (pl1 === undefined) throw new Error('no PL1');
    const none = oee({
      tool: pl1,
      units: 0,
      effectiveUnits: 0,
      theoreticalCycleS: 151,
    });
    expect(none.qualityEfficiency).toBeUndefined();
    expect(none.oee).toBe(0);
  });
});
