import { hostileBytes, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createGreyImage, type GreyImage } from '../image/grey-image.js';
import { writeGreyPng } from '../image/png-grey.js';
import { SeededRandom } from '../random/seeded-random.js';
import type { AlignReaders } from '../reader-worker.test-util.js';
import { renderMarkTemplate } from '../synth/mark-template.js';
import { renderMarkImage } from '../synth/render-mark.js';
import { isRefusal, type RegistrationResult } from './types.js';

// Every registration and every read runs in core's reader harness: a typed result with finite numbers,
// never a throw, a hang or a crash.
const harness = new ReaderHarness<AlignReaders>(new URL('../reader-worker.test-util.ts', import.meta.url));
afterAll(() => harness.stop());

/** A match holds finite numbers within the image; a refusal or an input issue is one of the codes. */
function check(r: RegistrationResult, image: GreyImage): void {
  if (!r.ok) {
    for (const i of r.issues) expect(typeof isRefusal(i.code)).toBe('boolean');
    return;
  }
  const m = r.value;
  for (const v of [m.dx, m.dy, m.score, m.sigmaX, m.sigmaY])
    expect(Number.isFinite(v), JSON.stringify(m)).toBe(true);
  expect(Math.abs(m.dx)).toBeLessThanOrEqual(image.width / 2);
  expect(Math.abs(m.dy)).toBeLessThanOrEqual(image.height / 2);
  expect(m.score).toBeGreaterThan(0);
  expect(m.score).toBeLessThanOrEqual(1 + 1e-9);
}

type Fill = 'mark' | 'flat' | 'noise' | 'steps';

function picture(width: number, height: number, fill: Fill, seed: number, shift: number): GreyImage {
  if (fill === 'mark') {
    return renderMarkImage({
      width,
      height,
      kind: 'cross',
      sizePx: 10,
      linePx: 3,
      blurPx: 1,
      shiftX: shift,
      shiftY: -shift,
      noise: 0.02,
      seed,
    });
  }
  const img = createGreyImage(width, height, 0.4);
  const rng = new SeededRandom(seed);
  for (let i = 0; fill !== 'flat' && i < img.data.length; i++) {
    img.data[i] = fill === 'noise' ? rng.nextUniform() : (i % 7) / 7;
  }
  return img;
}

const size = fc.integer({ min: 1, max: 48 });
const limit = fc.oneof(
  fc.double({ min: -2, max: 2 }),
  fc.constantFrom(0, 1, 0.5, 0.8, Number.NaN, Number.POSITIVE_INFINITY, -0),
);

describe('registerMark on hostile input (property)', () => {
  it('any sizes, contents and limits: a match with finite numbers, a refusal or an input issue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          iw: size,
          ih: size,
          tw: size,
          th: size,
          imageFill: fc.constantFrom<Fill>('mark', 'flat', 'noise', 'steps'),
          templateFill: fc.constantFrom<Fill>('mark', 'flat', 'noise', 'steps'),
          shift: fc.double({ min: -30, max: 30, noNaN: true }),
          seed: fc.nat(),
          method: fc.constantFrom('ncc' as const, 'phase' as const),
          gradient: fc.boolean(),
          minScore: fc.option(limit, { nil: undefined }),
          ambiguityRatio: fc.option(limit, { nil: undefined }),
        }),
        async (c) => {
          const image = picture(c.iw + 8, c.ih + 8, c.imageFill, c.seed, c.shift);
          const template = picture(c.tw, c.th, c.templateFill, c.seed + 1, 0);
          const limits = {
            ...(c.minScore === undefined ? {} : { minScore: c.minScore }),
            ...(c.ambiguityRatio === undefined ? {} : { ambiguityRatio: c.ambiguityRatio }),
          };
          const r = await harness.typed('register', {
            image,
            template,
            options: { method: c.method, limits, ncc: { illuminationGradient: c.gradient } },
          });
          check(r, image);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('a template no larger than the image and a mark anywhere, even off the image', async () => {
    const o = { width: 64, height: 64, kind: 'box-in-box' as const, sizePx: 24, linePx: 3, blurPx: 1.2 };
    const template = renderMarkTemplate(o, 32, 32);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.double({ min: -12, max: 12, noNaN: true }),
          fc.double({ min: -80, max: 80, noNaN: true }),
        ),
        fc.oneof(
          fc.double({ min: -12, max: 12, noNaN: true }),
          fc.double({ min: -80, max: 80, noNaN: true }),
        ),
        fc.constantFrom('ncc' as const, 'phase' as const),
        async (shiftX, shiftY, method) => {
          const image = renderMarkImage({ ...o, shiftX, shiftY, noise: 0.03 });
          const r = await harness.typed('register', { image, template, options: { method } });
          check(r, image);
          // Found only where the whole mark lies well inside the search range.
          if (r.ok) expect(Math.hypot(r.value.dx - shiftX, r.value.dy - shiftY)).toBeLessThan(0.5);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('mutated PNG files of the image and the template, read and registered', async () => {
    const o = { width: 48, height: 48, kind: 'cross' as const, sizePx: 16, linePx: 3, blurPx: 1 };
    const imagePng = writeGreyPng(renderMarkImage({ ...o, shiftX: 2.5, shiftY: -1.25, noise: 0.02 }), 8);
    const templatePng = writeGreyPng(renderMarkTemplate(o, 24, 24), 16);
    await fc.assert(
      fc.asyncProperty(hostileBytes(imagePng, 3), hostileBytes(templatePng, 3), async (ib, tb) => {
        const image = await harness.typed('png', { bytes: ib, options: { source: 'image' } });
        const template = await harness.typed('png', { bytes: tb, options: { source: '--template' } });
        if (!image.ok || !template.ok) return;
        check(
          await harness.typed('register', { image: image.value.image, template: template.value.image }),
          image.value.image,
        );
      }),
      { numRuns: 150 },
    );
  });
});
