// Definitions whose reports could never be sent within the session's maxMessageBytes (64 KiB here)
// are refused when made: DRACK 1 (S2F33) and LRACK 1 (S2F35), "insufficient space", and TIAACK 1 (one
// sample too large) or 5 (REPGSZ samples too large) for S2F23. The same definitions one step smaller
// are accepted. ChamberPressure (10) is F8: 10 bytes per value in the report for 6 per VID in the
// definition; WafersBonded (12) is U4, 6 bytes.
import { describe, expect, it } from 'vitest';
import { onlineRigPerTest } from './test-rig.test-util.js';

const start = onlineRigPerTest();
const hsms = { maxMessageBytes: 64 * 1024 };

describe('definitions sized against maxMessageBytes', () => {
  it('S2F33: a report of 7,000 F8 values (70 KB) gets DRACK 1; 6,000 (60 KB) is defined', async () => {
    const r = await start({ hsms });
    expect(await r.host.defineReports([{ rptid: 1, vids: Array(7_000).fill(10) }])).toBe(1);
    expect(await r.host.defineReports([{ rptid: 1, vids: Array(6_000).fill(10) }])).toBe(0);
  });

  it('S2F35: two reports of 3,500 F8 values on one event (70 KB) get LRACK 1; one of them is linked', async () => {
    const r = await start({ hsms });
    const vids = Array(3_500).fill(10);
    expect(await r.host.defineReports([{ rptid: 1, vids }])).toBe(0);
    expect(await r.host.defineReports([{ rptid: 2, vids }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [1, 2] }])).toBe(1);
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
    expect(await r.equipment.triggerEvent(400)).toBe(true);
  });

  it('S2F23: 100 U4 SVIDs x REPGSZ 200 (120 KB) gets TIAACK 5, x 100 (60 KB) is accepted; one sample too large gets TIAACK 1', async () => {
    const r = await start({ hsms });
    const svids = Array(100).fill(12);
    const trace = { trid: 1, dsper: '000001', totsmp: 1000, svids };
    expect(await r.host.defineTrace({ ...trace, repgsz: 200 })).toBe(5);
    expect(await r.host.defineTrace({ ...trace, repgsz: 100 })).toBe(0);
    r.equipment.set('Recipe', 'R'.repeat(70_000)); // SV 13, A
    expect(await r.host.defineTrace({ ...trace, trid: 2, repgsz: 1, svids: [13] })).toBe(1);
    expect(await r.host.defineTrace({ ...trace, totsmp: 0, repgsz: 1 })).toBe(0); // stop trace 1
  });
});
