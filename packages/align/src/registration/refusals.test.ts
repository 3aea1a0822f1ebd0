import { describe, expect, it } from 'vitest';
import { centralCrop, createGreyImage } from '../image/grey-image.js';
import { SeededRandom } from '../random/seeded-random.js';
import { renderMarkTemplate } from '../synth/mark-template.js';
import { renderMarkImage } from '../synth/render-mark.js';
import { NccMatcher } from './ncc-matcher.js';
import { PhaseMatcher } from './phase-matcher.js';
import { registerMark } from './register-mark.js';
import { isRefusal } from './types.js';

const base = { width: 128, height: 128, kind: 'cross' as const, sizePx: 40, linePx: 6, blurPx: 1.5 };
const template = renderMarkTemplate(base, 64, 64);
const matchers = [new NccMatcher(template, 128, 128), new PhaseMatcher(template, 128, 128)];

describe.each(matchers.map((m) => [m.constructor.name, m] as const))('%s refusals', (_name, m) => {
  it('a blank image is missing', () => {
    const r = m.register(createGreyImage(128, 128, 0.2));
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'missing' }] });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/below the threshold 0\.500/);
  });

  it('a noise-only image is missing', () => {
    const img = createGreyImage(128, 128);
    const rng = new SeededRandom(9);
    for (let i = 0; i < img.data.length; i++) img.data[i] = 0.2 + 0.03 * rng.nextGaussian();
    const r = m.register(img);
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'missing' }] });
    // The message names the best score: far below the threshold.
    const best = Number(/best score (-?[\d.]+)/.exec(r.ok ? '' : (r.issues[0]?.message ?? ''))?.[1]);
    expect(best).toBeLessThan(0.25);
  });

  it('two identical marks in view are ambiguous, and the reason names both positions', () => {
    const a = renderMarkImage({ ...base, shiftX: -22, shiftY: 3 });
    const b = renderMarkImage({ ...base, shiftX: 22, shiftY: 3 });
    const img = createGreyImage(128, 128);
    for (let i = 0; i < img.data.length; i++) img.data[i] = a.data[i]! + b.data[i]! - 0.2;
    const r = m.register(img);
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'ambiguous' }] });
    if (!r.ok) {
      expect(r.issues[0]?.message).toContain('(-22.0, 3.0)');
      expect(r.issues[0]?.message).toContain('(22.0, 3.0)');
    }
  });

  it('a mark half out of the image is clipped', () => {
    // Centre 58 px right of the image centre, at x = 121.5 of 128: the right arm is cut off.
    const r = m.register(renderMarkImage({ ...base, shiftX: 58, shiftY: -4.5 }));
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'clipped' }] });
    // Found by the partial-overlap search at its integer position (58, -4.5 rounds to -4 or -5).
    if (!r.ok)
      expect(r.issues[0]?.message).toMatch(
        /about \(58\.0, -[45]\.0\) px with only \d+ % of the template inside/,
      );
  });

  it('a mark cut by the top edge is clipped and located (negative positions wrap correctly)', () => {
    const r = m.register(renderMarkImage({ ...base, shiftX: -12, shiftY: -57 }));
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'clipped' }] });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/about \(-12\.0, -57\.0\) px/);
  });

  it('a whole mark at the very edge of the search range is clipped (no margin left to refine)', () => {
    const r = m.register(renderMarkImage({ ...base, shiftX: 3, shiftY: 31.6 }));
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'clipped' }] });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/edge of the search range/);
  });

  it('a mark just inside the search range is still found', () => {
    const r = m.register(renderMarkImage({ ...base, shiftX: 28.6, shiftY: -28.6 }));
    expect(r.ok && Math.hypot(r.value.dx - 28.6, r.value.dy + 28.6)).toBeLessThan(0.02);
  });
});

describe('limits and misuse', () => {
  it('a stricter ambiguity ratio refuses a separate weaker copy; a looser one accepts the stronger', () => {
    const a = renderMarkImage({ ...base, shiftX: -22, shiftY: 0 });
    const b = renderMarkImage({ ...base, shiftX: 22, shiftY: 0, contrast: 0.3 });
    const img = createGreyImage(128, 128);
    for (let i = 0; i < img.data.length; i++) img.data[i] = a.data[i]! + b.data[i]! - 0.2;
    expect(new NccMatcher(template, 128, 128, { ambiguityRatio: 0.5 }).register(img)).toMatchObject({
      issues: [{ code: 'ambiguous' }],
    });
    const r = new NccMatcher(template, 128, 128, { ambiguityRatio: 0.99 }).register(img);
    expect(r.ok && Math.abs(r.value.dx + 22)).toBeLessThan(0.05);
  });

  it('inputs registration cannot work on are issues from registerMark, and RangeErrors in a matcher', () => {
    const small = createGreyImage(32, 32, 0.2);
    expect(registerMark(small, template)).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'template-larger-than-image',
          message:
            'the template (64x64 px) is larger than the image (32x32 px); the image must contain the whole template',
        },
      ],
    });
    expect(isRefusal('template-larger-than-image')).toBe(false);
    expect(isRefusal('clipped')).toBe(true);
    expect(registerMark(small, createGreyImage(2, 5, 0.3))).toMatchObject({
      issues: [{ code: 'template-too-small', message: 'the template is 2x5 px; it must be at least 3x3 px' }],
    });
    expect(registerMark(small, createGreyImage(8, 8, 0.3))).toMatchObject({
      issues: [
        { code: 'flat-template', message: expect.stringContaining('no contrast (every pixel is 0.3000)') },
      ],
    });
    const nan = createGreyImage(32, 32, 0.2);
    nan.data[33] = Number.NaN;
    expect(
      registerMark(nan, centralCrop(renderMarkImage({ ...base, width: 32, height: 32 }), 8, 8)),
    ).toMatchObject({
      issues: [{ code: 'non-finite', message: 'the image sample at (1, 1) is NaN, not a finite number' }],
    });
    expect(() => new NccMatcher(template, 32, 32)).toThrow(RangeError);
    expect(() => matchers[0]!.register(small)).toThrow(/128x128 images/);
  });

  it('limits out of their domain are issues naming the limit (ambiguity 0, score 0 or above 1)', () => {
    const img = renderMarkImage(base);
    const r = registerMark(img, template, { limits: { ambiguityRatio: 0, minScore: 1.5 } });
    expect(r).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'out-of-range',
          path: 'minScore',
          message: 'registration limits: minScore: 1.5 is out of range; must be at most 1',
        },
        {
          code: 'out-of-range',
          path: 'ambiguityRatio',
          message: 'registration limits: ambiguityRatio: 0 is out of range; must be above 0',
        },
      ],
    });
    expect(() => new PhaseMatcher(template, 128, 128, { minScore: 0 })).toThrow(
      /minScore: 0 is out of range/,
    );
  });
});
