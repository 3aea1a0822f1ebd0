import { describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from './active-endpoint.js';
import { FakeClock } from './fake-clock.js';
import { HsmsSession } from './session.js';
import { ScriptedTransport } from './test-peer.js';

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
});
