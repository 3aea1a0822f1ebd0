// S9F11 (data too long, E5 9.2): a message over the equipment's maximum message size is skipped by
// the HSMS layer without being buffered, answered with S9F11 carrying its 10-byte header (MHEAD),
// and the link carries on. Driven by a raw TCP peer writing frames built by hand, so nothing of the
// host side or of the encoder is involved in what the equipment receives.
import { connect, type Socket } from 'node:net';
import { TEST_DEADLINE_MS } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsPassiveEndpoint } from '../../hsms/passive-endpoint.js';
import { HsmsSession } from '../../hsms/session.js';
import { GemEquipment } from './gem-equipment.js';
import { recipeDirectory } from './recipe-directory.js';
import { exampleModel } from './test-rig.test-util.js';

interface RawFrame {
  header: string; // 10 header bytes, lowercase hex
  body: string; // lowercase hex
}

/** A host that is nothing but a socket: writes hex frames, reads frames one by one. */
class RawPeer {
  private readonly frames: RawFrame[] = [];
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    // Framing read by hand (length, header, body) rather than with the package's parser.
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
        const end = 4 + pending.readUInt32BE(0);
        const header = pending.subarray(4, 14).toString('hex');
        // Event reports the equipment sends once communicating (S6F11 W) are acknowledged,
        // ACKC6 0, and kept out of the way of the frames the test waits for.
        if (header.slice(4, 8) === '860b') this.send(`0001 06 0c 00 00 ${header.slice(12)}`, '21 01 00');
        else this.frames.push({ header, body: pending.subarray(14, end).toString('hex') });
        pending = pending.subarray(end);
      }
      this.wake?.();
    });
  }

  static open(port: number): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawPeer(s)));
      s.once('error', reject);
    });
  }

  /** Write one frame: 4-byte length (10 + body), the header, the body (all hex, spaces allowed). */
  send(header: string, body = ''): void {
    const h = Buffer.from(header.replace(/\s+/g, ''), 'hex');
    const b = Buffer.from(body.replace(/\s+/g, ''), 'hex');
    if (h.length !== 10) throw new TypeError('header must be 10 bytes');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(10 + b.length);
    this.socket.write(Buffer.concat([len, h, b]));
  }

  /** Write raw bytes as they are. */
  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /**
   * The first frame received (now or later) whose header starts with `prefix` (hex), failing after
   * `timeoutMs` (default core's TEST_DEADLINE_MS).
   */
  async next(prefix = '', timeoutMs = TEST_DEADLINE_MS): Promise<RawFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex((f) => f.header.startsWith(prefix));
      if (i >= 0) return this.frames.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame with header ${prefix}... within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

const MAX_MESSAGE_BYTES = 4096;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// S7F3 W, system bytes 0x20, declaring 10 + 8000 bytes against a 4096-byte limit.
const MHEAD = '00018703000000000020';

/**
 * Equipment (device 1, HSMS limit 4096 bytes) on an ephemeral port and a raw peer that has selected,
 * accepted the equipment's S1F13, put it ONLINE with S1F17 and sent the oversized S7F3 W.
 */
async function afterOversizedMessage(): Promise<{ peer: RawPeer; session: HsmsSession }> {
  const model = exampleModel(); // device id 1, control state HOST OFFLINE at start
  const session = new HsmsSession({ sessionId: model.deviceId, maxMessageBytes: MAX_MESSAGE_BYTES });
  const equipment = new GemEquipment({ model, session, recipes: recipeDirectory('/nonexistent') });
  await equipment.start();
  cleanups.push(() => equipment.stop());
  const passive = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
  const { port } = await passive.listen();
  cleanups.push(() => passive.close());
  const peer = await RawPeer.open(port);
  cleanups.push(() => peer.close());

  // Select.req (session 0xFFFF, SType 1, system bytes 1) -> Select.rsp status 0.
  peer.send('ffff 00 00 00 01 00000001');
  expect(await peer.next('ffff')).toEqual({ header: 'ffff0000000200000001', body: '' });
  // The equipment opens communication with S1F13 W; accept it: S1F14 <L <B 0> <L>>.
  const s1f13 = await peer.next('0001810d0000');
  peer.send(`0001 01 0e 00 00 ${s1f13.header.slice(12)}`, '01 02 21 01 00 01 00');
  // S1F17 W (request online) -> S1F18 <B ONLACK 0>, so that S1F1 below gets a real answer.
  peer.send('0001 81 11 00 00 00000010');
  expect(await peer.next('00010112')).toEqual({ header: '00010112000000000010', body: '210100' });

  // The body is junk (never decoded), written in two pieces so the skip spans several reads.
  const frame = Buffer.alloc(4 + 10 + 8000, 0xa5);
  frame.writeUInt32BE(10 + 8000, 0);
  Buffer.from(MHEAD, 'hex').copy(frame, 4);
  peer.write(frame.subarray(0, 3000));
  peer.write(frame.subarray(3000));
  return { peer, session };
}

describe('data too long (raw HSMS peer)', () => {
  it('skips an S7F3 over the size limit without dropping the link, then answers S1F1', async () => {
    const { peer, session } = await afterOversizedMessage();
    // S1F1 W is answered with S1F2 on the same system bytes: the 8000 skipped bytes were not
    // mistaken for frames, and the session is still SELECTED.
    peer.send('0001 81 01 00 00 00000021');
    const s1f2 = await peer.next('00010102');
    expect(s1f2.header).toBe('00010102000000000021');
    expect(s1f2.body.startsWith('0102')).toBe(true); // <L [2] MDLN SOFTREV>
    expect(session.state).toBe('selected');
  });

  it('answers it with S9F11 <B MHEAD> (no W) and then still serves S1F1', async () => {
    const { peer, session } = await afterOversizedMessage();
    const s9f11 = await peer.next('0001090b');
    expect(s9f11.header.slice(0, 12)).toBe('0001090b0000');
    expect(s9f11.body).toBe(`210a${MHEAD}`); // B[10] = 21 0A + the header we sent
    peer.send('0001 81 01 00 00 00000021');
    expect((await peer.next('00010102')).header).toBe('00010102000000000021');
    expect(session.state).toBe('selected');
  });
});
