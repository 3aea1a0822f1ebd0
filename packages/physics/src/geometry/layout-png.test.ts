import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { layoutFromPng, MAX_LAYOUT_IMAGE_SIDE } from './layout-png.js';

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
      { blockUm: 400, redundantCopies: 2, source: 'l.png' },
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.rows).toEqual([
      ['empty', 'critical', 'critical'],
      ['critical', 'redundant', 'empty'],
    ]);
    expect(res.value.blockUm).toBe(400);
    expect(res.value.redundantCopies).toBe(2);
  });
  it('names an ambiguous pixel by position', () => {
    const res = layoutFromPng(png([[K, [128, 128, 128, 255]]]), { blockUm: 100, source: 'l.png' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues[0]).toMatchObject({ code: 'bad-pixel', path: '1,0' });
    expect(res.issues[0]?.message).toBe(
      'l.png: pixel (1, 0) rgba(128, 128, 128, 255) is not dark (critical), red (redundant) or light/transparent (empty)',
    );
  });
  it('refuses bytes that are not a PNG and bad options', () => {
    const res = layoutFromPng(new Uint8Array([1, 2, 3]), { blockUm: -1, source: 'l.png' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => i.code)).toEqual(['bad-option', 'bad-png']);
    expect(res.issues[1]?.message).toMatch(/^l\.png: not a readable PNG \(/);
  });
});

describe('layoutFromPng on hostile images', () => {
  // IHDR: 8-byte signature, then length (4), 'IHDR' (4), width (4) at 16, height (4) at 20, ..., interlace at 28.
  const small = () => png([[K, W]]);

  it('refuses an image too large a side from its header, before decompressing anything', () => {
    const bytes = small();
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, 100_000);
    const r = layoutFromPng(bytes, { blockUm: 1, source: 'big.png' });
    expect(!r.ok && r.issues).toEqual([
      {
        code: 'too-large',
        message: `big.png: a 100000 x 1 pixel image; a layout bitmap may have at most ${MAX_LAYOUT_IMAGE_SIDE} pixels a side (one pixel a block)`,
      },
    ]);
  });

  it('refuses an interlaced image (its decompressed size is not bounded by the decoder)', () => {
    const bytes = small();
    bytes[28] = 1;
    const r = layoutFromPng(bytes, { blockUm: 1, source: 'i.png' });
    expect(!r.ok && r.issues[0]?.code).toBe('unsupported');
  });

  it('checks a second IHDR chunk too', () => {
    const bytes = small();
    const extra = new Uint8Array(25);
    const view = new DataView(extra.buffer);
    view.setUint32(0, 13);
    extra.set([0x49, 0x48, 0x44, 0x52], 4); // IHDR
    view.setUint32(8, 5);
    view.setUint32(12, 1 << 30);
    const joined = new Uint8Array([...bytes.subarray(0, 33), ...extra, ...bytes.subarray(33)]);
    const r = layoutFromPng(joined, { blockUm: 1, source: 'two.png' });
    expect(!r.ok && r.issues[0]?.code).toBe('too-large');
  });

  it('names the first 20 bad pixels and counts the rest', () => {
    const grey: [number, number, number, number] = [128, 128, 128, 255];
    const r = layoutFromPng(png([Array(25).fill(grey)]), { blockUm: 1, source: 'g.png' });
    expect(!r.ok && r.issues).toHaveLength(21);
    expect(!r.ok && r.issues[20]?.message).toBe('g.png: 5 more pixels of other colours');
  });
});
