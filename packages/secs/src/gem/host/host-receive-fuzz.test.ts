// A hostile equipment against GemHost's receive path, on a scripted wire: event reports, alarms, trace
// data, terminal requests, S9 errors and random primaries, with near-E5 bodies, random items and
// overwritten bytes, in random chunks. Each W primary gets exactly one answer (its acknowledge or
// SxF0), nothing throws or rejects unhandled. Bounded in runs and time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeItem } from '../../codec/encode.js';
import { FakeClock } from '../../hsms/fake-clock.js';
import { encodeFrame, type HsmsFrame } from '../../hsms/frame.js';
import { FrameParser } from '../../hsms/frame-parser.js';
import { HsmsSession } from '../../hsms/session.js';
import { ScriptedTransport } from '../../hsms/test-peer.test-util.js';
import type { Item } from '../../item/item.js';
import { anyItem, leafItem } from '../../item/test-arbitrary.test-util.js';
import { GemHost } from './gem-host.js';

const L = (...value: Item[]): Item => ({ format: 'L', value });
const listOf = (a: fc.Arbitrary<Item>, maxLength = 5): fc.Arbitrary<Item> =>
  fc.array(a, { maxLength }).map((value): Item => ({ format: 'L', value }));
const anId = fc.oneof(
  fc
    .integer({ min: -0x80000000, max: 0x7fffffff })
    .map((v): Item => ({ format: 'I4', value: Int32Array.of(v) })),
  fc.integer({ min: 0, max: 0xffffffff }).map((v): Item => ({ format: 'U4', value: Uint32Array.of(v) })),
  fc.string({ maxLength: 4 }).map((s): Item => ({ format: 'A', value: s.replace(/[^\x00-\xff]/g, '?') })),
  leafItem,
);
const LAYOUTS: Record<string, fc.Arbitrary<Item | undefined>> = {
  S1F1: fc.constant(undefined),
  S1F13: fc.constant(L()),
  S2F17: fc.constant(undefined),
  S5F1: fc.tuple(leafItem, anId, leafItem).map(([c, i, t]) => L(c, i, t)),
  S6F1: fc.tuple(anId, anId, leafItem, listOf(anyItem)).map(([t, n, s, v]) => L(t, n, s, v)),
  S6F11: fc
    .tuple(anId, anId, listOf(fc.tuple(anId, listOf(anyItem)).map(([r, v]) => L(r, v))))
    .map(([d, c, r]) => L(d, c, r)),
  S10F1: fc.tuple(leafItem, leafItem).map(([t, x]) => L(t, x)),
};
const KEYS = Object.keys(LAYOUTS);
const primary = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc
        .constantFrom(...KEYS)
        .chain((k) => LAYOUTS[k]!.map((b) => ({ k, b: b === undefined ? new Uint8Array() : encodeItem(b) }))),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...KEYS), anyItem).map(([k, i]) => ({ k, b: encodeItem(i) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...KEYS), anyItem, fc.nat(), fc.integer({ min: 0, max: 255 }))
        .map(([k, i, at, v]) => {
          const b = Uint8Array.from(encodeItem(i));
          if (b.length > 0) b[at % b.length] = v;
          return { k, b };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: 127 }),
          fc.integer({ min: 0, max: 127 }),
          fc.uint8Array({ maxLength: 8 }),
        )
        .map(([s, f, b]) => ({ k: `S${s}F${2 * f + 1}`, b })),
    },
  )
  .map(({ k, b }) => {
    const [, s, f] = /^S(\d+)F(\d+)$/.exec(k)!;
    return { stream: Number(s), fn: Number(f), body: b };
  });

const flush = async (turns: number): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

describe('GemHost under a hostile equipment (property)', () => {
  it('answers every W primary exactly once and never throws', async () => {
    const unhandled: unknown[] = [];
    const on = (r: unknown): void => {
      unhandled.push(r);
    };
    process.on('unhandledRejection', on);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(primary, { minLength: 1, maxLength: 12 }),
          fc.nat(),
          async (primaries, cut) => {
            const session = new HsmsSession({ sessionId: 1, clock: new FakeClock() });
            const host = new GemHost(session, { wallClock: () => Date.UTC(2026, 0, 1) });
            host.on('error', () => {});
            session.on('error', () => {});
            const wire = new ScriptedTransport();
            session.attach(wire, 'passive');
            wire.feed('0000000AFFFF0000000100000001');
            wire.written.length = 0;
            const bytes = Buffer.concat(
              primaries.map((p, i) =>
                encodeFrame(
                  {
                    sessionId: 1,
                    stream: p.stream,
                    function: p.fn,
                    wBit: true,
                    pType: 0,
                    sType: 0,
                    systemBytes: 100 + i,
                  },
                  p.body,
                ),
              ),
            );
            const at = cut % (bytes.length + 1);
            if (at > 0) wire.feed(bytes.subarray(0, at));
            if (at < bytes.length) wire.feed(bytes.subarray(at));
            await flush(5);
            const answers = new Map<number, number>();
            const parser = new FrameParser((f: HsmsFrame) => {
              if (f.header.sType === 0)
                answers.set(f.header.systemBytes, (answers.get(f.header.systemBytes) ?? 0) + 1);
            });
            for (const w of wire.written) expect(parser.push(w)).toBeUndefined();
            // S9 messages are primaries without W: no answer. Every other W primary: exactly one.
            const missing = primaries
              .map((p, i) => ({
                key: `S${p.stream}F${p.fn}`,
                n: answers.get(100 + i) ?? 0,
                s9: p.stream === 9,
              }))
              .filter((a) => (a.s9 ? a.n !== 0 && a.n !== 1 : a.n !== 1));
            expect(missing).toEqual([]);
          },
        ),
        { numRuns: 100, interruptAfterTimeLimit: 8000 },
      );
      await flush(3);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', on);
    }
  });
});
