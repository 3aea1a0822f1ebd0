// A hostile host against the equipment's whole receive path (HSMS session, SECS-II decoding, the
// GEM handlers), on a scripted wire and a fake clock: primaries for every message the equipment
// handles and for random ones, with bodies near the E5 layouts (ids in every format, values of any
// type, empty and long lists), random items, nesting past the decoder's depth, huge declared counts,
// bytes overwritten, all in random chunks. Each run checks that nothing throws or rejects unhandled,
// and that every W primary gets exactly one answer: its reply, SxF0, or an S9 naming it. A handler
// that failed with a bug would leave its primary unanswered (primary-dispatch.ts), so this also finds
// bugs that used to hide behind SxF0. Bounded in runs and time; no run may take seconds, and the heap
// may not grow with the runs. (3,000 runs passed locally before this was committed with 60.)
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
import { GemEquipment } from './gem-equipment.js';
import type { RecipeStore } from './recipe-directory.js';
import { exampleModel } from './test-rig.test-util.js';

const L = (...value: Item[]): Item => ({ format: 'L', value });
const listOf = (a: fc.Arbitrary<Item>, maxLength = 6): fc.Arbitrary<Item> =>
  fc.array(a, { maxLength }).map((value): Item => ({ format: 'L', value }));

// Ids: the example model's (10, 12, 13, 400, 1000, 1, 2...) and nothing-names, in every format.
const idValue = fc.oneof(
  fc.constantFrom(0, 1, 2, 10, 12, 13, 24, 53, 400, 600, 1000, 1010, 1014),
  fc.integer({ min: -0x80000000, max: 0xffffffff }),
);
const anId: fc.Arbitrary<Item> = fc.oneof(
  idValue.map(
    (v): Item =>
      v < 0 ? { format: 'I4', value: Int32Array.of(v) } : { format: 'U4', value: Uint32Array.of(v) },
  ),
  idValue.map((v): Item => ({ format: 'I8', value: BigInt64Array.of(BigInt(v)) })),
  fc
    .bigInt({ min: 0n, max: (1n << 64n) - 1n })
    .map((v): Item => ({ format: 'U8', value: BigUint64Array.of(v) })),
  fc.integer({ min: 0, max: 255 }).map((v): Item => ({ format: 'U1', value: Uint8Array.of(v) })),
  fc.integer({ min: -128, max: 127 }).map((v): Item => ({ format: 'I1', value: Int8Array.of(v) })),
  fc.string({ maxLength: 6 }).map((s): Item => ({ format: 'A', value: s.replace(/[^\x00-\xff]/g, '?') })),
  leafItem,
);
const text = fc
  .string({ maxLength: 12 })
  .map((s): Item => ({ format: 'A', value: s.replace(/[^\x00-\xff]/g, '?') }));
const byte = fc.integer({ min: 0, max: 255 }).map((b): Item => ({ format: 'B', value: Uint8Array.of(b) }));
const ppid = fc
  .oneof(fc.constantFrom('BOND-STD', 'X', '../up', ''), fc.string({ maxLength: 8 }))
  .map((s): Item => ({ format: 'A', value: s.replace(/[^\x00-\xff]/g, '?') }));
const anyValue = fc.oneof(leafItem, anId, anyItem);

