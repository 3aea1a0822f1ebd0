// S10F1 is one of the primaries the host may select for spooling with S2F43 (STRACK 0): a terminal
// request made at the tool while the link is down is then spooled like events and alarms (E30 6.5).
import { afterEach, describe, expect, it } from 'vitest';
import { dropLink, type Rig, startSpoolRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('terminal requests and the spool', () => {
  it('an S10F1 selected by S2F43 is spooled while the link is down, and not when EnableSpooling is false', async () => {
    const r = await startSpoolRig();
    rig = r;
    const { spool } = r;
    expect((await r.host.setSpoolStreams([{ stream: 10, functions: [1] }])).rspack).toBe(0);
    await dropLink(r);
    expect(await r.equipment.terminalRequest('operator: lot on hold')).toBeUndefined();
    expect(spool.countActual).toBe(1);
    expect(await spool.peek()).toMatchObject({ stream: 10, function: 1 });
    r.equipment.set('EnableSpooling', false);
    expect(await r.equipment.terminalRequest('not kept')).toBeUndefined();
    expect(spool.countActual).toBe(1);
  });
});
