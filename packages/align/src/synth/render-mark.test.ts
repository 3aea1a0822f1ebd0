import { describe, expect, it } from 'vitest';
import { markRects } from './mark-shapes.js';
import { renderMarkTemplate } from './mark-template.js';
import { renderMarkImage } from './render-mark.js';

const cross = {
  width: 96,
  height: 80,
  kind: 'cross' as const,
  sizePx: 30,
  linePx: 5,
  blurPx: 1.5,
  background: 0.1,
  contrast: 0.5,
};

// Moments of (image - background) / contrast: zeroth = mark area, first / zeroth = mark centre.
function moments(data: Float64Array, w: number, bg: number, contrast: number) {
  let m0 = 0;
  let mx = 0;
  let my = 0;
  data.forEach((v, i) => {
    const c = (v - bg) / contrast;
    m0 += c;
    mx += c * (i % w);
    my += c * Math.floor(i / w);
  });
  return { area: m0, x: mx / m0, y: my / m0 };
}

describe('renderMarkImage', () => {
  it('conserves the mark area under blur: cross area = 2 * L * w - w^2', () => {
    const img = renderMarkImage({ ...cross, shiftX: 2.37, shiftY: -3.91 });
    expect(moments(img.data, 96, 0.1, 0.5).area).toBeCloseTo(2 * 30 * 5 - 25, 9);
  });

  it('puts the centroid at image centre + shift, to 1e-9 px (the blurred mark is symmetric)', () => {
    const img = renderMarkImage({ ...cross, shiftX: 2.37, shiftY: -3.91 });
    const m = moments(img.data, 96, 0.1, 0.5);
    expect(m.x).toBeCloseTo(47.5 + 2.37, 9);
    expect(m.y).toBeCloseTo(39.5 - 3.91, 9);
  });

  it('a sharp mark gives each pixel its exact area coverage', () => {
    // Box-in-box, outer side 20, frame 4, inner 6, centred at (15.5 + 0.25, 15.5): the outer left edge is at
    // x = 5.75, so pixel 6 ([5.5, 6.5]) on row 15 (inside the frame's vertical bar) is 0.75 covered.
    const img = renderMarkImage({
      width: 32,
      height: 32,
      kind: 'box-in-box',
      sizePx: 20,
      linePx: 4,
      innerPx: 6,
      shiftX: 0.25,
      background: 0,
      contrast: 1,
    });
    expect(img.data[15 * 32 + 6]).toBeCloseTo(0.75, 14);
    expect(img.data[15 * 32 + 7]).toBeCloseTo(1, 14);
    expect(img.data[15 * 32 + 10]).toBeCloseTo(0.25, 14); // frame inner edge at 9.75
    expect(img.data[15 * 32 + 15]).toBeCloseTo(1, 14); // inner square [12.75, 18.75]
    expect(img.data[15 * 32 + 12]).toBeCloseTo(0, 14);
    expect(img.data[15 * 32 + 13]).toBeCloseTo(0.75, 14);
  });

  it('the rotated (supersampled, default 8x8) path agrees with the exact path at a tiny rotation to 2e-4 of contrast', () => {
    const a = renderMarkImage({ ...cross, shiftX: 0.3 });
    const b = renderMarkImage({ ...cross, shiftX: 0.3, rotationDeg: 1e-9 });
    let worst = 0;
    for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
    expect(worst / 0.5).toBeLessThan(2e-4);
  });

  it('rotation turns the mark: a 90-degree turn of a cross is the same cross', () => {
    const a = renderMarkImage({ ...cross, width: 64, height: 64, supersample: 4, rotationDeg: 1e-9 });
    const b = renderMarkImage({ ...cross, width: 64, height: 64, supersample: 4, rotationDeg: 90 });
    for (let i = 0; i < a.data.length; i++) expect(Math.abs(a.data[i]! - b.data[i]!)).toBeLessThan(1e-9);
  });

  it('noise has the requested sigma (fraction of contrast) and is reproducible from the seed', () => {
    const clean = renderMarkImage(cross);
    const n1 = renderMarkImage({ ...cross, noise: 0.1, seed: 3 });
    const n2 = renderMarkImage({ ...cross, noise: 0.1, seed: 3 });
    const n3 = renderMarkImage({ ...cross, noise: 0.1, seed: 4 });
    expect([...n2.data]).toEqual([...n1.data]);
    expect(n3.data[0]).not.toBe(n1.data[0]);
    let s2 = 0;
    for (let i = 0; i < clean.data.length; i++) s2 += (n1.data[i]! - clean.data[i]!) ** 2;
    const sigma = Math.sqrt(s2 / clean.data.length);
    // sigma = 0.1 * 0.5; 7680 samples give a relative standard error of 1/sqrt(2n) = 0.8 %.
    expect(Math.abs(sigma / 0.05 - 1)).toBeLessThan(0.04);
  });

  it('the illumination gradient scales the image by 1 + gx (x - cx) + gy (y - cy)', () => {
    const img = renderMarkImage({ ...cross, gradientX: 0.002, gradientY: -0.001 });
    // Corner pixel (0, 0) is background: 0.1 * (1 + 0.002 * -47.5 - 0.001 * -39.5).
    expect(img.data[0]).toBeCloseTo(0.1 * (1 - 0.095 + 0.0395), 14);
  });

  it('the template is the central crop of the clean, centred mark', () => {
    const t = renderMarkTemplate({ ...cross, shiftX: 5, noise: 0.2, gradientX: 0.01 }, 40, 30);
    const full = renderMarkImage(cross);
    expect(t.width).toBe(40);
    expect(t.data[0]).toBe(full.data[25 * 96 + 28]);
    expect(t.data[29 * 40 + 39]).toBe(full.data[54 * 96 + 67]);
  });

  it('refuses impossible shapes', () => {
    expect(() => markRects('cross', 5, 6)).toThrow(RangeError);
    expect(() => markRects('box-in-box', 20, 4, 13)).toThrow(/inner square/);
  });
});
