// Trace data collection over loopback: S2F23 acks (E5 TIAACK) and S6F1 groups of REPGSZ samples.
import { afterEach, describe, expect, it } from 'vitest';
import { hex } from '../../codec/test-wire-writer.test-util.js';
import { FakeClock } from '../../hsms/fake-clock.js';
import type { GemHostEvents } from '../host/gem-host.js';
import { next, type Rig, roundTrip, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('trace data collection', () => {
  it('samples every DSPER, sends groups of REPGSZ, stops after TOTSMP; refusals 3 and 4', async () => {
    // The sampling period on a fake clock: four samples when the test says, however loaded the machine.
    const clock = new FakeClock();
    rig = await startRig({ equipment: { clock } });
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    await r.host.learnNames();
    r.equipment.set('WafersBonded', 3);
    const traces: GemHostEvents['trace'][] = [];
    const both = next<void>((f) =>
      r.host.on('trace', (t) => {
        traces.push(t);
        if (traces.length === 2) f();
      }),
    );
    // 20 ms period (hhmmsscc), 4 samples, 2 per report
    expect(
      await r.host.defineTrace({
        trid: 7,
        dsper: '00000002',
        totsmp: 4,
        repgsz: 2,
        svids: ['WafersBonded', 'ProcessState'],
      }),
    ).toBe(0);
    clock.advance(4 * 20);
    await both;
    expect(traces.map((t) => [t.trid, t.smpln, t.values.length])).toEqual([
      [7, 2, 4],
      [7, 4, 4],
    ]);
    expect(traces[0]!.samples).toEqual([
      { WafersBonded: 3, ProcessState: 0 },
      { WafersBonded: 3, ProcessState: 0 },
    ]);
    expect(traces[1]!.stime).toMatch(/^\d{16}$/);
    clock.advance(4 * 20);
    await roundTrip(r);
    expect(traces.length).toBe(2); // ended after TOTSMP
    expect(await r.host.defineTrace({ trid: 8, dsper: '0000', totsmp: 4, repgsz: 2, svids: [3] })).toBe(3);
    expect(await r.host.defineTrace({ trid: 8, dsper: '000001', totsmp: 4, repgsz: 2, svids: [50] })).toBe(4); // a DV, not an SV
    expect(await r.host.defineTrace({ trid: 8, dsper: '000001', totsmp: 0, repgsz: 1, svids: [] })).toBe(0); // stop
  });

  it('a negative TRID (E5 allows any integer format) comes back in S6F1 with its value, as I8', async () => {
    const clock = new FakeClock();
    rig = await startRig({ equipment: { clock } });
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    const trace = next<GemHostEvents['trace']>((f) => r.host.on('trace', f));
    // S2F23 L[5] <I4 -7> <A "000001"> <U4 1> <U4 1> L[1] <U4 12>, written byte by byte.
    const body = hex(
      '01 05 71 04 FF FF FF F9 41 06 30 30 30 30 30 31 B1 04 00 00 00 01 B1 04 00 00 00 01 01 01 B1 04 00 00 00 0C',
    );
    const reply = await r.hostSession.send({ stream: 2, function: 23, wBit: true, body });
    expect(Buffer.from(reply!.body).toString('hex')).toBe('210100'); // TIAACK 0
    clock.advance(1000);
    expect((await trace).trid).toBe(-7);
  });
});
