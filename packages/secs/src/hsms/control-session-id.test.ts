// E37 peers disagree on the session id of control messages: some send 0xFFFF, some the device id.
// Requests in either convention are accepted (session.test.ts); here the responses are.
import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { HsmsSession } from './session.js';
import { frameHex, ScriptedTransport, spaced } from './test-peer.test-util.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

// Device id 0x0064 = 100. Each case: our convention, the session id the peer puts in its responses.
const cases: Array<{ ours: 'ffff' | 'own'; sent: string; answered: string }> = [
  { ours: 'ffff', sent: 'FFFF', answered: 'FFFF' },
  { ours: 'ffff', sent: 'FFFF', answered: '0064' },
  { ours: 'own', sent: '0064', answered: '0064' },
  { ours: 'own', sent: '0064', answered: 'FFFF' },
];

describe('control responses in either session-id convention', () => {
  for (const { ours, sent, answered } of cases) {
    it(`we send ${sent}, the peer answers Select/Linktest/Deselect.rsp with ${answered}`, async () => {
      const session = new HsmsSession({ sessionId: 100, controlSessionId: ours, clock: new FakeClock() });
      const wire = new ScriptedTransport();
      const errors: string[] = [];
      session.on('error', (e) => errors.push(e.code));
      session.attach(wire, 'active');
      expect(wire.take()).toEqual([spaced(frameHex(`${sent} 00 00 00 01 00000001`))]);
      wire.feed(frameHex(`${answered} 00 00 00 02 00000001`));
      await flush();
      expect(session.state).toBe('selected');

      const lt = session.linktest();
      expect(wire.take()).toEqual([spaced(frameHex(`${sent} 00 00 00 05 00000002`))]);
      wire.feed(frameHex(`${answered} 00 00 00 06 00000002`));
      await expect(lt).resolves.toBe(0);

      const ds = session.deselect();
      expect(wire.take()).toEqual([spaced(frameHex(`${sent} 00 00 00 03 00000003`))]);
      wire.feed(frameHex(`${answered} 00 00 00 04 00000003`));
      await ds;
      expect(session.state).toBe('not-selected');
      // No Reject.req went out for any of the responses.
      expect(wire.take()).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

describe('control requests naming another session entity', () => {
  it('a Select.req with session id 0x0065 (we are 0x0064) gets Select.rsp status 4 and selects nothing', () => {
    const session = new HsmsSession({ sessionId: 100, clock: new FakeClock() });
    const wire = new ScriptedTransport();
    session.attach(wire, 'passive');
    wire.feed(frameHex('0065 00 00 00 01 00000007'));
    expect(wire.take()).toEqual([spaced(frameHex('0065 00 04 00 02 00000007'))]);
    expect(session.state).toBe('not-selected');
    // Session id 0 is another entity too; 0xFFFF then selects.
    wire.feed(frameHex('0000 00 00 00 01 00000008'));
    wire.feed(frameHex('FFFF 00 00 00 01 00000009'));
    expect(wire.take()).toEqual([
      spaced(frameHex('0000 00 04 00 02 00000008')),
      spaced(frameHex('FFFF 00 00 00 02 00000009')),
    ]);
    expect(session.state).toBe('selected');
    // A Deselect.req for another entity leaves us selected (status 1, not selected).
    wire.feed(frameHex('0065 00 00 00 03 0000000A'));
    expect(wire.take()).toEqual([spaced(frameHex('0065 00 01 00 04 0000000A'))]);
    expect(session.state).toBe('selected');
  });
});
