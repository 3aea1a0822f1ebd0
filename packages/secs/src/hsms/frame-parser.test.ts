import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MESSAGE_BYTES, type HsmsFrame } from './frame.js';
import { FrameParser } from './frame-parser.js';
import { hex, s1f1 } from './test-frames.test-util.js';

function collect(max?: number): { parser: FrameParser; frames: HsmsFrame[] } {
  const frames: HsmsFrame[] = [];
  const parser = new FrameParser((f) => frames.push(f), max === undefined ? {} : { maxMessageBytes: max });
  return { parser, frames };
}

const stream = hex(
  '00 00 00 0A 00 64 81 01 00 00 00 00 00 01' +
    '00 00 00 0A FF FF 00 00 00 05 00 00 00 02' +
    '00 00 00 0E 00 64 01 02 00 00 00 00 00 01 41 02 4F 4B',
);
const expected: HsmsFrame[] = [
  { header: { ...s1f1, systemBytes: 1 }, body: new Uint8Array(0) },
  {
    header: { sessionId: 0xffff, stream: 0, function: 0, wBit: false, pType: 0, sType: 5, systemBytes: 2 },
    body: new Uint8Array(0),
  },
  { header: { ...s1f1, function: 2, wBit: false, systemBytes: 1 }, body: hex('41 02 4F 4B') },
];

const norm = (fs: HsmsFrame[]) =>
  fs.map((f) => ({ header: f.header, body: Buffer.from(f.body).toString('hex') }));

describe('FrameParser', () => {
  it('parses a sequence delivered in one chunk', () => {
    const { parser, frames } = collect();
    expect(parser.push(stream)).toBeUndefined();
    expect(norm(frames)).toEqual(norm(expected));
    expect(parser.pending).toBe(0);
  });

  it('parses the sequence split at every byte boundary (two chunks)', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const { parser, frames } = collect();
      parser.push(stream.subarray(0, cut));
      parser.push(stream.subarray(cut));
      expect(norm(frames), `cut at ${cut}`).toEqual(norm(expected));
      expect(parser.pending).toBe(0);
    }
  });

  it('parses each message alone split at every byte boundary, including a 300-byte body', () => {
    // S6F11 W with a 300-byte B item body: 22 01 2C (B, 2 length bytes = 300) + 300 bytes 0..255, 0..43;
    // frame length = 10 + 3 + 300 = 313 = 0x139.
    const bigBody = Buffer.concat([
      hex('22 01 2C'),
      Buffer.from(Array.from({ length: 300 }, (_, i) => i & 0xff)),
    ]);
    const big = Buffer.concat([hex('00 00 01 39  00 64 86 0B 00 00 00 00 00 2A'), bigBody]);
    const singles: Array<[Buffer, HsmsFrame]> = [
      [stream.subarray(0, 14), expected[0]!],
      [stream.subarray(14, 28), expected[1]!],
      [stream.subarray(28), expected[2]!],
      [
        big,
        {
          header: {
            sessionId: 100,
            stream: 6,
            function: 11,
            wBit: true,
            pType: 0,
            sType: 0,
            systemBytes: 42,
          },
          body: bigBody,
        },
      ],
    ];
    for (const [bytes, frame] of singles) {
      for (let cut = 0; cut <= bytes.length; cut++) {
        const { parser, frames } = collect();
        parser.push(bytes.subarray(0, cut));
        parser.push(bytes.subarray(cut));
        expect(norm(frames), `cut at ${cut}`).toEqual(norm([frame]));
      }
    }
  });

  it('parses the sequence fed one byte at a time', () => {
    const { parser, frames } = collect();
    for (let i = 0; i < stream.length; i++) parser.push(stream.subarray(i, i + 1));
    expect(norm(frames)).toEqual(norm(expected));
  });

  it('parses the sequence under any random chunking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const { parser, frames } = collect();
        for (let i = 1; i < points.length; i++) parser.push(stream.subarray(points[i - 1]!, points[i]!));
        expect(norm(frames)).toEqual(norm(expected));
      }),
    );
  });

  it('bodies stay intact after the internal buffer is reused', () => {
    const { parser, frames } = collect();
    // Keep a partial frame buffered so that every later frame is assembled in the internal buffer.
    const big = Buffer.concat(Array.from({ length: 200 }, () => stream));
    for (let i = 0; i < big.length; i += 7) parser.push(big.subarray(i, i + 7));
    expect(frames).toHaveLength(600);
    expect(Buffer.from(frames[2]!.body).toString('hex')).toBe('41024f4b');
    expect(Buffer.from(frames[599]!.body).toString('hex')).toBe('41024f4b');
  });

  it('refuses a length below 10 with its byte offset', () => {
    const { parser, frames } = collect();
    const err = parser.push(Buffer.concat([stream.subarray(0, 14), hex('00 00 00 09 00')]));
    expect(frames).toHaveLength(1);
    expect(err).toMatchObject({ code: 'length-too-short', offset: 14, declaredLength: 9 });
    expect(err?.message).toContain('byte offset 14');
    // Dead after the error.
    expect(parser.push(stream)).toBe(err);
    expect(frames).toHaveLength(1);
  });

  it('refuses a declared length above the limit from the length bytes alone', () => {
    const { parser } = collect();
    expect(parser.push(hex('01 00 00 01'))).toMatchObject({
      code: 'message-too-large',
      declaredLength: 0x1000001,
    });
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(16 * 1024 * 1024);
    const small = collect(100);
    expect(small.parser.push(hex('00 00 00 65'))).toMatchObject({
      code: 'message-too-large',
      declaredLength: 101,
    });
    expect(small.parser.pending).toBe(0);
  });

  it('accepts a frame exactly at the limit', () => {
    const { parser, frames } = collect(12);
    expect(parser.push(hex('00 00 00 0C 00 64 01 02 00 00 00 00 00 01 01 00'))).toBeUndefined();
    expect(frames).toHaveLength(1);
  });

  it('never throws on random bytes, and never buffers past the limit (property)', () => {
    const max = 4096;
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const { parser } = collect(max);
        for (const c of chunks) {
          const err = parser.push(c);
          if (err !== undefined) expect(['length-too-short', 'message-too-large']).toContain(err.code);
          expect(parser.pending).toBeLessThanOrEqual(max + 4);
        }
      }),
    );
  });

  it('mutated valid streams parse or fail with a typed error (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(stream.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
          maxLength: 4,
        }),
        fc.nat(stream.length),
        (mutations, cut) => {
          const s = Buffer.from(stream);
          for (const m of mutations) s[m.at] = m.value;
          const { parser, frames } = collect(1024);
          const e1 = parser.push(s.subarray(0, cut));
          const e2 = parser.push(s.subarray(cut));
          const err = e1 ?? e2;
          if (err === undefined) expect(frames.length).toBeLessThanOrEqual(3);
          else expect(err.offset).toBeLessThan(s.length);
        },
      ),
    );
  });

  it('refuses huge declared lengths without allocating them (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: DEFAULT_MAX_MESSAGE_BYTES + 1, max: 0xffffffff }), (len) => {
        const { parser } = collect();
        const b = Buffer.alloc(4);
        b.writeUInt32BE(len);
        expect(parser.push(b)?.code).toBe('message-too-large');
        expect(parser.pending).toBe(0);
      }),
    );
  });
});

