import { connect, createServer, type Socket } from 'node:net';
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
    for (let i = 0; i < 500 && Buffer.concat(received).length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(Buffer.concat(received)).toEqual(Buffer.from([1, 2, 3]));
    // Peer resets the connection before anyone binds: no unhandled 'error', and bind sees the close.
    serverSide!.resetAndDestroy();
    await new Promise((r) => client.once('close', r));
    const events: string[] = [];
    t.bind({
      data: () => events.push('data'),
      close: () => events.push('close'),
      error: () => events.push('error'),
    });
    await Promise.resolve();
    expect(events).toEqual(['close']);
    await new Promise<void>((r) => server.close(() => r()));
  });
});
