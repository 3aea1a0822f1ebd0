// Remote commands of the binding over a real loopback HSMS connection with a Bondline GEM host: each
// runs its ToolControl call; refusals come back as E5 HCACK with a CPACK per refused parameter; outside
// ONLINE REMOTE nothing reaches the tool (E30 4.3: HCACK 2 in ONLINE LOCAL, S2F0 while offline).
import { A, GemHostError, U1, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmingFault, testCatalogue } from './gem-fixtures.test-util.js';
import { type GemRig, record, startGemRig, until } from './gem-rig.test-util.js';

let rig: GemRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The binding's first call applies the R2R constants; the tests look at what the commands call. */
function forgetBindCalls(r: GemRig): void {
  expect(r.tool.calls.splice(0)).toEqual(['setR2rOffsets {"Tx":0,"Ty":0,"Rot":0,"Mag":0}']);
}

async function online(): Promise<GemRig> {
  rig = await startGemRig();
  forgetBindCalls(rig);
  expect(await rig.host.requestOnline()).toBe(0);
  await rig.host.learnNames();
  return rig;
}

const lot = (lotId: string, pairs: number, ppid?: string) => [
  { name: 'LOTID', value: A(lotId) },
  { name: 'PAIRS', value: U4(pairs) },
  ...(ppid === undefined ? [] : [{ name: 'PPID', value: A(ppid) }]),
];

describe('remote commands in ONLINE REMOTE', () => {
  it('START, PAUSE, RESUME, STOP and ABORT call the tool; the processing state follows it', async () => {
    const r = await online();
    // PAIRS in any integer format that fits (here U1): hosts differ.
    const start = await r.host.command('START', [
      { name: 'LOTID', value: A('LOT7') },
      { name: 'PAIRS', value: U1(3) },
    ]);
    expect(start).toEqual({ hcack: 0, params: [] });
    expect(r.tool.calls.at(-1)).toBe('start {"lotId":"LOT7","recipe":"BOND-STD","pairs":3}');
    expect(r.equipment.processing.state).toBe('EXECUTING');
    expect(await r.host.command('PAUSE')).toEqual({ hcack: 4, params: [] });
    expect(r.equipment.processing.state).toBe('PAUSED');
    expect(await r.host.command('RESUME')).toEqual({ hcack: 0, params: [] });
    expect(await r.host.command('STOP')).toEqual({ hcack: 4, params: [] });
    expect(r.equipment.processing.state).toBe('STOPPING');
    expect(await r.host.command('ABORT')).toEqual({ hcack: 4, params: [] });
    expect(r.equipment.processing.state).toBe('ABORTING');
    expect(r.tool.calls.slice(1)).toEqual(['pause', 'resume', 'stop', 'abort']);
    expect(await r.host.readStatus(['LotId', 'LotPairs', 'ProcessStateName'])).toEqual({
      LotId: 'LOT7',
      LotPairs: 3,
      ProcessStateName: 'aborting',
    });
  });

  it('a command the tool cannot carry out now is HCACK 2', async () => {
    const r = await online();
    expect(await r.host.command('RESUME')).toEqual({ hcack: 2, params: [] }); // not paused
    expect(await r.host.command('STOP')).toEqual({ hcack: 2, params: [] }); // not running
    expect((await r.host.command('START', lot('LOT1', 2))).hcack).toBe(0);
    expect(await r.host.command('START', lot('LOT2', 2))).toEqual({ hcack: 2, params: [] }); // busy
  });

  it('START: an unknown recipe or a lot size the tool refuses is HCACK 3 with CPACK 2 on that parameter', async () => {
    const r = await online();
    expect(await r.host.command('START', lot('LOT1', 2, 'NO-SUCH'))).toEqual({
      hcack: 3,
      params: [{ name: 'PPID', cpack: 2 }],
    });
    expect(await r.host.command('START', lot('LOT1', 0))).toEqual({
      hcack: 3,
      params: [{ name: 'PAIRS', cpack: 2 }],
    });
    // secs' own checks: a parameter of the wrong format (CPACK 3), a missing required one (no CPACK).
    expect(
      await r.host.command('START', [
        { name: 'LOTID', value: U4(1) },
        { name: 'PAIRS', value: U4(1) },
      ]),
    ).toEqual({
      hcack: 3,
      params: [{ name: 'LOTID', cpack: 3 }],
    });
    expect(await r.host.command('START', [{ name: 'PAIRS', value: U4(1) }])).toEqual({
      hcack: 3,
      params: [],
    });
    // The selected recipe was removed from the tool: START without PPID cannot run now (no PPID to blame).
    r.tool.recipes.delete('BOND-STD');
    expect(await r.host.command('START', lot('LOT1', 2))).toEqual({ hcack: 2, params: [] });
    expect(r.tool.state.processState).toBe('idle');
  });

  it('PP-SELECT: a known recipe is selected (PPSelected, SelectedPPID); an unknown one is refused', async () => {
    const r = await online();
    expect(await r.host.defineReports([{ rptid: 1, vids: ['SelectedPPID'] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 4015, rptids: [1] }])).toBe(0);
    const events = record(r.host, 'event');
    expect(await r.host.command('PP-SELECT', [{ name: 'PPID', value: A('NO-SUCH') }])).toEqual({
      hcack: 3,
      params: [{ name: 'PPID', cpack: 2 }],
    });
    expect(await r.host.readStatus(['SelectedPPID'])).toEqual({ SelectedPPID: 'BOND-STD' });
    expect(await r.host.command('PP-SELECT', [{ name: 'PPID', value: A('CLEAN-LONG') }])).toEqual({
      hcack: 0,
      params: [],
    });
    await until(() => events.length === 1, 'PPSelected');
    expect(events[0]).toMatchObject({ name: 'PPSelected', values: { SelectedPPID: 'CLEAN-LONG' } });
    expect(await r.host.readStatus(['SelectedPPID'])).toEqual({ SelectedPPID: 'CLEAN-LONG' });
    // START without PPID runs the selected recipe.
    expect((await r.host.command('START', lot('LOT3', 1))).hcack).toBe(0);
    expect(r.tool.calls.at(-1)).toBe('start {"lotId":"LOT3","recipe":"CLEAN-LONG","pairs":1}');
  });

  it('CLEAR-ALARM clears every module alarm of the ALID; an ALID that is not set is CPACK 2', async () => {
    const r = await online();
    const fp = testCatalogue().find((f) => f.id === 'BD-ALIGN-017');
    if (fp === undefined) throw new Error('fixture');
    r.tool.raise(alarmingFault(fp, 'BD1'));
    expect(await r.host.command('CLEAR-ALARM', [{ name: 'ALID', value: U4(40101) }])).toEqual({
      hcack: 3,
      params: [{ name: 'ALID', cpack: 2 }],
    });
    expect(await r.host.command('CLEAR-ALARM', [{ name: 'ALID', value: U4(70117) }])).toEqual({
      hcack: 0,
      params: [],
    });
    expect(r.tool.calls.at(-1)).toBe('clearAlarm BD-ALIGN-017');
    expect(r.equipment.alarmSet.size).toBe(0);
  });
});

