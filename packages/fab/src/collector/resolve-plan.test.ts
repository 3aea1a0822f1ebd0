import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../config/default-plan.js';
import type { CollectionPlan } from '../config/fab-config-schema.js';
import { dsper, FIRST_RPTID, resolvePlan, type ToolNames } from './resolve-plan.js';

const NAMES: ToolNames = {
  variables: new Map([
    ['Clock', 1],
    ['LotId', 10],
    ['PairId', 11],
    ['ChangedEcid', 12],
    ['Gain', 20],
    ['Offset', 21],
  ]),
  events: new Map([
    ['LotStarted', 100],
    ['PairResult', 101],
    ['PlasmaStepEnded', 102],
    ['BonderStepEnded', 103],
    ['ConstantChanged', 104],
  ]),
  constants: [20, 21],
  svids: [1],
};

const plan = (p: Partial<CollectionPlan>): CollectionPlan => ({ ...DEFAULT_PLAN, trace: [], ...p });

describe('resolvePlan', () => {
  it('gives each event a report of the time variable and its variables; patterns match every event once', () => {
    const r = resolvePlan(
      plan({
        events: [
          { name: 'PairResult', variables: ['PairId', 'LotId', 'Clock'] },
          { name: '*StepEnded', variables: ['LotId'] },
          { name: 'BonderStepEnded', variables: ['PairId'] },
          { name: 'ConstantChanged', variables: ['ChangedEcid'] },
        ],
      }),
      NAMES,
    );
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.timeVid).toBe(1);
    expect(r.value.reports).toEqual([
      { rptid: FIRST_RPTID, ceid: 101, eventName: 'PairResult', vids: [1, 11, 10] },
      { rptid: FIRST_RPTID + 1, ceid: 102, eventName: 'PlasmaStepEnded', vids: [1, 10] },
      { rptid: FIRST_RPTID + 2, ceid: 103, eventName: 'BonderStepEnded', vids: [1, 10] },
      // A constant change carries every constant: the new value of the one that changed.
      { rptid: FIRST_RPTID + 3, ceid: 104, eventName: 'ConstantChanged', vids: [1, 12, 20, 21] },
    ]);
  });

  it('refuses every name the tool does not declare, naming where it is', () => {
    const r = resolvePlan(
      plan({
        timeVariable: 'Time',
        events: [
          { name: 'PairResult', variables: ['PairId', 'PairColour'] },
          { name: 'Lot*Paused', variables: [] },
        ],
        trace: [{ id: 1, variables: ['Pressure'], periodMs: 100, samples: 10, groupSize: 1 }],
      }),
      NAMES,
    );
    expect(r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}: ${i.message}`)).toEqual([
      'unknown-variable timeVariable: timeVariable: the tool declares no variable "Time"',
      'unknown-variable events[0].variables[1]: events[0].variables[1]: the tool declares no variable "PairColour"',
      'unknown-event events[1].name: events[1].name: the tool declares no event matching "Lot*Paused"',
      'unknown-variable trace[0].variables[0]: trace[0].variables[0]: the tool declares no variable "Pressure"',
    ]);
  });

  it('writes sample periods as E5 DSPER hhmmsscc', () => {
    expect(dsper(10)).toBe('00000001');
    expect(dsper(1500)).toBe('00000150');
    expect(dsper(3_723_450)).toBe('01020345');
  });
});
