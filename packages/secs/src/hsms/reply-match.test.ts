// A reply is matched by its system bytes AND by stream/function: stream equal and function = the
// primary's + 1, or function 0 (SxF0, abort) of the same stream. Anything else that carries open
// system bytes answers no transaction (Reject.req reason 3) and leaves the transaction open.
import { describe, expect, it } from 'vitest';
import { frameHex, selected, spaced } from './test-peer.test-util.js';

describe('reply matching by stream and function', () => {
  it('an S6F14 with the system bytes of our S1F13 is rejected (reason 3); the S1F14 then settles it', async () => {
    const { session, wire } = selected();
    const p = session.send({ stream: 1, function: 13, wBit: true }); // system bytes 1
    wire.take();
    wire.feed(frameHex('0064 06 0E 00 00 00000001', '01 00'));
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 03 00 07 00000001'))]);
    expect(session.openTransactions).toBe(1);
    wire.feed(frameHex('0064 01 0E 00 00 00000001', '01 00'));
    await expect(p).resolves.toMatchObject({ stream: 1, function: 14, systemBytes: 1 });
    expect(session.openTransactions).toBe(0);
  });

  it('a reply of the right stream with another function is rejected too (S1F16 to an S1F13)', () => {
    const { session, wire } = selected();
    void session.send({ stream: 1, function: 13, wBit: true }).catch(() => {});
    wire.take();
    wire.feed(frameHex('0064 01 10 00 00 00000001'));
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 03 00 07 00000001'))]);
    expect(session.openTransactions).toBe(1);
  });

  it('SxF0 of the same stream settles the transaction (an abort); of another stream it does not', async () => {
    const { session, wire } = selected();
    const p = session.send({ stream: 2, function: 41, wBit: true }); // system bytes 1
    wire.take();
    wire.feed(frameHex('0064 01 00 00 00 00000001'));
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 03 00 07 00000001'))]);
    wire.feed(frameHex('0064 02 00 00 00 00000001'));
    await expect(p).resolves.toMatchObject({ stream: 2, function: 0 });
    expect(session.openTransactions).toBe(0);
  });
});

describe('an oversized reply fails only the transaction it answers', () => {
  it('an oversized S6F14 with the system bytes of our S1F3 leaves the S1F3 open', async () => {
    const { session, wire } = selected({ maxMessageBytes: 100 });
    const p = session.send({ stream: 1, function: 3, wBit: true }); // system bytes 1
    wire.take();
    wire.feed(`000000C8 0064 06 0E 00 00 00000001 ${'CC'.repeat(190)}`);
    expect(session.openTransactions).toBe(1);
    wire.feed(frameHex('0064 01 04 00 00 00000001', '01 00'));
    await expect(p).resolves.toMatchObject({ stream: 1, function: 4 });
  });
});