describe('remote commands outside ONLINE REMOTE (E30 4.3)', () => {
  it('ONLINE LOCAL: HCACK 2 and the tool is never asked', async () => {
    const r = await online();
    r.equipment.setRemote(false);
    expect(r.equipment.control.state).toBe('online-local');
    for (const [name, params] of [
      ['START', lot('LOT1', 2)],
      ['STOP', []],
      ['PAUSE', []],
      ['RESUME', []],
      ['ABORT', []],
      ['PP-SELECT', [{ name: 'PPID', value: A('CLEAN-LONG') }]],
      ['CLEAR-ALARM', [{ name: 'ALID', value: U4(70117) }]],
    ] as const)
      expect(await r.host.command(name, params)).toEqual({ hcack: 2, params: [] });
    expect((await r.host.enhancedCommand('HB1', 'START', lot('LOT1', 2))).hcack).toBe(2);
    expect(r.tool.calls).toEqual([]);
  });

  it('OFFLINE (host off-line, equipment off-line): S2F41 is answered with S2F0 and the tool is never asked', async () => {
    rig = await startGemRig();
    const r = rig;
    forgetBindCalls(r);
    expect(r.equipment.control.state).toBe('host-offline');
    await expect(r.host.command('START', lot('LOT1', 2))).rejects.toMatchObject({ code: 'aborted' });
    expect(await r.host.requestOnline()).toBe(0);
    r.equipment.operatorOffline();
    expect(r.equipment.control.state).toBe('equipment-offline');
    const refused = await r.host.command('STOP').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GemHostError);
    expect(refused).toMatchObject({ code: 'aborted' });
    expect(r.tool.calls).toEqual([]);
  });
});

describe('process programs', () => {
  it('pass through the recipe store the equipment was given (S7F3, S7F19, S7F5)', async () => {
    const r = await online();
    const body = new TextEncoder().encode('name: HOST-1\n');
    expect(await r.host.sendRecipe('HOST-1', body)).toBe(0);
    expect(await r.host.listRecipes()).toEqual(['HOST-1']);
    expect(await r.host.downloadRecipe('HOST-1')).toEqual(body);
  });
});
