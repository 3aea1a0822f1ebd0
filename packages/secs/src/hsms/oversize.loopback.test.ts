// A message over the receiver's size limit between two real sessions: skipped, reported with its
// header for S9F11, and the link carries on. The S9F11 here is sent by the test, as GEM would.
import { describe, expect, it } from 'vitest';
import { memoryTransportPair } from './memory-transport.js';
import { HsmsSession } from './session.js';

describe('oversized messages between two sessions (in-memory transports)', () => {
  it('the tool skips a 1 MiB S7F3 over its 64 KiB limit, answers S9F11, and serves the next request', async () => {
    const [ta, tb] = memoryTransportPair();
    const host = new HsmsSession({ sessionId: 7 });
    const tool = new HsmsSession({ sessionId: 7, maxMessageBytes: 64 * 1024 });
    const heard: Uint8Array[] = [];
    tool.on('message-too-large', ({ header }) => {
      heard.push(header);
      void tool.send({ stream: 9, function: 11, body: Uint8Array.of(0x21, 0x0a, ...header) });
    });
    tool.onMessage((m) => ({ stream: m.stream, function: m.function + 1 }));
    const s9: Array<{ f: number; mhead: string }> = [];
    host.onMessage((m) => {
      s9.push({ f: m.function, mhead: Buffer.from(m.body.subarray(2)).toString('hex') });
    });
    tool.attach(tb, 'passive');
    host.attach(ta, 'active');
    await host.whenState('selected');

    // S7F3 W without waiting for its reply (there will be none: the tool never read it).
    const big = host.send({ stream: 7, function: 3, wBit: true, body: new Uint8Array(1024 * 1024) });
    big.catch(() => {});
    const next = await host.send({ stream: 1, function: 1, wBit: true });
    expect(next).toMatchObject({ stream: 1, function: 2 });
    // MHEAD of the S7F3 W: session 7, 0x87 0x03, PType 0, SType 0, system bytes 2 (the host's
    // Select.req took 1).
    expect(heard.map((h) => Buffer.from(h).toString('hex'))).toEqual(['00078703000000000002']);
    expect(s9).toEqual([{ f: 11, mhead: '00078703000000000002' }]);
    expect(tool.state).toBe('selected');
    expect(host.state).toBe('selected');
    host.close();
    await expect(big).rejects.toMatchObject({ code: 'connection-closed' });
  });
});
