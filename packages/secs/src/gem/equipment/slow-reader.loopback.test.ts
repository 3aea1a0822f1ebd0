// A host that stops reading its socket while the equipment fires events (real TCP, loopback): the
// equipment's unsent bytes stay under maxOutboundBytes, it drops the link (send-overflow), and every
// event the host did not acknowledge is in the spool, in DATAID order: those in flight when the link
// dropped as well as those raised after it.
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint, tcpConnect } from '../../hsms/active-endpoint.js';
import type { Transport } from '../../hsms/transport.js';
import { type SpoolRig, startSpoolRig, whenCommunicating } from './test-rig.test-util.js';

const BOUNDS = {
  maxMessageBytes: 64 * 1024,
  maxOutboundBytes: 256 * 1024,
  outboundHighWaterBytes: 64 * 1024,
  t5Ms: 60_000, // the host does not reconnect during the test
};

let rig: SpoolRig | undefined;
let again: HsmsActiveEndpoint | undefined;
afterEach(async () => {
  again?.dispose();
  again = undefined;
  await rig?.close();
  rig = undefined;
});

describe('a host that stops reading while events are fired', () => {
  it('the backlog stays bounded, the link is dropped, and every unacknowledged event is spooled in order', async () => {
    const transports: Transport[] = [];
    const r = await startSpoolRig({
      hsms: BOUNDS,
      maxMessages: 1_000_000,
      maxBytes: 256 * 1024 * 1024,
      connect: async (host, port) => {
        const t = await tcpConnect(host, port);
        transports.push(t);
        return t;
      },
    });
    rig = r;
    const toolErrors: string[] = [];
    r.toolSession.on('error', (e) => toolErrors.push(e.code));
    const equipmentErrors: string[] = [];
    r.equipment.on('error', (e) => equipmentErrors.push(e.message));
    // 16 KB events, so that the kernel's socket buffers (megabytes on loopback) hold few of them.
    r.equipment.set('PairId', 'P'.repeat(16_000));
    expect(await r.host.defineReports([{ rptid: 1, vids: [53, 12] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
    expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);

    transports[0]!.pauseReading(); // the host reads nothing from now on
    const fired: Promise<boolean>[] = [];
    let most = 0;
    const deadline = Date.now() + TEST_DEADLINE_MS;
    while (r.toolSession.state === 'selected') {
      if (Date.now() > deadline) throw new Error('the host that stopped reading was never cut off');
      for (let i = 0; i < 200; i++) fired.push(r.equipment.triggerEvent(400));
      most = Math.max(most, r.toolSession.outboundBytes);
      await new Promise((res) => setImmediate(res));
    }
    // With the link down, more events go straight to the spool.
    for (let i = 0; i < 200; i++) fired.push(r.equipment.triggerEvent(400));
    const acknowledged = (await Promise.all(fired)).filter(Boolean).length;

    expect(most).toBeLessThanOrEqual(BOUNDS.maxOutboundBytes);
    expect(toolErrors).toContain('send-overflow');
    await until(() => r.equipment.communicationState !== 'communicating', 'the link loss');
    // Nothing lost: every event the host did not acknowledge waits in the spool ...
    expect(r.spool.countActual).toBe(fired.length - acknowledged);
    expect(fired.length - acknowledged).toBeGreaterThan(200);
    expect(equipmentErrors).toEqual([]);
    // ... and a host that reads again gets them after S6F23, each once, in the order raised.
    const spooled = r.spool.countActual;
    const dataIds: number[] = [];
    r.host.on('event', (e) => dataIds.push(Number(e.dataId)));
    r.active.dispose();
    const communicating = whenCommunicating(r.equipment);
    again = new HsmsActiveEndpoint(r.hostSession, { host: '127.0.0.1', port: r.port });
    again.start();
    await communicating;
    expect(await r.host.transmitSpool()).toBe(0);
    await until(() => dataIds.length >= spooled, 'the spooled events at the host');
    expect(dataIds.length).toBe(spooled);
    expect(dataIds.every((d, i) => i === 0 || d > dataIds[i - 1]!)).toBe(true);
  });
});