// Bodies near each layout the equipment handles (E5), keyed by SxFy.
const LAYOUTS: Record<string, fc.Arbitrary<Item | undefined>> = {
  S1F1: fc.constant(undefined),
  S1F3: listOf(anId),
  S1F11: listOf(anId),
  S1F13: fc.constant(L()),
  S1F15: fc.constant(undefined),
  S1F17: fc.constant(undefined),
  S1F21: listOf(anId),
  S1F23: listOf(anId),
  S2F13: listOf(anId),
  S2F15: listOf(fc.tuple(anId, anyValue).map(([i, v]) => L(i, v))),
  S2F17: fc.constant(undefined),
  S2F23: fc
    .tuple(anId, fc.constantFrom('000001', '00000001', 'xx', ''), anId, anId, listOf(anId))
    .map(([t, d, n, g, s]) => L(t, { format: 'A', value: d }, n, g, s)),
  S2F29: listOf(anId),
  S2F31: text,
  S2F33: fc
    .tuple(anId, listOf(fc.tuple(anId, listOf(anId)).map(([r, v]) => L(r, v))))
    .map(([d, l]) => L(d, l)),
  S2F35: fc
    .tuple(anId, listOf(fc.tuple(anId, listOf(anId)).map(([c, r]) => L(c, r))))
    .map(([d, l]) => L(d, l)),
  S2F37: fc.tuple(fc.boolean(), listOf(anId)).map(([e, c]) => L({ format: 'BOOLEAN', value: [e] }, c)),
  S2F41: fc
    .tuple(
      fc.constantFrom('START', 'STOP', 'NOPE'),
      listOf(fc.tuple(text, anyValue).map(([n, v]) => L(n, v))),
    )
    .map(([r, p]) => L({ format: 'A', value: r }, p)),
  S2F43: listOf(fc.tuple(anId, listOf(anId)).map(([s, f]) => L(s, f))),
  S2F45: fc
    .tuple(
      anId,
      listOf(
        fc
          .tuple(anId, listOf(fc.tuple(fc.oneof(byte, anId), listOf(anyValue, 2)).map(([i, d]) => L(i, d))))
          .map(([v, l]) => L(v, l)),
      ),
    )
    .map(([d, l]) => L(d, l)),
  S2F47: listOf(anId),
  S2F49: fc
    .tuple(
      anId,
      text,
      fc.constantFrom('START', 'STOP'),
      listOf(fc.tuple(text, anyValue).map(([n, v]) => L(n, v))),
    )
    .map(([d, o, r, p]) => L(d, o, { format: 'A', value: r }, p)),
  S5F3: fc.tuple(fc.oneof(byte, leafItem), anId).map(([e, a]) => L(e, a)),
  S5F5: fc.oneof(listOf(anId), anId),
  S5F7: fc.constant(undefined),
  S6F15: anId,
  S6F19: anId,
  S6F23: anId,
  S7F1: fc.tuple(fc.oneof(ppid, byte), anId).map(([p, n]) => L(p, n)),
  S7F3: fc.tuple(fc.oneof(ppid, byte), fc.oneof(leafItem, text)).map(([p, b]) => L(p, b)),
  S7F5: fc.oneof(ppid, byte),
  S7F17: listOf(fc.oneof(ppid, byte)),
  S7F19: fc.constant(undefined),
  S10F3: fc.tuple(fc.oneof(byte, anId), text).map(([t, x]) => L(t, x)),
  S10F5: fc.tuple(fc.oneof(byte, anId), listOf(text)).map(([t, x]) => L(t, x)),
};
const KEYS = Object.keys(LAYOUTS);

interface Primary {
  stream: number;
  fn: number;
  body: Uint8Array;
}

const encoded = (item: Item | undefined): Uint8Array =>
  item === undefined ? new Uint8Array() : encodeItem(item);
const nested = fc.integer({ min: 60, max: 120 }).map((depth) => {
  const b = new Uint8Array(2 * depth + 2);
  for (let i = 0; i < depth; i++) b.set([0x01, 0x01], 2 * i);
  b.set([0x01, 0x00], 2 * depth);
  return b;
});
const hugeCount = fc
  .tuple(
    fc.integer({ min: 0, max: 63 }),
    fc.integer({ min: 0x10000, max: 0xffffff }),
    fc.uint8Array({ maxLength: 8 }),
  )
  .map(([code, n, tail]) =>
    Uint8Array.from([(code << 2) | 3, n >>> 16, (n >>> 8) & 0xff, n & 0xff, ...tail]),
  );
const mutate = (b: Uint8Array, edits: [number, number][]): Uint8Array => {
  const out = Uint8Array.from(b);
  for (const [at, v] of edits) if (out.length > 0) out[at % out.length] = v;
  return out;
};

const primary: fc.Arbitrary<Primary> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...KEYS)
        .chain((k) => LAYOUTS[k]!.map((body) => ({ k, body: encoded(body) }))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...KEYS), anyItem)
        .map(([k, item]) => ({ k, body: encodeItem(item) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...KEYS), fc.oneof(nested, hugeCount))
        .map(([k, body]) => ({ k, body })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...KEYS),
          anyItem,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        )
        .map(([k, item, edits]) => ({ k, body: mutate(encodeItem(item), edits) })),
    },
    // Streams and functions the equipment has no handler for (odd: primaries).
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: 127 }),
          fc.integer({ min: 0, max: 127 }),
          fc.uint8Array({ maxLength: 8 }),
        )
        .map(([s, f, body]) => ({ k: `S${s}F${2 * f + 1}`, body })),
    },
  )
  .map(({ k, body }) => {
    const [, s, f] = /^S(\d+)F(\d+)$/.exec(k)!;
    return { stream: Number(s), fn: Number(f), body };
  });

