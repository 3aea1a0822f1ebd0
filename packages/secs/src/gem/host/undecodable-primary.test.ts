// A W primary whose body GemHost cannot decode is aborted with SxF0 (a host sends no S9), not left
// unanswered until the equipment's T3; the application hears of it as an 'error'.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { HsmsSession } from '../../hsms/session.js';
import { frameHex, ScriptedTransport, spaced } from '../../hsms/test-peer.test-util.js';
import { GemHost } from './gem-host.js';

describe('GemHost and an undecodable primary', () => {
  it('S6F11 W with body 00 (L with no length bytes) gets S6F0; the error is reported', () => {
    const session = new HsmsSession({ sessionId: 1, clock: new FakeClock() });
    const host = new GemHost(session);
    const errors: string[] = [];
    host.on('error', (e) => errors.push(e.message));
    const wire = new ScriptedTransport();
    session.attach(wire, 'passive');
    wire.feed(frameHex('FFFF 00 00 00 01 00000001'));
    wire.take();
    wire.feed(frameHex('0001 86 0B 00 00 00000007', '00'));
    expect(wire.take()).toEqual([spaced(frameHex('0001 06 00 00 00 00000007'))]);
    expect(errors).toEqual(['S6F11: L item declares 0 length bytes at byte 0']);
  });
});
