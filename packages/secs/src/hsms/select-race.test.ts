// Regression: a control response and the data message behind it arriving in ONE network read.
// The peer is allowed to send data as soon as it has sent (passive) or received (active) the
// Select.rsp, so both can land in the same chunk; the state must change before the next frame of
// that chunk is handled. Expected bytes are written out by hand from the E37 header layout:
// session(2) stream|W(1) function(1) PType(1) SType(1) system bytes(4).
import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { HsmsSession } from './session.js';
import { frameHex, passive, ScriptedTransport, spaced } from './test-peer.test-util.js';

/** An active session (device id 100, fake clock) on a scripted peer; its Select.req is taken. */
function active() {
  const session = new HsmsSession({ sessionId: 100, clock: new FakeClock() });
  const wire = new ScriptedTransport();
  const states: string[] = [];
  session.on('state', (s) => states.push(s.to));
  const got: string[] = [];
  session.onMessage((m) => {
    got.push(`S${m.stream}F${m.function}`);
    return { stream: m.stream, function: m.function + 1 };
  });
  session.attach(wire, 'active');
  // Select.req, control session id 0xFFFF, system bytes 1 (the first the session allocates).
  expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 01 00000001'))]);
  return { session, wire, states, got };
}

const oneChunk = (...frames: string[]): Buffer => Buffer.from(frames.join(''), 'hex');

// Select.rsp status 0 for system bytes 1, and the peer's S1F1 W (device 100, system bytes 5).
const SELECT_RSP_OK = frameHex('FFFF 00 00 00 02 00000001');
const S1F1_W = frameHex('0064 81 01 00 00 00000005');
const S1F2_REPLY = spaced(frameHex('0064 01 02 00 00 00000005'));
const REJECT_NOT_SELECTED = spaced(frameHex('0064 00 04 00 07 00000005'));

describe('select and data in the same chunk', () => {
  it('active side: Select.rsp + S1F1 W in one read: SELECTED first, S1F1 delivered and answered', () => {
    const { session, wire, states, got } = active();
    wire.feed(oneChunk(SELECT_RSP_OK, S1F1_W));
    expect(got).toEqual(['S1F1']);
    expect(wire.take()).toEqual([S1F2_REPLY]);
    expect(session.state).toBe('selected');
    expect(states).toEqual(['not-selected', 'selected']);
  });

  it('active side: the select() promise still resolves, and only once selected', async () => {
    const session = new HsmsSession({ sessionId: 100, clock: new FakeClock() });
    const wire = new ScriptedTransport();
    session.attach(wire, 'passive'); // no automatic select: call it by hand
    const selecting = session.select();
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 01 00000001'))]);
    wire.feed(oneChunk(SELECT_RSP_OK, S1F1_W));
    expect(session.state).toBe('selected');
    await expect(selecting).resolves.toBeUndefined();
  });

  it('active side: a refused select (status 2) does not select, and the data behind it is rejected', async () => {
    const session = new HsmsSession({ sessionId: 100, clock: new FakeClock() });
    const wire = new ScriptedTransport();
    session.attach(wire, 'passive');
    const selecting = session.select();
    wire.take();
    wire.feed(oneChunk(frameHex('FFFF 00 02 00 02 00000001'), S1F1_W));
    expect(wire.take()).toEqual([REJECT_NOT_SELECTED]);
    await expect(selecting).rejects.toMatchObject({ code: 'select-refused', reason: 2 });
    expect(session.state).toBe('not-selected');
  });

  it('passive side: Select.req + S1F1 W in one read: Select.rsp, then S1F1 delivered and answered', () => {
    const { session, wire, states } = passive();
    const got: string[] = [];
    session.onMessage((m) => {
      got.push(`S${m.stream}F${m.function}`);
      return { stream: m.stream, function: m.function + 1 };
    });
    wire.feed(oneChunk(frameHex('FFFF 00 00 00 01 00000001'), S1F1_W));
    expect(got).toEqual(['S1F1']);
    expect(wire.take()).toEqual([spaced(SELECT_RSP_OK), S1F2_REPLY]);
    expect(states).toEqual(['not-selected', 'selected']);
  });

  it('active side: Deselect.rsp + S1F1 W in one read: NOT SELECTED first, S1F1 rejected (reason 4)', async () => {
    const { session, wire, got } = active();
    wire.feed(SELECT_RSP_OK);
    await session.whenState('selected');
    const deselecting = session.deselect();
    // Deselect.req with system bytes 2.
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 03 00000002'))]);
    wire.feed(oneChunk(frameHex('FFFF 00 00 00 04 00000002'), S1F1_W));
    expect(session.state).toBe('not-selected');
    expect(got).toEqual([]);
    expect(wire.take()).toEqual([REJECT_NOT_SELECTED]);
    await expect(deselecting).resolves.toBeUndefined();
  });
});
