// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// The operator runner against a GemEquipment on loopback, a GemHost receiving what it produces.
import { describe, expect, it } from 'vitest';
import { onlineRigPerTest, type Rig } from '../equipment/test-rig.test-util.js';
import type { HostEvent } from '../host/gem-host.js';
import { knownDraws, runScript, startScript, stoppedAt } from './operator-test-kit.test-util.js';

const onlineRig = onlineRigPerTest({ learnNames: true });

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
  it('sets variables and fires events the host receives with the values drawn', async () => {
    const r = await onlineRig();
    const events = await pairReports(r);
    // normal 20000 100 -> 20000 + 100 g; uniform -5 5 -> -5 + 10 u.
    const random = knownDraws([0.25, 0.5, 0.95], [1, -0.5, 2.5]);
    const first = await runScript(r, BOND, { random });
    expect(first.result).toEqual({ ok: true, value: undefined });
    expect(
      events.map((e) => [
        e.name,
        e.values.PairId,
        e.values.BondForce,
        e.values.OverlayX,
        e.values.WafersBonded,
      ]),
    ).toEqual([
      ['PairBonded', 'P-1', 20100, -2.5, 1],
      ['PairBonded', 'P-2', 19950, 0, 2],
      ['PairBonded', 'P-3', 20250, 4.5, 3],
    ]);
    expect(first.lines[0]).toBe(
      'event PairBonded (400): acknowledged [PairId="P-1" BondForce=20100 OverlayX=-2.5 OverlayY=0]',
    );
  });

  it('uniform over an integer type gives each of lo..hi; normal rounds to the nearest integer', async () => {
    const r = await onlineRig();
    const random = knownDraws([0.01, 0.49, 0.99], [0.4]);
    const got: unknown[] = [];
    for (const line of [
      'set WafersBonded uniform 4 6',
      'set WafersBonded uniform 4 6',
      'set WafersBonded uniform 4 6',
      'set WafersBonded normal 10 3',
    ]) {
      expect((await runScript(r, line, { random })).result).toEqual({ ok: true, value: undefined });
      got.push(r.equipment.vars.get(12));
    }
    expect(got).toEqual([4, 5, 6, 11]); // 4 + floor(3u); 10 + 3 x 0.4 = 11.2 rounded
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
    expect(result).toEqual({ ok: true, value: undefined });
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
    expect(result).toEqual(stoppedAt(8, 'process STOP: not allowed in processing state IDLE'));
    expect(lines).toEqual([
      'switch: local (control online-local)',
      'switch: remote (control online-remote)',
      'after online',
    ]);
    expect(r.equipment.control.state).toBe('online-remote');
    const refused = await runScript(r, 'online');
    expect(refused.result).toEqual(stoppedAt(1, 'online: not allowed in control state online-remote'));
    await runScript(r, 'offline');
    expect((await runScript(r, 'offline')).result).toEqual(
      stoppedAt(1, 'offline: not allowed in control state equipment-offline'),
    );
  });

  it('a long repeat of commands that never wait leaves the event loop to others (the host is served)', async () => {
    const r = await onlineRig();
    const run = startScript(r, 'repeat 20000\n  set WafersBonded +1\nend');
    let finished = false;
    void run.done.then(() => {
      finished = true;
    });
    // A timer queued now fires only when the runner gives the event loop a turn.
    const firedDuringRun = await new Promise<boolean>((resolve) => setTimeout(() => resolve(!finished), 0));
    expect(firedDuringRun).toBe(true);
    expect(await run.done).toEqual({ ok: true, value: undefined });
    expect(r.equipment.vars.get(12)).toBe(20000);
  });

  it('a value that does not fit at run time stops the script', async () => {
    const r = await onlineRig();
    const { result } = await runScript(r, 'set WafersBonded 1\nset WafersBonded -2');
    expect(result).toEqual(stoppedAt(2, 'set: -1 is not an integer in 0..4294967295 (U4)'));
    expect(r.equipment.vars.get(12)).toBe(1);
  });

  it('sets an equipment constant like an operator at the tool: ConstantChanged reaches the host; out of range stops the script', async () => {
    const r = await onlineRig();
    expect(await r.host.defineReports([{ rptid: 1, vids: ['ChangedEcid', 'BondForceSetpoint'] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 300, rptids: [1] }])).toBe(0);
    const events: HostEvent[] = [];
    r.host.on('event', (e) => events.push(e));
    const changed = new Promise<void>((resolve) => r.host.once('event', () => resolve()));
    const { result } = await runScript(
      r,
      'set BondForceSetpoint 25000\nset BondForceSetpoint 60000\nsay never printed',
    );
    expect(result).toEqual(
      stoppedAt(2, 'set: equipment constant BondForceSetpoint (1000): 60000 is outside 100..50000'),
    );
    await changed;
    expect(events.map((e) => [e.name, e.values])).toEqual([
      ['ConstantChanged', { ChangedEcid: 1000, BondForceSetpoint: 25000 }],
    ]);
    expect(await r.host.readConstants([1000])).toEqual({ '1000': 25000 });
  });
});
