import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { layoutFromPng } from './layout-png.js';

function png(pixels: [number, number, number, number][][]): Uint8Array {
  const h = pixels.length;
  const w = pixels[0]?.length ?? 0;
  const img = new PNG({ width: w, height: h });
  pixels.forEach((row, y) => {
    row.forEach((px, x) => {
      img.data.set(px, (y * w + x) * 4);
    });
  });
  return PNG.sync.write(img);
}

const K: [number, number, number, number] = [0, 0, 0, 255];
const W: [number, number, number, number] = [255, 255, 255, 255];
const R: [number, number, number, number] = [220, 20, 20, 255];
const T: [number, number, number, number] = [0, 0, 0, 0];

describe('layoutFromPng', () => {
  it('reads dark/red/light/transparent pixels as critical/redundant/empty, top row at maximum y', () => {
    const res = layoutFromPng(
      png([
        [K, R, W],
        [T, K, K],
      ]),
      { blockUm: 400, redundantCopies: 2 },
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.layout.rows).toEqual([
      ['empty', 'critical', 'critical'],
      ['critical', 'redundant', 'empty'],
    ]);
    expect(res.layout.blockUm).toBe(400);
    expect(res.layout.redundantCopies).toBe(2);
  });
  it('names an ambiguous pixel by position', () => {
    const res = layoutFromPng(png([[K, [128, 128, 128, 255]]]), { blockUm: 100 });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues[0]).toMatchObject({ code: 'bad_pixel', x: 1, y: 0 });
    expect(res.issues[0]?.message).toContain('pixel (1, 0)');
  });
  it('refuses bytes that are not a PNG and bad options', () => {
    const res = layoutFromPng(new Uint8Array([1, 2, 3]), { blockUm: -1 });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => i.code)).toEqual(['bad_option', 'bad_png']);
  });
});
