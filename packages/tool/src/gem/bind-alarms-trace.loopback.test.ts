// Alarms (S5F1 with the AlarmSet / AlarmCleared events) and trace data (S2F23 -> S6F1) of the binding
// over a real loopback HSMS connection with a Bondline GEM host.
import { FakeClock } from '@bondline/secs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmingFault, testCatalogue } from './gem-fixtures.test-util.js';
import { type GemRig, record, startGemRig, startOnlineRig, until } from './gem-rig.test-util.js';

let rig: GemRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const fault = (id: string, moduleId: string) => {
  const fp = testCatalogue().find((f) => f.id === id);
  if (fp === undefined) throw new Error(`no fault ${id}`);
  return alarmingFault(fp, moduleId);
};

describe('alarms', () => {
  it('a fault sets its ALID (S5F1, ALCD bit 8 + category) with AlarmSet data; its recovery clears it', async () => {
    rig = await startOnlineRig();
    const r = rig;
    expect(
      await r.host.defineReports([
        { rptid: 1, vids: ['AlarmFaultId', 'AlarmModule', 'AlarmAlid', 'ActiveAlarmCount'] },
      ]),
    ).toBe(0);
    expect(
      await r.host.linkEvents([
        { ceid: 4043, rptids: [1] },
        { ceid: 4044, rptids: [1] },
      ]),
    ).toBe(0);
    expect(await r.host.enableEvents(false)).toBe(0);
    expect(await r.host.enableEvents(true, [4043, 4044])).toBe(0);
    const alarms = record(r.host, 'alarm');
    const events = record(r.host, 'event');

    r.tool.raise(fault('BD-ALIGN-017', 'BD1'));
    await until(() => alarms.length === 1 && events.length === 1, 'S5F1 and AlarmSet');
    expect(alarms[0]).toEqual({
      alcd: 0x84,
      alid: 70117,
      altx: 'BD-ALIGN-017 alignment mark not found after all retries',
      set: true,
    });
    expect(events[0]?.values).toEqual({
      AlarmFaultId: 'BD-ALIGN-017',
      AlarmModule: 'BD1',
      AlarmAlid: 70117,
      ActiveAlarmCount: 1,
    });
    expect(await r.host.readStatus(['AlarmsSet'])).toEqual({ AlarmsSet: [70117] });

    r.tool.clear(fault('BD-ALIGN-017', 'BD1'));
    await until(() => alarms.length === 2 && events.length === 2, 'S5F1 cleared and AlarmCleared');
    expect(alarms[1]).toMatchObject({ alcd: 0x04, alid: 70117, set: false });
    expect(events[1]?.name).toBe('AlarmCleared');
    expect(events[1]?.values).toMatchObject({ ActiveAlarmCount: 0 });
    expect(await r.host.readStatus(['AlarmsSet'])).toEqual({ AlarmsSet: [] });
  });

  it('one fault point in two modules: one S5F1 each way, the ALID set until both are cleared', async () => {
    rig = await startOnlineRig();
    const r = rig;
    expect(await r.host.defineReports([{ rptid: 1, vids: ['AlarmModule', 'ActiveAlarmCount'] }])).toBe(0);
    expect(
      await r.host.linkEvents([
        { ceid: 4043, rptids: [1] },
        { ceid: 4044, rptids: [1] },
      ]),
    ).toBe(0);
    const alarms = record(r.host, 'alarm');
    const events = record(r.host, 'event');
    r.tool.raise(fault('PL-RF-001', 'PL1'));
    r.tool.raise(fault('PL-RF-001', 'PL2'));
    r.tool.clear(fault('PL-RF-001', 'PL1'));
    await until(() => events.length === 3, 'three alarm events');
    expect(await r.host.readStatus(['AlarmsSet'])).toEqual({ AlarmsSet: [40101] });
    r.tool.clear(fault('PL-RF-001', 'PL2'));
    await until(() => events.length === 4 && alarms.length === 2, 'the last clear');
    expect(alarms.map((a) => [a.alid, a.set])).toEqual([
      [40101, true],
      [40101, false],
    ]);
    expect(events.map((e) => [e.name, e.values.AlarmModule, e.values.ActiveAlarmCount])).toEqual([
      ['AlarmSet', 'PL1', 1],
      ['AlarmSet', 'PL2', 2],
      ['AlarmCleared', 'PL1', 1],
      ['AlarmCleared', 'PL2', 0],
    ]);
    // PL2 is not in the test configuration: the alarm is the fault's all the same, nothing else reported.
    expect(r.issues).toEqual([]);
  });

  it('an ALID the model lacks (a catalogue other than the model’s) is reported once, nothing sent', async () => {
    rig = await startGemRig();
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    const alarms = record(r.host, 'alarm');
    const stray = { ...fault('PL-RF-001', 'PL1'), faultId: 'PL-RF-999', alid: 49999 };
    r.tool.raise(stray);
    r.tool.clear(stray);
    r.tool.raise(fault('PL-RF-001', 'PL1'));
    await until(() => alarms.length === 1, 'the known alarm');
    expect(alarms.map((a) => a.alid)).toEqual([40101]);
    expect(r.issues.map((i) => i.code)).toEqual(['unknown-alarm']);
  });

  it('an alarm set before the binding started is set in GEM at bind time', async () => {
    rig = await startGemRig({ prepare: (t) => t.state.activeAlarms.push(fault('CL-SPIN-003', 'CL1')) });
    expect(rig.equipment.alarmSet.has(50103)).toBe(true);
    expect(rig.equipment.vars.get(rig.equipment.vars.resolve('ActiveAlarmCount') ?? 0)).toBe(1);
  });
});