const flush = async (turns: number): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

function frames(bytes: Buffer[]): HsmsFrame[] {
  const out: HsmsFrame[] = [];
  const parser = new FrameParser((f) => out.push(f));
  for (const b of bytes) expect(parser.push(b)).toBeUndefined();
  return out;
}

async function communicatingEquipment() {
  const clock = new FakeClock();
  const model = exampleModel();
  model.control.initial = 'online-remote';
  const session = new HsmsSession({ sessionId: model.deviceId, clock });
  const programs = new Map<string, Uint8Array>();
  const recipes: RecipeStore = {
    list: async () => Array.from(programs.keys()).sort(),
    read: async (p) => programs.get(p),
    write: async (p, b) => {
      programs.set(p, b);
    },
    remove: async (p) => programs.delete(p),
  };
  const equipment = new GemEquipment({
    model,
    session,
    clock,
    recipes,
    wallClock: () => Date.UTC(2026, 0, 1),
  });
  const errors: Error[] = [];
  equipment.on('error', (e) => errors.push(e));
  session.on('error', () => {});
  await equipment.start();
  const wire = new ScriptedTransport();
  session.attach(wire, 'passive');
  wire.feed('0000000AFFFF0000000100000001'); // Select.req
  await flush(3);
  // The equipment's S1F13: answered COMMACK 0.
  const s1f13 = frames(wire.written).find((f) => f.header.stream === 1 && f.header.function === 13)!;
  wire.written.length = 0;
  wire.feed(
    encodeFrame({ ...s1f13.header, wBit: false, function: 14 }, Uint8Array.of(1, 2, 0x21, 1, 0, 1, 0)),
  );
  await flush(3);
  expect(equipment.communicationState).toBe('communicating');
  return { equipment, session, wire, errors };
}

describe('the equipment under a hostile host (property)', () => {
  it('answers every W primary exactly once (reply, SxF0 or S9), throws nothing, rejects nothing unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    const heapBefore = process.memoryUsage().heapUsed;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(primary, { minLength: 1, maxLength: 12 }),
          fc.array(fc.nat(), { maxLength: 4 }),
          async (primaries, cuts) => {
            const { equipment, wire, errors } = await communicatingEquipment();
            const base = 0x1000;
            const stream = Buffer.concat(
              primaries.map((p, i) =>
                encodeFrame(
                  {
                    sessionId: 1,
                    stream: p.stream,
                    function: p.fn,
                    wBit: true,
                    pType: 0,
                    sType: 0,
                    systemBytes: base + i,
                  },
                  p.body,
                ),
              ),
            );
            // In random chunks.
            const at = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
            let from = 0;
            for (const c of [...at, stream.length]) {
              if (c > from) wire.feed(stream.subarray(from, c));
              from = Math.max(from, c);
              await flush(1);
            }
            await flush(20);
            const answers = new Map<number, number>();
            for (const f of frames(wire.written)) {
              const h = f.header;
              if (h.sType !== 0 || h.wBit) continue; // control messages, the equipment's own primaries
              let sb = h.systemBytes;
              if (h.stream === 9 && f.body.length === 12)
                sb = Buffer.from(f.body).readUInt32BE(8); // S9 MHEAD
              else if (h.stream === 9) continue; // S9F13 names a PPID, not a message
              answers.set(sb, (answers.get(sb) ?? 0) + 1);
            }
            const missing = primaries
              .map((p, i) => ({ key: `S${p.stream}F${p.fn}`, n: answers.get(base + i) ?? 0 }))
              .filter((a) => a.n !== 1);
            expect({ missing, errors: errors.map((e) => e.message) }).toMatchObject({ missing: [] });
            // No input makes a run hang: a run is synchronous but for the flushes, so a hang would fail
            // the test by its timeout (vitest.config.ts).
            equipment.stop();
          },
        ),
        { numRuns: 60, interruptAfterTimeLimit: 15_000 },
      );
      await flush(5);
      expect(unhandled).toEqual([]);
      // Nothing a run receives is kept: the heap does not grow with the runs (loose, GC is not forced).
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
