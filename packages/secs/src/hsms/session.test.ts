import { describe, expect, it } from 'vitest';
import { HsmsError } from './errors.js';
import { memoryTransportPair } from './memory-transport.js';
import { HsmsSession } from './session.js';
import { frameHex, passive, selected, spaced } from './test-peer.test-util.js';

// Expected bytes are written out by hand from the E37 header layout (docs/secs.md §1.1):
// session(2) stream|W(1) function(1) PType(1) SType(1) system bytes(4).

describe('HsmsSession, passive side against a scripted peer', () => {
  it('answers Select.req (session 0xFFFF) with Select.rsp status 0 and becomes SELECTED', () => {
    const { session, wire, states } = passive();
    expect(session.state).toBe('not-selected');
    wire.feed(frameHex('FFFF 00 00 00 01 00000001'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 02 00000001'))]);
    expect(states).toEqual(['not-selected', 'selected']);
  });

  it('accepts Select.req carrying the real session id, echoing it', () => {
    const { session, wire } = passive();
    wire.feed(frameHex('0064 00 00 00 01 0000002A'));
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 00 00 02 0000002A'))]);
    expect(session.state).toBe('selected');
  });

  it('answers a second Select.req with status 1 (already active)', () => {
    const { wire } = selected();
    wire.feed(frameHex('FFFF 00 00 00 01 00000002'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 01 00 02 00000002'))]);
  });

  it('rejects a data message while NOT SELECTED (reason 4)', () => {
    const { wire } = passive();
    wire.feed(frameHex('0064 81 01 00 00 00000007'));
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 04 00 07 00000007'))]);
  });

  it('answers Linktest.req in any connected state', () => {
    const { wire } = passive();
    wire.feed(frameHex('FFFF 00 00 00 05 00000009'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 06 00000009'))]);
  });

  it('rejects unsupported SType (reason 1) and PType (reason 2), echoing the type in byte 2', () => {
    const { wire } = selected();
    wire.feed(frameHex('FFFF 00 00 00 08 00000003'));
    wire.feed(frameHex('0064 81 01 05 00 00000004'));
    expect(wire.take()).toEqual([
      spaced(frameHex('FFFF 08 01 00 07 00000003')),
      spaced(frameHex('0064 05 02 00 07 00000004')),
    ]);
  });

  it('rejects a reply to a transaction that is not open (reason 3)', () => {
    const { wire } = selected();
    wire.feed(frameHex('0064 01 02 00 00 00000063', '41 00'));
    wire.feed(frameHex('FFFF 00 00 00 06 00000064'));
    expect(wire.take()).toEqual([
      spaced(frameHex('0064 00 03 00 07 00000063')),
      spaced(frameHex('FFFF 06 03 00 07 00000064')),
    ]);
  });

  it('delivers primaries to the handler and sends the returned reply with the same system bytes', async () => {
    const { session, wire } = selected();
    const seen: string[] = [];
    session.onMessage((m) => {
      seen.push(`S${m.stream}F${m.function}${m.wBit ? ' W' : ''} ${Buffer.from(m.body).toString('hex')}`);
      return { stream: 1, function: 2, body: Uint8Array.of(0x01, 0x00) };
    });
    wire.feed(frameHex('0064 81 01 00 00 0000007B'));
    expect(seen).toEqual(['S1F1 W ']);
    expect(wire.take()).toEqual([spaced(frameHex('0064 01 02 00 00 0000007B', '01 00'))]);
    // Async handler; no W = no reply even when the handler returns one.
    session.onMessage(async () => ({ stream: 6, function: 12 }));
    wire.feed(frameHex('0064 06 0B 00 00 0000007C', '01 00'));
    await Promise.resolve();
    expect(wire.take()).toEqual([]);
  });

  it('a handler that throws or rejects is reported as handler-error; the session carries on', async () => {
    const { session, wire } = selected();
    const errors: string[] = [];
    session.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
    session.onMessage(() => {
      throw new Error('boom');
    });
    wire.feed(frameHex('0064 81 01 00 00 00000001'));
    session.onMessage(async () => {
      throw new Error('later');
    });
    wire.feed(frameHex('0064 81 03 00 00 00000002'));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual([
      'handler-error: handler for S1F1 failed: boom',
      'handler-error: handler for S1F3 failed: later',
    ]);
    expect(session.state).toBe('selected');
    expect(wire.take()).toEqual([]);
  });

  it('reports a data message for another session id as unknown-device with its header', () => {
    const { session, wire } = selected();
    const events: string[] = [];
    session.on('unknown-device', (e) => events.push(Buffer.from(e.header).toString('hex')));
    session.onMessage(() => {
      throw new Error('must not be called');
    });
    wire.feed(frameHex('0065 81 01 00 00 00000005'));
    expect(events).toEqual(['00658101000000000005']);
    expect(wire.take()).toEqual([]);
  });

  it('sends data with W and resolves with the matching reply; replies in any order', async () => {
    const { session, wire } = selected();
    const a = session.send({ stream: 1, function: 1, wBit: true });
    const b = session.send({ stream: 1, function: 3, wBit: true, body: Uint8Array.of(0x01, 0x00) });
    expect(wire.take()).toEqual([
      spaced(frameHex('0064 81 01 00 00 00000001')),
      spaced(frameHex('0064 81 03 00 00 00000002', '01 00')),
    ]);
    wire.feed(
      frameHex('0064 01 04 00 00 00000002', '01 00') + frameHex('0064 01 02 00 00 00000001', '01 00'),
    );
    expect((await a)?.function).toBe(2);
    expect((await b)?.function).toBe(4);
    expect(session.openTransactions).toBe(0);
  });

  it('resolves a send without W with undefined', async () => {
    const { session } = selected();
    await expect(session.send({ stream: 5, function: 1 })).resolves.toBeUndefined();
  });

  it('refuses to send when not selected, and messages over the limit', async () => {
    const { session } = passive();
    await expect(session.send({ stream: 1, function: 1, wBit: true })).rejects.toMatchObject({
      code: 'not-selected',
    });
    const s = selected({ maxMessageBytes: 20 });
    await expect(s.session.send({ stream: 1, function: 1, body: new Uint8Array(11) })).rejects.toMatchObject({
      code: 'message-too-large',
    });
  });

  it('fails the transaction named by a Reject.req with code rejected and the reason', async () => {
    const { session, wire } = selected();
    const p = session.send({ stream: 1, function: 1, wBit: true });
    wire.feed(frameHex('0064 00 03 00 07 00000001'));
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HsmsError);
    expect(err).toMatchObject({ code: 'rejected', reason: 3 });
  });

  it('Deselect.req returns to NOT SELECTED; a second one gets status 1', () => {
    const { session, wire } = selected();
    wire.feed(frameHex('FFFF 00 00 00 03 00000010'));
    wire.feed(frameHex('FFFF 00 00 00 03 00000011'));
    expect(wire.take()).toEqual([
      spaced(frameHex('FFFF 00 00 00 04 00000010')),
      spaced(frameHex('FFFF 00 01 00 04 00000011')),
    ]);
    expect(session.state).toBe('not-selected');
  });

  it('Separate.req closes the connection and fails open transactions with connection-closed', async () => {
    const { session, wire, states } = selected();
    const p = session.send({ stream: 1, function: 1, wBit: true });
    wire.feed(frameHex('FFFF 00 00 00 09 00000012'));
    await expect(p).rejects.toMatchObject({ code: 'connection-closed' });
    expect(session.state).toBe('not-connected');
    expect(wire.destroyed).toBe(true);
    expect(states).toEqual(['not-selected', 'selected', 'not-connected']);
  });

  it('separate() sends Separate.req (session 0xFFFF) and ends the transport', () => {
    const { session, wire } = selected();
    session.separate();
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 09 00000001'))]);
    expect(wire.ended).toBe(true);
    expect(session.state).toBe('not-connected');
  });

  it("uses the session's own id in control messages when configured so", () => {
    const { session, wire } = selected({ controlSessionId: 'own' });
    session.separate();
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 00 00 09 00000001'))]);
  });

  it('skips a primary over the size limit, reports its header for S9F11, and keeps the link up', () => {
    const { session, wire } = selected({ maxMessageBytes: 100 });
    const events: Array<{ header: string; declaredLength: number; body: number }> = [];
    session.on('message-too-large', (e) =>
      events.push({
        header: Buffer.from(e.header).toString('hex'),
        declaredLength: e.declaredLength,
        body: e.message.body.length,
      }),
    );
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    const seen: string[] = [];
    session.onMessage((m) => {
      seen.push(`S${m.stream}F${m.function} ${m.systemBytes}`);
    });
    // Length 0x65 = 101 (one over), S6F11 W, system bytes 9, then its 91 body bytes in three chunks.
    wire.feed('00 00 00 65 00 64 86 0B 00 00 00 00 00 09');
    expect(events).toEqual([{ header: '0064860b000000000009', declaredLength: 101, body: 0 }]);
    wire.feed(new Uint8Array(40).fill(0xaa));
    wire.feed(new Uint8Array(51).fill(0xbb));
    // The next frame right after the skipped body is parsed normally.
    wire.feed(frameHex('0064 81 01 00 00 0000000A'));
    expect(seen).toEqual(['S1F1 10']);
    expect(errors).toEqual([]);
    expect(session.state).toBe('selected');
    expect(wire.destroyed).toBe(false);
  });

  it('an oversized reply fails its transaction at once with message-too-large and the header', async () => {
    const { session, wire } = selected({ maxMessageBytes: 100 });
    const p = session.send({ stream: 1, function: 3, wBit: true }); // system bytes 1
    const other = session.send({ stream: 1, function: 1, wBit: true }); // system bytes 2
    wire.take();
    // S1F4, system bytes 1, declared 200 bytes, body arriving in the same chunk as the next reply.
    const body = 'CC'.repeat(190);
    wire.feed(`000000C8 0064 01 04 00 00 00000001 ${body} ${frameHex('0064 01 02 00 00 00000002')}`);
    const err = await p.catch((e: unknown) => e as HsmsError);
    expect(err).toBeInstanceOf(HsmsError);
    expect(err).toMatchObject({ code: 'message-too-large' });
    expect(Buffer.from((err as HsmsError).header!).toString('hex')).toBe('00640104000000000001');
    await expect(other).resolves.toMatchObject({ stream: 1, function: 2, systemBytes: 2 });
    expect(session.state).toBe('selected');
  });

  it('rejects an oversized data message while NOT SELECTED (reason 4), without reading its body', () => {
    const { wire } = passive({ maxMessageBytes: 100 });
    wire.feed('00 10 00 00 0064 81 01 00 00 00000007');
    expect(wire.take()).toEqual([spaced(frameHex('0064 00 04 00 07 00000007'))]);
  });

  it('closes on a declared length below the 10-byte header, reporting protocol-error', () => {
    const { session, wire } = selected();
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    wire.feed('00 00 00 09');
    expect(errors).toEqual(['protocol-error']);
    expect(session.state).toBe('not-connected');
    expect(wire.destroyed).toBe(true);
  });

  it('Deselect.req while a transaction is open gets status 2 (busy); once settled, 0', async () => {
    const { session, wire } = selected();
    const p = session.send({ stream: 1, function: 1, wBit: true }); // system bytes 1
    wire.take();
    wire.feed(frameHex('FFFF 00 00 00 03 00000020'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 02 00 04 00000020'))]);
    expect(session.state).toBe('selected');
    wire.feed(frameHex('0064 01 02 00 00 00000001'));
    await p;
    wire.feed(frameHex('FFFF 00 00 00 03 00000021'));
    expect(wire.take()).toEqual([spaced(frameHex('FFFF 00 00 00 04 00000021'))]);
    expect(session.state).toBe('not-selected');
  });
});

describe('two sessions over an in-memory transport pair', () => {
  it('select, request/reply, deselect, linktest, separate', async () => {
    const [ta, tb] = memoryTransportPair();
    const host = new HsmsSession({ sessionId: 7 });
    const tool = new HsmsSession({ sessionId: 7 });
    tool.onMessage((m) => ({ stream: m.stream, function: m.function + 1, body: m.body }));
    tool.attach(tb, 'passive');
    host.attach(ta, 'active');
    await host.whenState('selected');
    const r = await host.send({ stream: 1, function: 13, wBit: true, body: Uint8Array.of(0x01, 0x00) });
    expect(r).toMatchObject({ stream: 1, function: 14, wBit: false });
    expect(Buffer.from(r!.body).toString('hex')).toBe('0100');
    expect(await host.linktest()).toBeGreaterThanOrEqual(0);
    await host.deselect();
    expect(host.state).toBe('not-selected');
    await expect(host.deselect()).rejects.toMatchObject({ code: 'deselect-refused', reason: 1 });
    await host.select();
    expect(tool.state).toBe('selected');
    host.separate();
    await tool.whenState('not-connected');
    expect(host.state).toBe('not-connected');
  });

  it('crossing Select.req from both sides ends selected on both, without errors', async () => {
    const [ta, tb] = memoryTransportPair();
    const a = new HsmsSession({ sessionId: 7 });
    const b = new HsmsSession({ sessionId: 7 });
    const errors: string[] = [];
    a.on('error', (e) => errors.push(e.message));
    b.on('error', (e) => errors.push(e.message));
    b.attach(tb, 'passive');
    a.attach(ta, 'active');
    await Promise.all([b.select(), a.whenState('selected')]);
    await new Promise((r) => setTimeout(r, 0));
    expect([a.state, b.state]).toEqual(['selected', 'selected']);
    expect(errors).toEqual([]);
  });
});
