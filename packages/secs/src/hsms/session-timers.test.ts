// Session timers T3, T6, T7, T8 and the periodic linktest, on a fake clock.
import { describe, expect, it } from 'vitest';
import type { HsmsError } from './errors.js';
import { FakeClock } from './fake-clock.js';
import { HsmsSession } from './session.js';
import { frameHex, passive, ScriptedTransport, selected, spaced } from './test-peer.test-util.js';

// Expected bytes are written out by hand from the E37 header layout (docs/secs.md §1.1):
// session(2) stream|W(1) function(1) PType(1) SType(1) system bytes(4).

describe('HsmsSession timers (fake clock)', () => {
  it('T3: a reply that never comes rejects with t3-timeout after exactly T3', async () => {
    const { session, clock } = selected({ t3Ms: 2000 });
    const p = session.send({ stream: 1, function: 1, wBit: true });
    clock.advance(1000);
    const q = session.send({ stream: 1, function: 3, wBit: true });
    let aDone = false;
    p.catch(() => {
      aDone = true;
    });
    clock.advance(999);
    await Promise.resolve();
    expect(aDone).toBe(false);
    clock.advance(1);
    const err = (await p.catch((e: unknown) => e)) as HsmsError;
    expect(err.code).toBe('t3-timeout');
    // The timed-out message's header (MHEAD for S9F9): session 100, S1F1 W, system bytes 1.
    expect(Buffer.from(err.header!).toString('hex')).toBe('00648101000000000001');
    expect(session.openTransactions).toBe(1);
    clock.advance(1000);
    await expect(q).rejects.toMatchObject({ code: 't3-timeout' });
    expect(session.state).toBe('selected'); // T3 does not drop the link
    expect(clock.pending).toBe(0);
  });

  it('T7: an unselected connection is dropped after T7', () => {
    const { session, clock, wire } = passive({ t7Ms: 3000 });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    clock.advance(2999);
    expect(session.state).toBe('not-selected');
    clock.advance(1);
    expect(errors).toEqual(['t7-timeout']);
    expect(session.state).toBe('not-connected');
    expect(wire.destroyed).toBe(true);
  });

  it('T7 stops once selected', () => {
    const { session, clock } = selected({ t7Ms: 3000 });
    clock.advance(10_000);
    expect(session.state).toBe('selected');
  });

  it('T6: the active side drops the connection when Select.rsp does not come', () => {
    const clock = new FakeClock();
    const session = new HsmsSession({ sessionId: 1, clock, t6Ms: 5000 });
    const wire = new ScriptedTransport();
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    session.attach(wire, 'active');
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 01 00000001'))]);
    clock.advance(4999);
    expect(session.state).toBe('not-selected');
    clock.advance(1);
    expect(errors).toEqual(['t6-timeout']);
    expect(session.state).toBe('not-connected');
  });

  it('active side: Select.rsp 0 selects; a refused select closes with select-refused', async () => {
    const clock = new FakeClock();
    const s1 = new HsmsSession({ sessionId: 1, clock });
    const w1 = new ScriptedTransport();
    s1.attach(w1, 'active');
    w1.feed(frameHex('FFFF 00 00 00 02 00000001'));
    await Promise.resolve();
    expect(s1.state).toBe('selected');

    const s2 = new HsmsSession({ sessionId: 1, clock });
    const w2 = new ScriptedTransport();
    const errors: HsmsError[] = [];
    s2.on('error', (e) => errors.push(e));
    s2.attach(w2, 'active');
    w2.feed(frameHex('FFFF 00 03 00 02 00000001'));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.map((e) => [e.code, e.reason])).toEqual([['select-refused', 3]]);
    expect(s2.state).toBe('not-connected');
  });

  it('active side: Select.rsp 1 after a crossing Select.req selected us is not a failure', async () => {
    const session = new HsmsSession({ sessionId: 1, clock: new FakeClock() });
    const wire = new ScriptedTransport();
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    session.attach(wire, 'active'); // sends Select.req, system bytes 1
    wire.feed(frameHex('FFFF 00 00 00 01 00000077')); // the peer's own Select.req crosses ours
    wire.feed(frameHex('FFFF 00 01 00 02 00000001')); // and it answers ours with "already active"
    await new Promise((r) => setTimeout(r, 0));
    expect(session.state).toBe('selected');
    expect(errors).toEqual([]);
  });

  it('T6 on linktest: no Linktest.rsp closes the connection', async () => {
    const { session, clock } = selected({ t6Ms: 1000 });
    const p = session.linktest();
    clock.advance(1000);
    await expect(p).rejects.toMatchObject({ code: 't6-timeout' });
    expect(session.state).toBe('not-connected');
  });

  it('periodic linktest every linktestMs while selected', async () => {
    const { wire, clock } = selected({ linktestMs: 30_000 });
    clock.advance(29_999);
    expect(wire.take()).toEqual([]);
    clock.advance(1);
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 05 00000001'))]);
    wire.feed(frameHex('FFFF 00 00 00 06 00000001'));
    await Promise.resolve();
    await Promise.resolve();
    clock.advance(30_000);
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 05 00000002'))]);
  });

  it('T8: a frame stalled mid-way for T8 closes the connection; steady bytes keep it open', () => {
    const { session, clock, wire } = selected({ t8Ms: 2000 });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    const f = Buffer.from(frameHex('0064 81 01 00 00 00000005'), 'hex');
    wire.feed(f.subarray(0, 3));
    clock.advance(1500);
    wire.feed(f.subarray(3, 8)); // progress resets the inter-character clock
    clock.advance(1999);
    expect(session.state).toBe('selected');
    clock.advance(1);
    expect(errors).toEqual(['t8-timeout']);
    expect(session.state).toBe('not-connected');
  });

  it('T8 is not armed between whole frames', () => {
    const { session, clock, wire } = selected({ t8Ms: 2000 });
    wire.feed(frameHex('FFFF 00 00 00 05 00000005'));
    clock.advance(60_000);
    expect(session.state).toBe('selected');
  });

  it('T8 also applies while the body of an oversized frame is being skipped', () => {
    const { session, clock, wire } = selected({ t8Ms: 2000, maxMessageBytes: 100 });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    wire.feed('00 00 10 00 0064 86 0B 00 00 00000009'); // declares 4096 bytes, over the limit
    clock.advance(1500);
    wire.feed(new Uint8Array(1000)); // progress resets the inter-character clock
    clock.advance(1999);
    expect(session.state).toBe('selected');
    clock.advance(1);
    expect(errors).toEqual(['t8-timeout']);
    expect(session.state).toBe('not-connected');
  });
});
