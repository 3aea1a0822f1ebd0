// The binding's collection events over a real loopback HSMS connection with a Bondline GEM host: the
// host defines reports, links and enables them, starts a lot, and receives each event with its data.
import { A, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LotSummary } from '../controller/tool-api.js';
import { testPair } from './gem-fixtures.test-util.js';
import { type GemRig, record, startGemRig, startOnlineRig, until } from './gem-rig.test-util.js';

let rig: GemRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A rig whose host is ONLINE REMOTE with the names learned. */
async function online(): Promise<GemRig> {
  rig = await startOnlineRig();
  expect(rig.equipment.control.state).toBe('online-remote');
  return rig;
}

const ceid = (r: GemRig, name: string): number => {
  const e = r.model.events.find((x) => x.name === name);
  if (e === undefined) throw new Error(`no event ${name}`);
  return e.id;
};

const SUMMARY: LotSummary = {
  lotId: 'LOT1',
  recipe: 'BOND-STD',
  pairs: 1,
  yield: 0.875,
  pairsPerHour: 21.5,
  boundPairsPerHour: 22,
  bottleneck: 'BD1',
  modules: [],
  fillS: 420,
  drainS: 300,
  startedS: 0,
  endedS: 1020,
  outcome: 'completed',
};

describe('collection events', () => {
  it('a lot: LotStarted, a bonder step, PairResult with its summary, LotEnded, each with its report', async () => {
    const r = await online();
    expect(
      await r.host.defineReports([
        { rptid: 1, vids: ['LotId', 'LotRecipe', 'LotPairs'] },
        {
          rptid: 2,
          vids: ['StepModule', 'StepSubstrates', 'StepDurationS', 'StepBondForce', 'BD1ChuckTemperature'],
        },
        {
          rptid: 3,
          vids: [
            'PairId',
            'TopId',
            'BottomId',
            'StackId',
            'PairYield',
            'OverlayTx',
            'OverlayTy',
            'OverlayRot',
            'OverlayMag',
          ],
        },
        {
          rptid: 4,
          vids: ['OverlayXM3s', 'OverlayYM3s', 'VoidCount', 'PairAlarms', 'StackSlot', 'PairsDone'],
        },
        {
          rptid: 5,
          vids: ['LotId', 'LotPairsDone', 'LotYield', 'LotPairsPerHour', 'LotBottleneck', 'LotOutcome'],
        },
      ]),
    ).toBe(0);
    const links = [
      { ceid: ceid(r, 'LotStarted'), rptids: [1] },
      { ceid: ceid(r, 'BonderStepEnded'), rptids: [2] },
      { ceid: ceid(r, 'PairResult'), rptids: [3, 4] },
      { ceid: ceid(r, 'LotEnded'), rptids: [5] },
    ];
    expect(await r.host.linkEvents(links)).toBe(0);
    // Only the linked events: the rest (steps of other kinds, moves, state changes) would flood this test.
    expect(await r.host.enableEvents(false)).toBe(0);
    expect(
      await r.host.enableEvents(
        true,
        links.map((l) => l.ceid),
      ),
    ).toBe(0);
    const events = record(r.host, 'event');

    const reply = await r.host.command('START', [
      { name: 'LOTID', value: A('LOT1') },
      { name: 'PAIRS', value: U4(1) },
      { name: 'PPID', value: A('BOND-STD') },
    ]);
    expect(reply).toEqual({ hcack: 0, params: [] });
    expect(r.tool.calls).toContain('start {"lotId":"LOT1","recipe":"BOND-STD","pairs":1}');
    const t = r.tool;
    t.emit('step-started', {
      moduleId: 'BD1',
      kind: 'bonder',
      substrateIds: ['LOT1-T01', 'LOT1-B01'],
      atS: 300,
    });
    t.emit('step-ended', {
      moduleId: 'BD1',
      kind: 'bonder',
      substrateIds: ['LOT1-T01', 'LOT1-B01'],
      atS: 372.5,
      durationS: 72.5,
      trace: { bondForceN: 5012.5, chamberPressurePa: 0.002, chuckTemperatureC: 23.25 },
    });
    // BD-DRIFT-002 is silent: it acted on the pair but must not leave the tool over GEM.
    t.emit('pair-result', testPair('LOT1', 1, ['BD-ALIGN-017', 'BD-DRIFT-002']));
    t.endLot(SUMMARY);
    await until(() => events.length === 4, 'four events');

    expect(events.map((e) => e.name)).toEqual(['LotStarted', 'BonderStepEnded', 'PairResult', 'LotEnded']);
    expect(events[0]?.values).toEqual({ LotId: 'LOT1', LotRecipe: 'BOND-STD', LotPairs: 1 });
    expect(events[1]?.values).toEqual({
      StepModule: 'BD1',
      StepSubstrates: 'LOT1-T01,LOT1-B01',
      StepDurationS: 72.5,
      StepBondForce: 5012.5,
      BD1ChuckTemperature: 23.25,
    });
    // testPair: sites dx 1, -1, 2, 2 (|mean| + 3 sigma = 1 + 3 sqrt 2), dy -2, 2, 2, -2 (0 + 3 sqrt(16/3)).
    expect(events[2]?.values).toEqual({
      PairId: 'LOT1-P01',
      TopId: 'LOT1-T01',
      BottomId: 'LOT1-B01',
      StackId: 'LOT1-S01',
      PairYield: 0.875,
      OverlayTx: 12.5,
      OverlayTy: -3.25,
      OverlayRot: 0.125,
      OverlayMag: -0.0625,
      OverlayXM3s: 1 + 3 * Math.SQRT2,
      OverlayYM3s: 3 * Math.sqrt(16 / 3),
      VoidCount: 1,
      PairAlarms: 'BD-ALIGN-017',
      StackSlot: 'LOT1-STACK:1',
      PairsDone: 1,
    });
    expect(events[3]?.values).toEqual({
      LotId: 'LOT1',
      LotPairsDone: 1,
      LotYield: 0.875,
      LotPairsPerHour: 21.5,
      LotBottleneck: 'BD1',
      LotOutcome: 'completed',
    });
    expect(
      await r.host.readStatus(['LastPairId', 'LastPairYield', 'LastVoidCount', 'PairsDoneTotal']),
    ).toEqual({
      LastPairId: 'LOT1-P01',
      LastPairYield: 0.875,
      LastVoidCount: 1,
      PairsDoneTotal: 1,
    });
    expect(r.issues).toEqual([]);
  });

  it('state changes: processing state, module and E10 states, substrate moves, with the status variables', async () => {
    const r = await online();
    expect(
      await r.host.defineReports([
        { rptid: 1, vids: ['ProcessState', 'PreviousProcessState', 'ProcessStateFrom', 'ProcessStateTo'] },
        { rptid: 2, vids: ['StateModule', 'ModuleStateFrom', 'ModuleStateTo', 'ToolTimeS'] },
        { rptid: 3, vids: ['E10Entity', 'E10From', 'E10To'] },
        { rptid: 4, vids: ['MovedSubstrate', 'MovedFrom', 'MovedTo', 'PL1Substrates'] },
      ]),
    ).toBe(0);
    const names = ['ProcessStateChanged', 'ModuleStateChanged', 'E10StateChanged', 'SubstrateMoved'];
    expect(await r.host.linkEvents(names.map((n, i) => ({ ceid: ceid(r, n), rptids: [i + 1] })))).toBe(0);
    expect(await r.host.enableEvents(false)).toBe(0);
    expect(
      await r.host.enableEvents(
        true,
        names.map((n) => ceid(r, n)),
      ),
    ).toBe(0);
    const events = record(r.host, 'event');
    const t = r.tool;
    t.move('setup');
    t.emit('module-state', { moduleId: 'PL1', from: 'idle', to: 'busy', atS: 12.5 });
    t.emit('e10-state', { entity: 'PL1', from: 'standby', to: 'productive', atS: 12.5 });
    t.emit('e10-state', { entity: 'HB1', from: 'standby', to: 'productive', atS: 12.5 });
    const pl1 = t.state.modules.find((m) => m.id === 'PL1');
    if (pl1 !== undefined) pl1.substrateIds = ['LOT1-T01'];
    t.emit('substrate-moved', {
      substrateId: 'LOT1-T01',
      from: { carrier: 'LOT1-TOP', slot: 1 },
      to: { module: 'PL1' },
      atS: 13,
    });
    // A module the configuration lacks: reported once, no event.
    t.emit('module-state', { moduleId: 'XX9', from: 'idle', to: 'busy', atS: 14 });
    t.emit('module-state', { moduleId: 'XX9', from: 'busy', to: 'idle', atS: 15 });
    await until(() => events.length === 5, 'five events');

    expect(events.map((e) => [e.name, e.values])).toEqual([
      [
        'ProcessStateChanged',
        { ProcessState: 1, PreviousProcessState: 0, ProcessStateFrom: 'idle', ProcessStateTo: 'setup' },
      ],
      [
        'ModuleStateChanged',
        { StateModule: 'PL1', ModuleStateFrom: 'idle', ModuleStateTo: 'busy', ToolTimeS: 12.5 },
      ],
      ['E10StateChanged', { E10Entity: 'PL1', E10From: 'standby', E10To: 'productive' }],
      ['E10StateChanged', { E10Entity: 'HB1', E10From: 'standby', E10To: 'productive' }],
      [
        'SubstrateMoved',
        { MovedSubstrate: 'LOT1-T01', MovedFrom: 'LOT1-TOP:1', MovedTo: 'PL1', PL1Substrates: 'LOT1-T01' },
      ],
    ]);
    expect(
      await r.host.readStatus([
        'ProcessStateName',
        'PL1State',
        'PL1E10State',
        'ToolE10State',
        'BD1State',
        'ToolTimeS',
      ]),
    ).toEqual({
      ProcessStateName: 'setup',
      PL1State: 'busy',
      PL1E10State: 'productive',
      ToolE10State: 'productive',
      BD1State: 'idle',
      ToolTimeS: 13,
    });
    expect(r.issues.map((i) => i.code)).toEqual(['unknown-module']);
  });

  it('unbind stops following the tool', async () => {
    rig = await startGemRig();
    expect(rig.tool.subscribers('pair-result')).toBe(1);
    rig.binding.unbind();
    expect(rig.tool.subscribers('pair-result')).toBe(0);
    expect(rig.tool.subscribers('alarm')).toBe(0);
  });
});
