// Fault injection end to end through GEM (issue 10, "Tests"): an alarming fault mid-lot (S5F1, the
// pair held in its module, nothing lost or bonded twice, the lot resumes after the host's CLEAR-ALARM)
// and a silent fault (no alarm at all, only the data drifts). Faults are injected with profile files
// that rate one catalogue point and every other 0.
import { A, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { CEID } from '../gem/gem-ids.js';
import { until } from '../gem/gem-rig.test-util.js';
import { type E2eRig, eventsOf, hostLot, hostSetUp, profileFile, startE2e } from './tool-e2e.test-util.js';

const rigs: E2eRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function rig(o: Parameters<typeof startE2e>[0]): Promise<E2eRig> {
  const r = await startE2e(o);
  rigs.push(r);
  await hostSetUp(r);
  return r;
}

/** Every pair of the lot once, in order, each with its own three substrates. */
function expectEveryPairOnce(r: E2eRig, lotId: string, n: number): void {
  const ids = eventsOf(r, CEID.pairResult).map((e) => e.values.PairId);
  expect(ids).toEqual(Array.from({ length: n }, (_, i) => `${lotId}-P${String(i + 1).padStart(2, '0')}`));
  const stacks = r.tool.controller.substrates().filter((s) => s.kind === 'stack');
  expect(stacks.map((s) => s.id).sort()).toEqual(
    Array.from({ length: n }, (_, i) => `${lotId}-S${String(i + 1).padStart(2, '0')}`),
  );
}

describe('fault injection through GEM', () => {
  it('an alarming fault mid-lot: S5F1, the wafer held in its module, CLEAR-ALARM, the lot resumes', async () => {
    // PL-CHUCK-025 "Wafer not on chuck": operator clear, ALID 4025; the operator is the host.
    const r = await rig({
      seed: 2,
      operator: 'manual',
      profile: (dir) => profileFile(dir, 'plasma-chuck', { 'PL-CHUCK-025': { perStep: 0.25 } }),
    });
    expect(await r.host.command('PP-SELECT', [{ name: 'PPID', value: A('BOND-STD') }])).toEqual({
      hcack: 0,
      params: [],
    });
    expect(
      (
        await r.host.command('START', [
          { name: 'LOTID', value: A('F1') },
          { name: 'PAIRS', value: U4(5) },
        ])
      ).hcack,
    ).toBe(0);
    const held: string[] = [];
    let cleared = 0;
    const lotEnded = () => eventsOf(r, CEID.lotEnded).length > 0;
    while (!lotEnded()) {
      await until(
        () => lotEnded() || r.alarms.filter((a) => a.set).length > cleared,
        'an alarm or the lot end',
        { timeoutMs: 60_000 },
      );
      if (lotEnded()) break;
      const alarm = r.alarms.filter((a) => a.set)[cleared];
      expect(alarm?.alid).toBe(4025);
      // The module stopped with its wafer inside: GEM's status variables say so, the tool tracks it there.
      const sv = await r.host.readStatus(['PL1State', 'PL1Substrates', 'ActiveAlarmCount']);
      expect(sv.PL1State).toBe('fault');
      expect(sv.ActiveAlarmCount).toBe(1);
      const wafer = String(sv.PL1Substrates);
      expect(r.tool.controller.substrates().find((s) => s.id === wafer)?.location).toEqual({ module: 'PL1' });
      held.push(wafer);
      expect(await r.host.command('CLEAR-ALARM', [{ name: 'ALID', value: U4(4025) }])).toEqual({
        hcack: 0,
        params: [],
      });
      cleared++;
      await until(() => r.alarms.filter((a) => !a.set).length === cleared, 'S5F1 clear');
    }
    expect(cleared).toBeGreaterThanOrEqual(1);
    expectEveryPairOnce(r, 'F1', 5);
    // Each held wafer was processed at the plasma once (the stopped attempt did nothing) and its pair names the alarm.
    for (const w of held) {
      const ends = eventsOf(r, 4107).filter((e) => String(e.values.StepSubstrates) === w);
      expect(ends).toHaveLength(1);
      const pair = eventsOf(r, CEID.pairResult).find((e) => e.values.TopId === w || e.values.BottomId === w);
      expect(String(pair?.values.PairAlarms)).toContain('PL-CHUCK-025');
    }
    const set = eventsOf(r, CEID.alarmSet);
    expect(set.map((e) => [e.values.AlarmFaultId, e.values.AlarmModule, e.values.AlarmRecovery])).toEqual(
      held.map(() => ['PL-CHUCK-025', 'PL1', 'operator-clear']),
    );
    expect(eventsOf(r, CEID.alarmCleared)).toHaveLength(cleared);
    expect(eventsOf(r, CEID.lotEnded)[0]?.values.LotOutcome).toBe('completed');
    expect(r.issues).toEqual([]);
  });

  it("a silent fault: no alarm, the overlay data drifts by the fault point's effect", async () => {
    // BD-STAGE-043 "X encoder drift": silent, Tx +150 nm on every pair from its first bond (no
    // maintenance ends it). The same seed without it is the reference: the twin draws the same numbers.
    const drifted = await rig({
      seed: 9,
      profile: (dir) => profileFile(dir, 'x-drift', { 'BD-STAGE-043': { perStep: 1 } }),
    });
    const healthy = await rig({ seed: 9, profile: (dir) => profileFile(dir, 'healthy', {}) });
    await hostLot(drifted, 'S1', 3);
    await hostLot(healthy, 'S1', 3);
    expect(drifted.alarms).toEqual([]);
    expect(eventsOf(drifted, CEID.alarmSet)).toEqual([]);
    const tx = (r: E2eRig) => eventsOf(r, CEID.pairResult).map((e) => Number(e.values.OverlayTx));
    const d = tx(drifted);
    const h = tx(healthy);
    expect(d).toHaveLength(3);
    for (const [i, v] of d.entries()) expect(v - (h[i] ?? 0)).toBeCloseTo(150, 6);
    // PairAlarms lists alarming points only: the silent one shows in the data alone (docs/tool.md §7.5).
    expect(eventsOf(drifted, CEID.pairResult).every((e) => e.values.PairAlarms === '')).toBe(true);
    expect(drifted.pairs.every((p) => p.faults.includes('BD-STAGE-043'))).toBe(true);
    // 150 nm is past the overlay cliff of the 1 µm pitch (docs/tool.md §5.6): the yield falls with it.
    const y = (r: E2eRig) => eventsOf(r, CEID.pairResult).reduce((s, e) => s + Number(e.values.PairYield), 0);
    expect(y(drifted)).toBeLessThan(y(healthy));
  });
});