describe('FrameParser with onOversize: oversized frames are skipped, not fatal', () => {
  // Frame 2 of `stream` (the Linktest.req, length 10) is replaced by an S6F11 W of declared length 30
  // (0x1E) with a 20-byte body of 0xEE, over a 20-byte limit; frames 1 and 3 stay.
  const oversized = hex(`00 00 00 1E 00 64 86 0B 00 00 00 00 00 07 ${'EE '.repeat(20)}`);
  const mixed = Buffer.concat([stream.subarray(0, 14), oversized, stream.subarray(28)]);

  function skipping(max: number) {
    const frames: HsmsFrame[] = [];
    const skipped: Array<{ header: string; length: number; offset: number; sb: number }> = [];
    const parser = new FrameParser((f) => frames.push(f), {
      maxMessageBytes: max,
      onOversize: (o) =>
        skipped.push({
          header: Buffer.from(o.headerBytes).toString('hex'),
          length: o.declaredLength,
          offset: o.offset,
          sb: o.header.systemBytes,
        }),
    });
    return { parser, frames, skipped };
  }

  it('reports the header once and parses what follows, split at every pair of byte boundaries', () => {
    const want = [{ header: '0064860b000000000007', length: 30, offset: 14, sb: 7 }];
    for (let a = 0; a <= mixed.length; a++) {
      for (let b = a; b <= mixed.length; b++) {
        const { parser, frames, skipped } = skipping(20);
        for (const part of [mixed.subarray(0, a), mixed.subarray(a, b), mixed.subarray(b)]) {
          expect(parser.push(part)).toBeUndefined();
          // Held: at most the oversized frame's length + header (14) or the last frame less a byte
          // (17); never any of the oversized body.
          expect(parser.pending).toBeLessThanOrEqual(17);
        }
        expect(skipped, `cuts ${a}/${b}`).toEqual(want);
        expect(norm(frames), `cuts ${a}/${b}`).toEqual(norm([expected[0]!, expected[2]!]));
        expect(parser.midFrame).toBe(false);
      }
    }
  });

  it('is mid-frame while the body is being skipped', () => {
    const { parser } = skipping(20);
    parser.push(oversized.subarray(0, 20));
    expect(parser.pending).toBe(0);
    expect(parser.skipping).toBe(14);
    expect(parser.midFrame).toBe(true);
    parser.push(oversized.subarray(20));
    expect(parser.midFrame).toBe(false);
  });

  it('a length below 10 is still fatal', () => {
    const { parser } = skipping(20);
    expect(parser.push(hex('00 00 00 03'))?.code).toBe('length-too-short');
  });

  it('skips any declared length up to 4 GiB - 1 while holding at most 14 bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: DEFAULT_MAX_MESSAGE_BYTES + 1, max: 0xffffffff }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 8 }),
        (len, chunkSizes) => {
          const { parser, skipped } = skipping(DEFAULT_MAX_MESSAGE_BYTES);
          const head = Buffer.alloc(14);
          head.writeUInt32BE(len);
          let fed = 0;
          for (const c of [head, ...chunkSizes.map((n) => new Uint8Array(n))]) {
            expect(parser.push(c)).toBeUndefined();
            fed += c.length;
            expect(parser.pending).toBe(0);
          }
          expect(skipped).toHaveLength(1);
          expect(parser.skipping).toBe(len + 4 - fed);
        },
      ),
      { numRuns: 50 },
    );
  });
});
