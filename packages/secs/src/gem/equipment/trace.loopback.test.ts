// Trace data collection over loopback: S2F23 acks (E5 TIAACK) and S6F1 groups of REPGSZ samples.
import { afterEach, describe, expect, it } from 'vitest';
import type { GemHostEvents } from '../host/gem-host.js';
import { next, type Rig, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('trace data collection', () => {
  it('samples every DSPER, sends groups of REPGSZ, stops after TOTSMP; refusals 3 and 4', async () => {
    rig = await startRig();
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
    await new Promise((res) => setTimeout(res, 80));
    expect(traces.length).toBe(2); // ended after TOTSMP
    expect(await r.host.defineTrace({ trid: 8, dsper: '0000', totsmp: 4, repgsz: 2, svids: [3] })).toBe(3);
    expect(await r.host.defineTrace({ trid: 8, dsper: '000001', totsmp: 4, repgsz: 2, svids: [50] })).toBe(4); // a DV, not an SV
    expect(await r.host.defineTrace({ trid: 8, dsper: '000001', totsmp: 0, repgsz: 1, svids: [] })).toBe(0); // stop
  });
});
