import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint, tcpConnect } from './active-endpoint.js';
import { FakeClock } from './fake-clock.js';
import { HsmsSession } from './session.js';
import { ScriptedTransport } from './test-peer.test-util.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('HsmsActiveEndpoint (fake clock, injected connector)', () => {
  it('T5: retries a refused connect every T5, then attaches and sends Select.req', async () => {
    const clock = new FakeClock();
    const session = new HsmsSession({ sessionId: 1, clock, t5Ms: 4000 });
    const attempts: number[] = [];
    let refuse = 2;
    const wire = new ScriptedTransport();
    const endpoint = new HsmsActiveEndpoint(session, {
      host: 'tool',
      port: 5000,
      clock,
      connect: async () => {
        attempts.push(clock.now());
        if (refuse-- > 0) throw new Error('ECONNREFUSED');
        return wire;
      },
    });
    const errors: string[] = [];
    endpoint.on('connect-error', (e) => errors.push(e.message));
    endpoint.start();
    clock.advance(0);
    await flush();
    clock.advance(3999);
    await flush();
    expect(attempts).toEqual([0]);
    clock.advance(1);
    await flush();
    clock.advance(4000);
    await flush();
    expect(attempts).toEqual([0, 4000, 8000]);
    expect(errors).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    expect(session.state).toBe('not-selected');
    expect(wire.take()).toEqual(['00 00 00 0A FF FF 00 00 00 01 00 00 00 01']);
  });

  it('reconnects after the connection drops, no sooner than T5 after the last attempt', async () => {
    const clock = new FakeClock();
    const session = new HsmsSession({ sessionId: 1, clock, t5Ms: 4000 });
    const attempts: number[] = [];
    const wires: ScriptedTransport[] = [];
    const endpoint = new HsmsActiveEndpoint(session, {
      host: 'tool',
      port: 5000,
      clock,
      connect: async () => {
        attempts.push(clock.now());
        const w = new ScriptedTransport();
        wires.push(w);
        return w;
      },
    });
    endpoint.start();
    clock.advance(0);
    await flush();
    clock.advance(1000);
    wires[0]!.peerClose();
    expect(session.state).toBe('not-connected');
    clock.advance(2999);
    await flush();
    expect(attempts).toEqual([0]);
    clock.advance(1);
    await flush();
    expect(attempts).toEqual([0, 4000]);
    endpoint.dispose();
    expect(session.state).toBe('not-connected');
    clock.advance(100_000);
    await flush();
    expect(attempts).toEqual([0, 4000]);
  });

  it('connect timeout: a SYN never answered fails the attempt after T5 and the next follows T5 later', async () => {
    const clock = new FakeClock();
    const session = new HsmsSession({ sessionId: 1, clock, t5Ms: 4000 });
    // An unconnected socket stands in for a peer that never answers: neither connect nor error comes.
    const sockets: Socket[] = [];
    const attempts: number[] = [];
    const endpoint = new HsmsActiveEndpoint(session, {
      host: 'tool',
      port: 5000,
      clock,
      connect: (host, port) => {
        attempts.push(clock.now());
        return tcpConnect(host, port, session.config.t5Ms, {
          clock,
          open: () => {
            const s = new Socket();
            sockets.push(s);
            return s;
          },
        });
      },
    });
    const errors: string[] = [];
    endpoint.on('connect-error', (e) => errors.push(e.message));
    endpoint.start();
    clock.advance(0);
    await flush();
    clock.advance(3999);
    await flush();
    expect(errors).toEqual([]);
    expect(sockets[0]?.destroyed).toBe(false);
    clock.advance(1);
    await flush();
    expect(errors).toEqual(['connect to tool:5000 timed out after 4000 ms']);
    expect(sockets[0]?.destroyed).toBe(true);
    clock.advance(0); // the retry is due at once: T5 has passed since the first attempt began
    await flush();
    expect(attempts).toEqual([0, 4000]);
    endpoint.dispose();
    expect(session.state).toBe('not-connected');
    for (const s of sockets) s.destroy();
  });

  it('tcpConnect rejects with the socket error when the port refuses (real loopback)', async () => {
    // Port 1 on loopback has no listener in any sane test environment: ECONNREFUSED at once.
    await expect(tcpConnect('127.0.0.1', 1, 2000)).rejects.toThrow(/ECONNREFUSED/);
  });
});
