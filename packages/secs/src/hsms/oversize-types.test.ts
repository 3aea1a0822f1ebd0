// An oversized frame is judged by its header like any frame: a PType other than 0 (SECS-II) gets
// Reject.req reason 2 and an unsupported SType reason 1, exactly as a frame of legal size would; only
// an oversized SECS-II data message is reported as message-too-large (GEM's S9F11).
import { describe, expect, it } from 'vitest';
import { frameHex, selected, spaced } from './test-peer.test-util.js';

describe('oversized frames with an unsupported PType or SType', () => {
  it('PType 5, SType 0, declared 200 bytes over a 100-byte limit: Reject.req reason 2, no S9F11 event', () => {
    const { session, wire } = selected({ maxMessageBytes: 100 });
    const tooLarge: string[] = [];
    session.on('message-too-large', (e) => tooLarge.push(Buffer.from(e.header).toString('hex')));
    wire.feed(`000000C8 0064 81 01 05 00 00000004 ${'EE'.repeat(190)}`);
    expect(wire.take()).toEqual([spaced(frameHex('0064 05 02 00 07 00000004'))]);
    expect(tooLarge).toEqual([]);
    // The body was skipped: the next frame is parsed as usual.
    wire.feed(frameHex('FFFF 00 00 00 05 00000005'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 06 00000005'))]);
    expect(session.state).toBe('selected');
  });

  it('an oversized Reject.req with PType 5 is not answered (never a Reject for a Reject)', () => {
    const { wire } = selected({ maxMessageBytes: 100 });
    wire.feed(`000000C8 FFFF 00 00 05 07 00000004 ${'EE'.repeat(190)}`);
    expect(wire.take()).toEqual([]);
  });

  it('SType 8 (undefined), declared 200 bytes: Reject.req reason 1 with the SType in byte 2', () => {
    const { session, wire } = selected({ maxMessageBytes: 100 });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    wire.feed(`000000C8 FFFF 00 00 00 08 00000003 ${'EE'.repeat(190)}`);
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 08 01 00 07 00000003'))]);
    expect(errors).toEqual([]);
  });
});
