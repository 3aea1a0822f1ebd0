// Flow control of the sending side against a peer that does not read (scripted transport whose
// written bytes stay buffered, fake clock): the bound, pausing reads above the high-water mark, the
// stall timeout, and T8 held while we are the ones not reading.
import { describe, expect, it } from 'vitest';
import type { HsmsConfigInput } from './config.js';
import { frameHex, selected, spaced } from './test-peer.test-util.js';

// Every S6F11 below is a 14-byte header + 86-byte body = 100 bytes on the wire.
const body = new Uint8Array(86);
const event = { stream: 6, function: 11, wBit: true, body } as const;

function stalledPeer(options: HsmsConfigInput = {}) {
  const s = selected({
    maxMessageBytes: 200,
    maxOutboundBytes: 1000,
    outboundHighWaterBytes: 300,
    outboundStallMs: 2000,
    ...options,
  });
  s.wire.stalled = true;
  const errors: string[] = [];
  s.session.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
  return { ...s, errors };
}

describe('outbound bound (maxOutboundBytes)', () => {
  it('a frame that would take the unsent bytes past the bound is not written and closes the connection', async () => {
    const { session, wire, errors } = stalledPeer();
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) sends.push(session.send(event));
    expect(session.outboundBytes).toBe(1000);
    expect(session.state).toBe('selected');
    const eleventh = session.send(event);
    expect(wire.written.length).toBe(10); // the eleventh never reached the transport
    expect(session.state).toBe('not-connected');
    expect(wire.destroyed).toBe(true);
    expect(errors).toEqual([
      'send-overflow: the peer is not reading: 1000 bytes wait to be sent and a 100-byte frame would go past maxOutboundBytes = 1000',
    ]);
    for (const p of [...sends, eleventh])
      await expect(p).rejects.toMatchObject({ code: 'connection-closed' });
  });

  it('a send without W refused by the bound rejects with connection-closed instead of resolving', async () => {
    const { session } = stalledPeer({ maxOutboundBytes: 250, outboundHighWaterBytes: 200 });
    await expect(session.send({ ...event, wBit: false })).resolves.toBeUndefined();
    await expect(session.send({ ...event, wBit: false })).resolves.toBeUndefined();
    await expect(session.send({ ...event, wBit: false })).rejects.toMatchObject({
      code: 'connection-closed',
    });
  });

  it('replies count as well: a peer that pipelines requests and reads nothing is cut off', () => {
    const { session, wire, errors } = stalledPeer({ maxOutboundBytes: 500, outboundHighWaterBytes: 400 });
    session.onMessage((m) => ({ stream: m.stream, function: m.function + 1, body }));
    let chunk = '';
    for (let i = 1; i <= 8; i++) chunk += frameHex(`0064 81 01 00 00 ${i.toString(16).padStart(8, '0')}`);
    wire.feed(chunk);
    expect(wire.written.length).toBe(5);
    expect(session.state).toBe('not-connected');
    expect(errors[0]).toMatch(/^send-overflow: /);
  });
});

describe('reading paused above the high-water mark (outboundHighWaterBytes)', () => {
  it('stops reading once the unsent bytes pass the mark and resumes when the peer takes them', () => {
    const { session, wire } = stalledPeer();
    void session.send(event).catch(() => {});
    void session.send(event).catch(() => {});
    void session.send(event).catch(() => {});
    expect(session.outboundBytes).toBe(300);
    expect(wire.readingPaused).toBe(false);
    void session.send(event).catch(() => {});
    expect(wire.readingPaused).toBe(true);
    expect(session.readingPaused).toBe(true);
    wire.drain(50); // 350 left: still over the mark
    expect(wire.readingPaused).toBe(true);
    wire.drain(); // all taken
    expect(wire.readingPaused).toBe(false);
    expect(session.readingPaused).toBe(false);
    expect(session.state).toBe('selected');
  });

  it('a pipelining peer makes the session stop reading before the bound is reached', () => {
    const { session, wire } = stalledPeer({ maxOutboundBytes: 5000, outboundHighWaterBytes: 250 });
    session.onMessage((m) => ({ stream: m.stream, function: m.function + 1, body }));
    wire.feed(frameHex('0064 81 01 00 00 00000001') + frameHex('0064 81 01 00 00 00000002'));
    expect(wire.readingPaused).toBe(false);
    wire.feed(frameHex('0064 81 01 00 00 00000003'));
    expect(wire.readingPaused).toBe(true);
    expect(session.state).toBe('selected');
  });
});

describe('stall timeout (outboundStallMs)', () => {
  it('closes a connection that stays over the mark with no byte taken for outboundStallMs', () => {
    const { session, wire, clock, errors } = stalledPeer();
    for (let i = 0; i < 4; i++) void session.send(event).catch(() => {});
    clock.advance(1999);
    expect(session.state).toBe('selected');
    clock.advance(1);
    expect(session.state).toBe('not-connected');
    expect(wire.destroyed).toBe(true);
    expect(errors).toEqual([
      'send-stalled: the peer is not reading: 400 bytes wait to be sent (high-water mark 300) and none was taken for outboundStallMs = 2 s',
    ]);
  });

  it('a peer that takes some bytes now and then keeps the connection; the timer runs from the last one', () => {
    const { session, wire, clock } = stalledPeer();
    for (let i = 0; i < 6; i++) void session.send(event).catch(() => {});
    clock.advance(1500);
    wire.drain(100); // 500 left, still over the mark
    clock.advance(1500);
    expect(session.state).toBe('selected');
    clock.advance(499);
    expect(session.state).toBe('selected');
    clock.advance(1);
    expect(session.state).toBe('not-connected');
  });

  it('no timer is left once the peer catches up', () => {
    const { session, wire, clock } = stalledPeer();
    for (let i = 0; i < 4; i++) void session.send(event).catch(() => {});
    wire.drain();
    clock.advance(10_000);
    expect(session.state).toBe('selected');
  });
});

describe('T8 while reading is paused', () => {
  it('a partial frame does not time out while we are the ones not reading; T8 restarts on resume', () => {
    const { session, wire, clock, errors } = stalledPeer({ outboundStallMs: 60_000 });
    wire.feed('00 00 00 0A 00 64'); // half a frame
    for (let i = 0; i < 4; i++) void session.send(event).catch(() => {});
    expect(wire.readingPaused).toBe(true);
    clock.advance(30_000); // T8 is 5 s
    expect(session.state).toBe('selected');
    wire.drain();
    clock.advance(4999);
    expect(session.state).toBe('selected');
    clock.advance(1);
    expect(session.state).toBe('not-connected');
    expect(errors).toEqual([expect.stringMatching(/^t8-timeout: /)]);
  });

  it('control replies go through the same bound: a Linktest.rsp is written while under it', () => {
    const { wire } = stalledPeer();
    wire.feed(frameHex('FFFF 00 00 00 05 00000009'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 06 00000009'))]);
  });
});