describe('trace data', () => {
  it('S2F23 on trace status variables: each S6F1 sample carries the values the tool reported last', async () => {
    const clock = new FakeClock();
    rig = await startOnlineRig({ clock });
    const r = rig;
    const traces = record(r.host, 'trace');
    const svids = [
      'BD1BondForce',
      'BD1ChamberPressure',
      'BD1ChuckTemperature',
      'PL1RfForwardPower',
      'PL1RfReflectedPower',
    ];
    // 1 s period (hhmmss), 2 samples, one per report.
    expect(await r.host.defineTrace({ trid: 5, dsper: '000001', totsmp: 2, repgsz: 1, svids })).toBe(0);
    const t = r.tool;
    t.emit('trace', { moduleId: 'BD1', name: 'bondForceN', value: 5000, atS: 1 });
    t.emit('trace', { moduleId: 'BD1', name: 'chamberPressurePa', value: 0.5, atS: 1 });
    t.emit('trace', { moduleId: 'BD1', name: 'chuckTemperatureC', value: 23, atS: 1 });
    t.emit('trace', { moduleId: 'PL1', name: 'rfForwardW', value: 300, atS: 1 });
    t.emit('trace', { moduleId: 'PL1', name: 'rfReflectedW', value: 4.5, atS: 1 });
    clock.advance(1000);
    await until(() => traces.length === 1, 'the first S6F1');
    t.emit('trace', { moduleId: 'BD1', name: 'bondForceN', value: 5125, atS: 2 });
    t.emit('trace', { moduleId: 'PL1', name: 'rfReflectedW', value: 6, atS: 2 });
    // A name the model has no trace variable for: reported once.
    t.emit('trace', { moduleId: 'PL1', name: 'coilCurrentA', value: 2, atS: 2 });
    t.emit('trace', { moduleId: 'PL1', name: 'coilCurrentA', value: 3, atS: 2 });
    clock.advance(1000);
    await until(() => traces.length === 2, 'the second S6F1');
    expect(traces.map((x) => [x.trid, x.smpln, x.samples])).toEqual([
      [
        5,
        1,
        [
          {
            BD1BondForce: 5000,
            BD1ChamberPressure: 0.5,
            BD1ChuckTemperature: 23,
            PL1RfForwardPower: 300,
            PL1RfReflectedPower: 4.5,
          },
        ],
      ],
      [
        5,
        2,
        [
          {
            BD1BondForce: 5125,
            BD1ChamberPressure: 0.5,
            BD1ChuckTemperature: 23,
            PL1RfForwardPower: 300,
            PL1RfReflectedPower: 6,
          },
        ],
      ],
    ]);
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      ['unknown-trace', 'no trace variable for coilCurrentA of a plasma module'],
    ]);
  });
});
