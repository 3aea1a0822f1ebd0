// The wire cannot crash a session: any bytes, in any chunking, in any state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { encodeFrame, type HsmsFrame } from './frame.js';
import { FrameParser } from './frame-parser.js';
import { HsmsSession } from './session.js';
import { ScriptedTransport } from './test-peer.test-util.js';

const header = fc.record({
  sessionId: fc.oneof(fc.constant(100), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })),
  stream: fc.integer({ min: 0, max: 127 }),
  function: fc.integer({ min: 0, max: 255 }),
  wBit: fc.boolean(),
  pType: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 })),
  sType: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 255 })),
  systemBytes: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 0xffffffff })),
});
const frame = fc
  .tuple(header, fc.uint8Array({ maxLength: 24 }))
  .map(([h, body]) => encodeFrame({ ...h, wBit: h.sType === 0 && h.wBit }, body));
const chunk = fc.oneof(frame, frame, frame, fc.uint8Array({ minLength: 1, maxLength: 20 }));

describe('HsmsSession under random input (property)', () => {
  it('never throws, stays in a legal state, and only writes well-formed frames', () => {
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 30 }), fc.boolean(), (chunks, selectFirst) => {
        const clock = new FakeClock();
        const session = new HsmsSession({ sessionId: 100, clock, maxMessageBytes: 4096 });
        const wire = new ScriptedTransport();
        session.on('error', () => {});
        session.onMessage((m) => (m.wBit ? { stream: m.stream, function: m.function + 1 } : undefined));
        session.attach(wire, 'passive');
        if (selectFirst) wire.feed('0000000AFFFF0000000100000001');
        const sends: Array<Promise<unknown>> = [];
        if (session.state === 'selected') {
          for (let i = 0; i < 3; i++)
            sends.push(session.send({ stream: 1, function: 1, wBit: true }).catch(() => {}));
        }
        for (const c of chunks) {
          if (session.state === 'not-connected') break;
          wire.feed(c);
          clock.advance(100);
        }
        expect(['not-connected', 'not-selected', 'selected']).toContain(session.state);
        const out: HsmsFrame[] = [];
        const parser = new FrameParser((f) => out.push(f));
        for (const w of wire.written) expect(parser.push(w)).toBeUndefined();
        expect(parser.pending).toBe(0);
        clock.advance(120_000); // every timer fires; open sends settle
        expect(session.openTransactions).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
