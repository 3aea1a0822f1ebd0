// A primary held behind a host primary's reply (reply-first.ts) has not been sent: when the link drops
// before that reply is written, it goes to the spool like any primary raised with the link down
// (E30 6.5), instead of failing on the dead session and being lost.
import { afterEach, describe, expect, it } from 'vitest';
import { A, L } from '../../item/constructors.js';
import {
  dropLink,
  hangingCommand,
  next,
  type Rig,
  reconnect,
  startRig,
  startSpoolRig,
  withoutUnhandled,
} from './test-rig.test-util.js';
import { Wire } from './wire-log.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('held primaries when the link drops during the handling', () => {
  it("a command runner's event held behind S2F42 is spooled when the link drops first, before what follows", async () => {
    const r = await startSpoolRig();
    rig = r;
    const { spool } = r;
    expect(await r.host.defineReports([{ rptid: 1, vids: [12] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
    expect(
      (
        await r.host.setSpoolStreams([
          { stream: 6, functions: [11] },
          { stream: 5, functions: [1] },
        ])
      ).rspack,
    ).toBe(0);
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    let event: Promise<boolean> = Promise.resolve(true);
    let alarm: Promise<void> = Promise.resolve();
    const { started, finish } = hangingCommand(r.equipment, 'PAUSE', () => {
      event = r.equipment.triggerEvent(400);
    });
    const reply = r.host.request({ stream: 2, function: 41, wBit: true, body: L(A('PAUSE'), L()) });
    reply.catch(() => {});
    await started;
    expect(spool.countActual).toBe(0);
    await dropLink(r);
    // Raised with the link already down while event 400 is still held: spooled behind it, not before.
    alarm = r.equipment.setAlarm(1); // S5F1 and its set event 500 (not linked: an empty report)
    finish(0);
    expect(await event).toBe(false);
    await alarm;
    // Event 400, S5F1, event 500: all three in the spool, the first raised first.
    expect(spool.countActual).toBe(3);
    expect(await spool.peek()).toMatchObject({ stream: 6, function: 11 });
    expect(errors).toEqual([]);
  });

  it('an S9F1 held behind the reply is dropped without an unhandled rejection when the link drops first', async () => {
    const r = await startRig();
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    const unhandled = await withoutUnhandled(async () => {
      const { started, finish } = hangingCommand(r.equipment, 'PAUSE');
      const reply = r.host.request({ stream: 2, function: 41, wBit: true, body: L(A('PAUSE'), L()) });
      reply.catch(() => {});
      await started;
      // A message for another device id arrives while S2F41 is handled: its S9F1 is held.
      const stranger = {
        sessionId: 2,
        stream: 1,
        function: 1,
        wBit: true,
        systemBytes: 9,
        body: new Uint8Array(),
      };
      r.toolSession.emit('unknown-device', { message: stranger, header: new Uint8Array(10) });
      await dropLink(r);
      finish(0);
    });
    expect(unhandled).toEqual([]);
  });

  it('a handler still running when the link drops holds nothing on the next connection and its reply is not written there', async () => {
    const wire = new Wire();
    const r = await startRig({ toolLog: wire });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    const { started, finish } = hangingCommand(r.equipment, 'PAUSE');
    const reply = r.host.request({ stream: 2, function: 41, wBit: true, body: L(A('PAUSE'), L()) });
    reply.catch(() => {});
    await started;
    await dropLink(r);
    wire.clear();
    // The equipment's S1F13 on the new connection is not held behind the old S2F41 (for up to T3).
    const communicating = next<void>((f) =>
      r.equipment.on('communication-state', (s) => {
        if (s.to === 'communicating') f();
      }),
    );
    void reconnect(r).catch(() => {});
    await communicating;
    finish(0);
    expect(await r.host.request({ stream: 1, function: 13, wBit: true, body: L() })).toMatchObject({
      function: 14,
    });
    // The S2F42 belongs to a transaction of the closed connection: never written on this one.
    expect(wire.frames).toEqual(['S1F13', 'S1F14']);
  });
});
