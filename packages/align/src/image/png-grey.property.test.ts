import { hostileBytes, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlignReaders } from '../reader-worker.test-util.js';
import { renderMarkImage } from '../synth/render-mark.js';
import { PNG_LIMITS, type PngReadResult, writeGreyPng } from './png-grey.js';

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
function check(r: PngReadResult): void {
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

// Every read runs in core's reader harness: a typed result, never a throw, a hang or a crash.
describe('readGreyPng on hostile input (property)', () => {
  const harness = new ReaderHarness<AlignReaders>(new URL('../reader-worker.test-util.ts', import.meta.url));
  afterAll(() => harness.stop());

  it('mutated PNG bytes: an image or issues, never a throw or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes(seeds), async (b) => check(await harness.typed('png', { bytes: b }))),
      { numRuns: 300 },
    );
  });

  it('any header (huge sizes, every depth, colour type and interlace), CRC right or wrong', async () => {
    const dim = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.constantFrom(8193, 2 ** 31 - 1, 2 ** 32 - 1, 65535),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds),
        fc.record({
          w: dim,
          h: dim,
          d: fc.constantFrom(0, 1, 2, 4, 8, 16, 32, 255),
          c: fc.constantFrom(0, 1, 2, 3, 4, 6, 7, 255),
          i: fc.constantFrom(0, 1, 2),
          crc: fc.boolean(),
        }),
        async (png, h) =>
          check(await harness.typed('png', { bytes: withHeader(png, h), options: { source: 'cam.png' } })),
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes after the PNG signature', async () => {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (tail, signed) =>
        check(
          await harness.typed('png', { bytes: Uint8Array.from(signed ? [...signature, ...tail] : tail) }),
        ),
      ),
      { numRuns: 300 },
    );
  });
});
