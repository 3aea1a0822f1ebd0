import { connect, createServer, type Socket } from 'node:net';
import { until } from '@bondline/core/testing';
import { describe, expect, it } from 'vitest';
import { socketTransport } from './transport.js';

describe('socketTransport', () => {
  it('sends writes of one tick together, and reports a close that happened before bind', async () => {
    const received: Buffer[] = [];
    let serverSide: Socket | undefined;
    const server = createServer((s) => {
      serverSide = s;
      s.on('data', (c) => received.push(c));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const client = connect({ host: '127.0.0.1', port });
    await new Promise<void>((r) => client.once('connect', () => r()));
    const t = socketTransport(client);
    t.write(Uint8Array.of(1, 2));
    t.write(Uint8Array.of(3));
    // Wait for the bytes rather than a fixed time: on a loaded machine delivery can take a while.
    await until(() => Buffer.concat(received).length >= 3, 'the three bytes at the peer');
    expect(Buffer.concat(received)).toEqual(Buffer.from([1, 2, 3]));
    // Peer resets the connection before anyone binds: no unhandled 'error', and bind sees the close.
    serverSide!.resetAndDestroy();
    await new Promise((r) => client.once('close', r));
    const events: string[] = [];
    t.bind({
      data: () => events.push('data'),
      close: () => events.push('close'),
      error: () => events.push('error'),
      drain: () => events.push('drain'),
    });
    await Promise.resolve();
    expect(events).toEqual(['close']);
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe('socketTransport backpressure', () => {
  it('once socket.write returns false, frames wait in the transport (not the socket) until drain, in order', async () => {
    let serverSide: Socket | undefined;
    const server = createServer((s) => {
      serverSide = s;
      s.pause(); // a peer that does not read
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const client = connect({ host: '127.0.0.1', port });
    await new Promise<void>((r) => client.once('connect', () => r()));
    await until(() => serverSide !== undefined, 'the accepted socket');
    const t = socketTransport(client);
    let drains = 0;
    t.bind({ data: () => {}, close: () => {}, error: () => {}, drain: () => drains++ });
    // 64 KiB frames, each filled with its own number, until the socket refuses and holds one.
    const frame = (i: number) => new Uint8Array(64 * 1024).fill(i);
    let sent = 0;
    while (client.writableLength === 0) {
      t.write(frame(sent++));
      await new Promise((r) => setImmediate(r));
    }
    const held = client.writableLength;
    for (let i = 0; i < 20; i++) t.write(frame(sent++));
    expect(client.writableLength).toBe(held); // the socket did not take more
    expect(t.bufferedBytes).toBe(held + 20 * 64 * 1024);
    // The peer starts reading: everything arrives, in order, and the transport is empty again.
    const got: Buffer[] = [];
    let gotBytes = 0;
    serverSide!.on('data', (c: Buffer) => {
      got.push(c);
      gotBytes += c.length;
    });
    serverSide!.resume();
    await until(() => gotBytes === sent * 64 * 1024, 'all bytes at the peer');
    const all = Buffer.concat(got);
    for (let i = 0; i < sent; i++) expect(all[i * 64 * 1024]).toBe(i % 256);
    expect(t.bufferedBytes).toBe(0);
    expect(drains).toBeGreaterThan(0);
    t.destroy();
    serverSide!.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
