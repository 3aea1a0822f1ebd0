// Two endpoints over real TCP on 127.0.0.1 with ephemeral ports.
import { connect } from 'node:net';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from './active-endpoint.js';
import { HsmsPassiveEndpoint } from './passive-endpoint.js';
import { HsmsSession } from './session.js';
import type { HsmsMessage } from './transactions.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function pair(handler?: (m: HsmsMessage) => void) {
  const tool = new HsmsSession({ sessionId: 3, t5Ms: 1000 });
  const host = new HsmsSession({ sessionId: 3, t5Ms: 1000 });
  if (handler !== undefined) tool.onMessage(handler);
  const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
  const { port } = await passive.listen();
  const active = new HsmsActiveEndpoint(host, { host: '127.0.0.1', port });
  cleanup.push(() => passive.close());
  cleanup.push(() => active.dispose());
  active.start();
  await Promise.all([host.whenState('selected'), tool.whenState('selected')]);
  return { tool, host, passive, active, port };
}

// Deterministic shuffle (mulberry32) so a failure replays.
function shuffle<T>(a: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('HSMS over loopback TCP', () => {
  it('selects, linktests, and matches 10,000 replies sent back in random order', async () => {
    const N = 10_000;
    const held: HsmsMessage[] = [];
    let toolSession: HsmsSession | undefined;
    const { host, tool } = await pair((m) => {
      held.push(m);
      if (held.length === N) {
        for (const p of shuffle(held.splice(0), 42)) toolSession!.reply(p, { body: p.body });
      }
    });
    toolSession = tool;
    expect(await host.linktest()).toBeGreaterThanOrEqual(0);
    const sends: Array<Promise<HsmsMessage | undefined>> = [];
    for (let i = 0; i < N; i++) {
      // Body: U4 item holding i (B1 04 + 4 bytes), so each reply proves which request it answers.
      const body = Buffer.from([0xb1, 0x04, 0, 0, 0, 0]);
      body.writeUInt32BE(i, 2);
      sends.push(host.send({ stream: 1, function: 3, wBit: true, body }));
    }
    const replies = await Promise.all(sends);
    replies.forEach((r, i) => {
      expect(r?.function).toBe(4);
      expect(Buffer.from(r!.body).readUInt32BE(2)).toBe(i);
    });
    expect(host.openTransactions).toBe(0);
  });

  it('separate closes both sides', async () => {
    const { host, tool, active } = await pair();
    active.stop();
    await tool.whenState('not-connected');
    expect(host.state).toBe('not-connected');
  });

  it('reconnects after the socket dies mid-transaction; open requests fail with connection-closed', async () => {
    let received = false;
    const { host, tool } = await pair(() => {
      received = true; // and never replies
    });
    const pending = host.send({ stream: 1, function: 1, wBit: true });
    await until(() => received, 'the S1F1 at the tool');
    tool.close(); // destroys the tool-side socket
    await expect(pending).rejects.toMatchObject({ code: 'connection-closed' });
    // Active side retries (T5 = 1 s after its previous attempt) and selects again.
    await Promise.all([host.whenState('selected'), tool.whenState('selected')]);
    tool.onMessage((m) => ({ stream: m.stream, function: m.function + 1 }));
    await expect(host.send({ stream: 1, function: 1, wBit: true })).resolves.toMatchObject({ function: 2 });
  });

  it('refuses a second connection with Select.rsp status 3', async () => {
    const { port } = await pair();
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.write(Buffer.from('0000000AFFFF00000001000000AA', 'hex'));
      });
      const chunks: Buffer[] = [];
      s.on('data', (c) => chunks.push(c));
      s.on('close', () => resolve(Buffer.concat(chunks)));
      s.on('error', reject);
    });
    expect(reply.toString('hex').toUpperCase()).toBe('0000000AFFFF00030002000000AA');
  });

  it('close() finishes even when the peer never closes its end (cut off after T6)', async () => {
    const tool = new HsmsSession({ sessionId: 3, t6Ms: 1000 });
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    const got: Buffer[] = [];
    const peer = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    cleanup.push(() => {
      peer.destroy();
    });
    peer.on('data', (c) => got.push(c));
    peer.on('end', () => {}); // half-open: keep our side open after the FIN
    peer.write(Buffer.from('0000000AFFFF000000010000000B', 'hex'));
    await tool.whenState('selected');
    const t0 = performance.now();
    await passive.close(); // a close that never finished would fail the test by its timeout
    // Not cut off before T6 (load only makes this longer).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
    // Select.rsp, then Separate.req (session 0xFFFF, next system bytes), before the FIN.
    expect(Buffer.concat(got).toString('hex').toUpperCase()).toBe(
      '0000000AFFFF000000020000000B' + '0000000AFFFF00000009' + '00000001',
    );
  });

  it('listen() rejects when the port is taken', async () => {
    const { port } = await pair();
    const other = new HsmsPassiveEndpoint(new HsmsSession({ sessionId: 3 }), { host: '127.0.0.1', port });
    await expect(other.listen()).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
