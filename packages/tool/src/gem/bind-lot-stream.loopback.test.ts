// A whole synthetic lot through the binding over loopback, every event enabled: each tool event that is
// a collection event reaches the host once, in the order the tool emitted it, with its own data.
import { afterEach, describe, expect, it } from 'vitest';
import { type GemRig, record, startOnlineRig, until } from './gem-rig.test-util.js';
import { emitLot } from './synthetic-lot.test-util.js';

let rig: GemRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('a synthetic lot', () => {
  it('3 pairs: 92 events per pair plus lot start and end, in order, each step with its own module', async () => {
    rig = await startOnlineRig();
    const r = rig;
    expect(
      await r.host.defineReports([
        { rptid: 1, vids: ['ToolTimeS', 'StepModule', 'MovedSubstrate', 'PairId'] },
      ]),
    ).toBe(0);
    expect(await r.host.linkEvents(r.model.events.map((e) => ({ ceid: e.id, rptids: [1] })))).toBe(0);
    const events = record(r.host, 'event');
    // Collection events the stream fires, counted as the tool emits them (trace samples fire none).
    let fired = 0;
    for (const name of [
      'module-state',
      'step-started',
      'step-ended',
      'substrate-moved',
      'pair-result',
      'lot-started',
      'lot-ended',
    ] as const)
      r.tool.on(name, () => fired++);
    await emitLot(r.tool, 'LOT9', 3);
    expect(fired).toBe(3 * 92 + 2);
    await until(() => events.length === fired, `${fired} events`);

    const names = events.map((e) => e.name);
    expect(names[0]).toBe('LotStarted');
    expect(names.at(-1)).toBe('LotEnded');
    expect(names.filter((n) => n === 'PairResult').length).toBe(3);
    expect(names.filter((n) => n === 'SubstrateMoved').length).toBe(3 * 11);
    // Each event carries the values of its own moment: tool time never goes back, each step its module.
    const times = events.map((e) => Number(e.values.ToolTimeS));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    const bonds = events.filter((e) => e.name === 'BonderStepEnded').map((e) => e.values.StepModule);
    expect(bonds).toEqual(['BD1', 'BD1', 'BD1']);
    const pairs = events.filter((e) => e.name === 'PairResult').map((e) => e.values.PairId);
    expect(pairs).toEqual(['LOT9-P01', 'LOT9-P02', 'LOT9-P03']);
    const dataIds = events.map((e) => Number(e.dataId));
    expect(dataIds.every((d, i) => i === 0 || d > (dataIds[i - 1] ?? 0))).toBe(true);
    expect(r.issues).toEqual([]);
  });
});
