import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedBytes, typedWithin } from '../hostile-input.test-util.js';
import { renderMarkImage } from '../synth/render-mark.js';
import { PNG_LIMITS, readGreyPng, writeGreyPng } from './png-grey.js';

// Seeds: small synthetic mark images written as 8- and 16-bit greyscale PNGs.
const seeds = [8, 16].flatMap((depth) =>
  [
    { width: 32, height: 24, shiftX: 1.5 },
    { width: 17, height: 40, shiftX: -3 },
  ].map((o) =>
    writeGreyPng(
      renderMarkImage({ ...o, kind: 'cross', sizePx: 12, linePx: 3, blurPx: 1, noise: 0.05 }),
      depth as 8 | 16,
    ),
  ),
);

/** A decoded image holds what registration may be given: its size within the limits, samples in 0..1. */
function check(r: ReturnType<typeof readGreyPng>): void {
  if (!r.ok) return;
  const { image } = r.value;
  expect(image.width * image.height).toBe(image.data.length);
  expect(image.width * image.height).toBeLessThanOrEqual(PNG_LIMITS.pixels);
  for (const v of image.data) expect(v >= 0 && v <= 1).toBe(true);
}

/** The IHDR chunk of `png` rewritten (width, height, depth, colour type, interlace), its CRC fixed or not. */
function withHeader(
  png: Uint8Array,
  h: { w: number; h: number; d: number; c: number; i: number; crc: boolean },
) {
  const out = Uint8Array.from(png);
  const view = new DataView(out.buffer);
  view.setUint32(16, h.w);
  view.setUint32(20, h.h);
  out[24] = h.d;
  out[25] = h.c;
  out[28] = h.i;
  if (h.crc) view.setUint32(29, crc32(out.subarray(12, 29)));
  return out;
}

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('readGreyPng on hostile input (property)', () => {
  it('mutated PNG bytes: an image or issues, never a throw, within the time bound', () => {
    fc.assert(
      fc.property(fc.oneof(...seeds.map((s) => mutatedBytes(s))), (b) =>
        check(typedWithin(() => readGreyPng(b))),
      ),
      { numRuns: 300 },
    );
  });

  it('any header (huge sizes, every depth, colour type and interlace), CRC right or wrong', () => {
    const dim = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.constantFrom(8193, 2 ** 31 - 1, 2 ** 32 - 1, 65535),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.record({
          w: dim,
          h: dim,
          d: fc.constantFrom(0, 1, 2, 4, 8, 16, 32, 255),
          c: fc.constantFrom(0, 1, 2, 3, 4, 6, 7, 255),
          i: fc.constantFrom(0, 1, 2),
          crc: fc.boolean(),
        }),
        (png, h) => check(typedWithin(() => readGreyPng(withHeader(png, h), { source: 'cam.png' }))),
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes after the PNG signature', () => {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (tail, signed) =>
        check(typedWithin(() => readGreyPng(Uint8Array.from(signed ? [...signature, ...tail] : tail)))),
      ),
      { numRuns: 300 },
    );
  });
});
