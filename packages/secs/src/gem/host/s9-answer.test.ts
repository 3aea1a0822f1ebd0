// Known answers: S9 frames written by hand (hex, not through the encoder) end the host's request their
// MHEAD names, matched by system bytes, stream and function, at once instead of at T3.
import { describe, expect, it } from 'vitest';
import { frameHex, selected } from '../../hsms/test-peer.test-util.js';
import { GemHost, GemHostError } from './gem-host.js';

/** The host of device 100 on a scripted peer, selected, with T3 of 45 s on a fake clock. */
function rig() {
  const s = selected({ t3Ms: 45_000 });
  const host = new GemHost(s.session);
  const s9: { function: number; sessionId: number }[] = [];
  host.on('error-message', (e) => s9.push({ function: e.function, sessionId: e.sessionId }));
  return { ...s, host, s9 };
}

/** Settles (true) or not yet (false), without waiting for anything but pending callbacks. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

describe('an S9 ends the request its MHEAD names', () => {
  it('S9F7 naming the second of two S1F3 (system bytes 2) ends that one only, with a typed error', async () => {
    const { host, wire, session, s9 } = rig();
    const first = host.readStatusItems([1]); // S1F3 W, system bytes 1
    const second = host.readStatusItems([2]); // S1F3 W, system bytes 2
    wire.take();
    // S9F7 on device 100, system bytes 10; body B[10] = 21 0A + our S1F3 W header (0064 81 03 0000 00000002)
    wire.feed(frameHex('0064 09 07 00 00 0000000A', '21 0A 0064 81 03 00 00 00000002'));
    await expect(second).rejects.toBeInstanceOf(GemHostError);
    await expect(second).rejects.toMatchObject({
      code: 'rejected',
      s9: 7,
      s9Reason: 'illegal-data',
      message: 'equipment answered S1F3 (system bytes 2) with S9F7 (illegal data)',
    });
    expect(await settled(first)).toBe(false);
    expect(session.openTransactions).toBe(1);
    expect(s9).toEqual([{ function: 7, sessionId: 100 }]);
    // S1F4 <L <U4 5>> for system bytes 1
    wire.feed(frameHex('0064 01 04 00 00 00000001', '01 01 B1 04 00000005'));
    await expect(first).resolves.toMatchObject([{ format: 'U4' }]);
  });

  it.each([
    [3, 'unrecognized-stream'],
    [5, 'unrecognized-function'],
    [11, 'data-too-long'],
  ])('S9F%i ends the request as %s', async (fn, reason) => {
    const { host, wire } = rig();
    const p = host.request({ stream: 2, function: 13, wBit: true }); // system bytes 1
    wire.take();
    const f = fn.toString(16).padStart(2, '0');
    wire.feed(frameHex(`0064 09 ${f} 00 00 00000007`, '21 0A 0064 82 0D 00 00 00000001'));
    await expect(p).rejects.toMatchObject({ code: 'rejected', s9: fn, s9Reason: reason });
  });

  it("S9F1 under the equipment's own device id (0, not ours 100) ends the S1F13 and names both ids", async () => {
    const { host, wire, s9 } = rig();
    const p = host.establishCommunications(); // S1F13 W, system bytes 1
    wire.take();
    wire.feed(frameHex('0000 09 01 00 00 00000003', '21 0A 0064 81 0D 00 00 00000001'));
    await expect(p).rejects.toMatchObject({
      code: 'rejected',
      s9: 1,
      s9Reason: 'unrecognized-device-id',
      message:
        'equipment answered S1F13 (system bytes 1) with S9F1 (unrecognized device id); the equipment is device 0, this host uses device id 100',
    });
    expect(s9).toEqual([{ function: 1, sessionId: 0 }]);
  });

  it('an S9 naming other system bytes, another function, or S9F9 (SHEAD of its own primary) ends nothing', async () => {
    const { host, wire, session, s9 } = rig();
    const p = host.request({ stream: 1, function: 3, wBit: true }); // system bytes 1
    wire.take();
    wire.feed(frameHex('0064 09 05 00 00 00000010', '21 0A 0064 81 03 00 00 00000009')); // other system bytes
    wire.feed(frameHex('0064 09 05 00 00 00000011', '21 0A 0064 81 0B 00 00 00000001')); // S1F11, not S1F3
    wire.feed(frameHex('0064 09 07 00 00 00000012', '21 0A 0064 01 03 00 00 00000001')); // no W bit
    // S9F9: the equipment's T3 ran out on its own S1F3 W with system bytes 1 (the numbers coincide)
    wire.feed(frameHex('0064 09 09 00 00 00000013', '21 0A 0064 81 03 00 00 00000001'));
    wire.feed(frameHex('0064 09 07 00 00 00000014', '21 04 01020304')); // MHEAD of 4 bytes
    expect(s9.map((e) => e.function)).toEqual([5, 5, 7, 9, 7]);
    expect(await settled(p)).toBe(false);
    expect(session.openTransactions).toBe(1);
    wire.feed(frameHex('0064 01 04 00 00 00000001', '01 00'));
    await expect(p).resolves.toMatchObject({ stream: 1, function: 4 });
  });
});
