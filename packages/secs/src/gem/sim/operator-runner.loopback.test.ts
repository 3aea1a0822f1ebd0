// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// The operator runner against a GemEquipment on loopback, a GemHost receiving what it produces.
import { afterEach, describe, expect, it } from 'vitest';
import { type Rig, startRig } from '../equipment/test-rig.js';
import type { HostEvent } from '../host/gem-host.js';
import { runScript } from './operator-test-kit.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function onlineRig(): Promise<Rig> {
  rig = await startRig();
  expect(await rig.host.requestOnline()).toBe(0);
  await rig.host.learnNames();
  return rig;
}

async function pairReports(r: Rig): Promise<HostEvent[]> {
  expect(
    await r.host.defineReports([{ rptid: 1, vids: ['PairId', 'BondForce', 'OverlayX', 'WafersBonded'] }]),
  ).toBe(0);
  expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
  const events: HostEvent[] = [];
  r.host.on('event', (e) => events.push(e));
  return events;
}

const BOND = [
  'repeat 3',
  '  set PairId P-${i}',
  '  set BondForce normal 20000 100',
  '  set OverlayX uniform -5 5',
  '  set WafersBonded +1',
  '  event PairBonded',
  'end',
].join('\n');

describe('operator runner', () => {
  it('sets variables and fires events the host receives with the values; seeded values repeat', async () => {
    const r = await onlineRig();
    const events = await pairReports(r);
    const first = await runScript(r, BOND, { seed: 5 });
    expect(first.result).toEqual({ ok: true });
    expect(events.map((e) => [e.name, e.values.PairId, e.values.WafersBonded])).toEqual([
      ['PairBonded', 'P-1', 1],
      ['PairBonded', 'P-2', 2],
      ['PairBonded', 'P-3', 3],
    ]);
    for (const e of events) {
      expect(Math.abs((e.values.BondForce as number) - 20000)).toBeLessThan(1000);
      expect(Math.abs(e.values.OverlayX as number)).toBeLessThanOrEqual(5);
    }
    expect(first.lines[0]).toMatch(
      /^event PairBonded \(400\): acknowledged \[PairId="P-1" BondForce=\d+(\.\d+)? OverlayX=-?\d/,
    );
    const again = await runScript(r, `set WafersBonded = 0\n${BOND}`, { seed: 5 });
    expect(again.result).toEqual({ ok: true });
    const forces = events.map((e) => e.values.BondForce);
    expect(forces.slice(3)).toEqual(forces.slice(0, 3));
    expect(events.slice(3).map((e) => e.values.WafersBonded)).toEqual([1, 2, 3]);
    const other = await runScript(r, BOND, { seed: 6 });
    expect(other.result.ok).toBe(true);
    expect(events.slice(6).map((e) => e.values.BondForce)).not.toEqual(forces.slice(0, 3));
  });

  it('sets and clears alarms: S5F1 and the set/clear events reach the host', async () => {
    const r = await onlineRig();
    const alarms: { alid: number; set: boolean }[] = [];
    r.host.on('alarm', (a) => alarms.push({ alid: a.alid, set: a.set }));
    const ceids: number[] = [];
    r.host.on('event', (e) => ceids.push(e.ceid));
    const { result, lines } = await runScript(
      r,
      'alarm set 1\nalarm set "Chamber vacuum lost"\nstatus\nalarm clear 1 2\nalarm set 3',
    );
    expect(result).toEqual({ ok: true });
    expect(alarms).toEqual([
      { alid: 1, set: true },
      { alid: 1, set: false },
      { alid: 3, set: true },
    ]);
    expect(ceids).toEqual([500, 501]);
    expect(lines).toEqual([
      'alarm 1 set: Chamber vacuum lost (S5F1 sent)',
      'alarm 1 already set: Chamber vacuum lost',
      expect.stringMatching(
        /^status: control online-remote \(switch remote\), processing IDLE, .*alarms set: 1$/,
      ),
      'alarm 1 cleared: Chamber vacuum lost (S5F1 sent)',
      'alarm 2 already cleared: Chuck temperature out of range',
      'alarm 3 set: Alignment mark not found (S5F1 sent)',
    ]);
    expect(r.equipment.alarmSet).toEqual(new Set([3]));
  });

  it('says why an event was not sent: disabled by the host, control state offline', async () => {
    const r = await onlineRig();
    expect(await r.host.enableEvents(false, [400])).toBe(0);
    const { lines } = await runScript(r, 'event PairBonded\noffline\nevent 500\nstatus');
    expect(lines).toEqual([
      expect.stringMatching(/^event PairBonded \(400\): not sent: disabled by the host \(S2F37\) \[/),
      'event ChamberVacuumAlarmSet (500): not sent: control state equipment-offline [ChamberPressure=0.001]',
      expect.stringMatching(/^status: control equipment-offline /),
    ]);
  });

  it('processing events and control switches; a refused one stops the script with file:line', async () => {
    const r = await onlineRig();
    const { result, lines } = await runScript(
      r,
      [
        'process START',
        'local',
        'remote',
        'offline',
        'online',
        'say after online',
        'process STOP',
        'process STOP',
        'say never printed',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      cancelled: false,
      file: 'test.txt',
      line: 8,
      message: 'process STOP: not allowed in processing state IDLE',
    });
    expect(lines).toEqual([
      'switch: local (control online-local)',
      'switch: remote (control online-remote)',
      'after online',
    ]);
    expect(r.equipment.control.state).toBe('online-remote');
    const refused = await runScript(r, 'online');
    expect(refused.result).toMatchObject({
      ok: false,
      line: 1,
      message: 'online: not allowed in control state online-remote',
    });
    await runScript(r, 'offline');
    expect((await runScript(r, 'offline')).result).toMatchObject({
      message: 'offline: not allowed in control state equipment-offline',
    });
  });

  it('a value that does not fit at run time stops the script', async () => {
    const r = await onlineRig();
    const { result } = await runScript(r, 'set WafersBonded 1\nset WafersBonded -2');
    expect(result).toMatchObject({
      ok: false,
      line: 2,
      message: 'set: -1 is not an integer in 0..4294967295 (U4)',
    });
    expect(r.equipment.vars.get(12)).toBe(1);
  });
});
