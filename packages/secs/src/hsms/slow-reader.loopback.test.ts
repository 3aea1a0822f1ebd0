// A real TCP peer (loopback) that stops reading: the session's unsent bytes stay under
// maxOutboundBytes, the peer is cut off with send-overflow, whichever side the session plays; a peer
// that pipelines requests and reads no reply makes the session stop reading it, then is cut off.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from './active-endpoint.js';
import { HsmsPassiveEndpoint } from './passive-endpoint.js';
import { HsmsSession } from './session.js';
import { hex } from './test-frames.test-util.js';

const SELECT_REQ = hex('0000000A FFFF 0000 0001 00000001');
const SELECT_RSP = hex('0000000A FFFF 0000 0002 00000001');
const BOUNDS = {
  maxMessageBytes: 64 * 1024,
  maxOutboundBytes: 256 * 1024,
  outboundHighWaterBytes: 64 * 1024,
};
const event = { stream: 6, function: 11, wBit: true, body: new Uint8Array(1024) } as const;

/** Read until `bytes` arrived whole, then stop reading for good. */
function readThenStall(socket: Socket, bytes: number, onDone: () => void): void {
  let got = 0;
  const onData = (c: Buffer) => {
    got += c.length;
    if (got < bytes) return;
    socket.off('data', onData);
    socket.pause();
    onDone();
  };
  socket.on('data', onData);
}

/** Send events as fast as the event loop allows while selected; returns the largest backlog seen. */
async function flood(session: HsmsSession): Promise<number> {
  let most = 0;
  const deadline = Date.now() + TEST_DEADLINE_MS;
  while (session.state === 'selected') {
    if (Date.now() > deadline) throw new Error('the peer that stopped reading was never cut off');
    for (let i = 0; i < 50 && session.state === 'selected'; i++) {
      session.send(event).catch(() => {});
      most = Math.max(most, session.outboundBytes);
    }
    await new Promise((r) => setImmediate(r));
  }
  return most;
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('a TCP peer that stops reading (loopback)', () => {
  it('equipment side (passive): the backlog stays under maxOutboundBytes and the peer is cut off', async () => {
    const session = new HsmsSession({ sessionId: 1, ...BOUNDS });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    const endpoint = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
    cleanup.push(() => endpoint.close());
    const { port } = await endpoint.listen();
    const peer = connect({ host: '127.0.0.1', port });
    cleanup.push(() => peer.destroy());
    await new Promise<void>((r) => peer.once('connect', () => r()));
    readThenStall(peer, SELECT_RSP.length, () => {});
    peer.write(SELECT_REQ);
    await until(() => session.state === 'selected', 'selected');
    const most = await flood(session);
    expect(most).toBeLessThanOrEqual(BOUNDS.maxOutboundBytes);
    expect(most).toBeGreaterThan(BOUNDS.outboundHighWaterBytes);
    expect(errors).toContain('send-overflow');
    expect(session.state).toBe('not-connected');
    // Once the peer reads again it finds the connection closed.
    const closed = new Promise((r) => peer.once('close', r));
    peer.on('error', () => {});
    peer.resume();
    await closed;
  });

  it('host side (active): the same bound, the same cut-off', async () => {
    const peers: Socket[] = [];
    const server: Server = createServer((s) => {
      peers.push(s);
      readThenStall(s, SELECT_REQ.length, () => s.write(SELECT_RSP));
    });
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    cleanup.push(() => {
      for (const s of peers) s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const session = new HsmsSession({ sessionId: 1, ...BOUNDS });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    const endpoint = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port });
    cleanup.push(() => endpoint.dispose());
    endpoint.start();
    await until(() => session.state === 'selected', 'selected');
    const most = await flood(session);
    expect(most).toBeLessThanOrEqual(BOUNDS.maxOutboundBytes);
    expect(errors).toContain('send-overflow');
  });

  it('a peer pipelining requests without reading replies: reading stops, the backlog stays bounded, the peer is cut off', async () => {
    const session = new HsmsSession({ sessionId: 1, ...BOUNDS, outboundStallMs: 1000 });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(e.code));
    let answered = 0;
    session.onMessage((m) => {
      answered++;
      // 30 bytes a reply: a 64 KiB read of requests (4,681) makes 140 KiB of replies, under the
      // bound; pausing takes effect between socket reads.
      return { stream: m.stream, function: m.function + 1, body: new Uint8Array(16) };
    });
    const endpoint = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
    cleanup.push(() => endpoint.close());
    const { port } = await endpoint.listen();
    const peer = connect({ host: '127.0.0.1', port });
    cleanup.push(() => peer.destroy());
    peer.on('error', () => {}); // the session resets it
    await new Promise<void>((r) => peer.once('connect', () => r()));
    readThenStall(peer, SELECT_RSP.length, () => {});
    peer.write(SELECT_REQ);
    await until(() => session.state === 'selected', 'selected');
    // S1F1 W, 1000 per write, as long as the socket takes them; the replies are never read.
    const burst = Buffer.alloc(14 * 1000);
    for (let i = 0; i < 1000; i++) {
      hex(`0000000A 0001 8101 0000 ${(i + 2).toString(16).padStart(8, '0')}`).copy(burst, i * 14);
    }
    let paused = false;
    let most = 0;
    const deadline = Date.now() + TEST_DEADLINE_MS;
    while (session.state === 'selected') {
      if (Date.now() > deadline) throw new Error('the pipelining peer was never cut off');
      if (peer.writableLength < 1 << 20) peer.write(burst);
      paused ||= session.readingPaused;
      most = Math.max(most, session.outboundBytes);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(paused).toBe(true);
    expect(most).toBeLessThanOrEqual(BOUNDS.maxOutboundBytes);
    expect(answered).toBeGreaterThan(0);
    expect(errors).toEqual(['send-stalled']);
  });
});
