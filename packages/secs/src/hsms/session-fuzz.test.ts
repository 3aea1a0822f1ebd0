// The wire cannot crash a session: any bytes, in any chunking, in any state. Random frames, valid
// frames mutated (headers, length fields, cut short), lengths that lie in both directions, bodies
// nested deep or declaring huge counts, a peer that reads nothing meanwhile; bounded in runs and
// time. Checked each run: nothing throws, the state is one of E37's, every byte we wrote parses as
// whole frames, what the parser holds and what waits to be sent stay under their bounds, and every
// transaction settles once the timers run out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeItem } from '../codec/decode.js';
import { FakeClock } from './fake-clock.js';
import { encodeFrame, type HsmsFrame } from './frame.js';
import { FrameParser } from './frame-parser.js';
import { HsmsSession } from './session.js';
import { ScriptedTransport } from './test-peer.test-util.js';

const MAX_MESSAGE = 4096;
const MAX_OUTBOUND = 2 * MAX_MESSAGE;
const SELECT_REQ = '0000000AFFFF0000000100000001';

const header = fc.record({
  sessionId: fc.oneof(fc.constant(100), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })),
  stream: fc.integer({ min: 0, max: 127 }),
  function: fc.integer({ min: 0, max: 255 }),
  wBit: fc.boolean(),
  pType: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 })),
  sType: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 255 })),
  systemBytes: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 0xffffffff })),
});

// SECS-II bodies that are hard on a decoder: lists nested past the depth limit, counts and lengths
// of up to 3 length bytes over a few bytes of content.
const hostileBody = fc.oneof(
  fc.integer({ min: 1, max: 200 }).map((depth) => {
    const b = new Uint8Array(2 * depth + 2);
    for (let i = 0; i < depth; i++) b.set([0x01, 0x01], 2 * i);
    b.set([0x01, 0x00], 2 * depth);
    return b;
  }),
  fc
    .tuple(
      fc.integer({ min: 0, max: 63 }),
      fc.integer({ min: 0, max: 0xffffff }),
      fc.uint8Array({ maxLength: 16 }),
    )
    .map(([code, n, tail]) =>
      Uint8Array.from([(code << 2) | 3, n >>> 16, (n >>> 8) & 0xff, n & 0xff, ...tail]),
    ),
  fc.uint8Array({ maxLength: 24 }),
);

const frame = fc
  .tuple(header, hostileBody)
  .map(([h, body]) => encodeFrame({ ...h, wBit: h.sType === 0 && h.wBit }, body));

// A valid frame with a few bytes overwritten (its length field included) and cut anywhere.
const mutated = fc
  .tuple(frame, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.nat())
  .map(([f, edits, cut]) => {
    const b = Uint8Array.from(f);
    for (const [at, v] of edits) b[at % b.length] = v;
    return b.subarray(0, cut % (b.length + 1));
  });

// A length field that lies: more than follows (up to past the limit), or less than the header.
const lyingLength = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 0xffffffff })),
    fc.uint8Array({ maxLength: 24 }),
  )
  .map(([n, rest]) => Uint8Array.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...rest]));

const chunk = fc.oneof(frame, frame, mutated, lyingLength, fc.uint8Array({ minLength: 1, maxLength: 20 }));

function run(chunks: Uint8Array[], selectFirst: boolean, stalled: boolean): void {
  const clock = new FakeClock();
  const session = new HsmsSession({
    sessionId: 100,
    clock,
    maxMessageBytes: MAX_MESSAGE,
    maxOutboundBytes: MAX_OUTBOUND,
    maxOpenTransactions: 8,
  });
  const wire = new ScriptedTransport();
  wire.stalled = stalled; // a peer that reads nothing of what we write
  session.on('error', () => {});
  // A handler that decodes what it gets, as GEM does, and answers every W primary.
  session.onMessage((m) => {
    if (m.body.length > 0) decodeItem(m.body, { maxItems: 10_000 });
    return m.wBit ? { stream: m.stream, function: m.function + 1, body: m.body } : undefined;
  });
  session.attach(wire, 'passive');
  if (selectFirst) wire.feed(SELECT_REQ);
  const sends: Array<Promise<unknown>> = [];
  if (session.state === 'selected') {
    for (let i = 0; i < 3; i++)
      sends.push(session.send({ stream: 1, function: 1, wBit: true }).catch(() => {}));
  }
  for (const c of chunks) {
    if (session.state === 'not-connected') break;
    wire.feed(c);
    expect(session.outboundBytes).toBeLessThanOrEqual(MAX_OUTBOUND);
    clock.advance(100);
  }
  expect(['not-connected', 'not-selected', 'selected']).toContain(session.state);
  const out: HsmsFrame[] = [];
  const parser = new FrameParser((f) => out.push(f));
  for (const w of wire.written) expect(parser.push(w)).toBeUndefined();
  expect(parser.pending).toBe(0);
  clock.advance(300_000); // every timer fires; open sends settle
  expect(session.openTransactions).toBe(0);
}

describe('HsmsSession under random input (property)', () => {
  it('never throws, stays in a legal state, only writes whole frames, keeps its bounds', () => {
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        (chunks, selectFirst, stalled) => run(chunks, selectFirst, stalled),
      ),
      { numRuns: 400, interruptAfterTimeLimit: 8000 },
    );
  });

  it('the frame parser never holds more than one frame of the limit, whatever the lengths say', () => {
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 40 }), (chunks) => {
        const parser = new FrameParser(() => {}, { maxMessageBytes: MAX_MESSAGE, onOversize: () => {} });
        for (const c of chunks) {
          if (parser.push(c) !== undefined) return; // a length below 10: the stream is dead, as it should be
          expect(parser.pending).toBeLessThan(4 + MAX_MESSAGE);
        }
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 5000 },
    );
  });
});
