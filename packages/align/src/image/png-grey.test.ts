import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createGreyImage } from './grey-image.js';
import { readGreyPng, writeGreyPng } from './png-grey.js';

// A minimal independent PNG writer (signature, IHDR, one IDAT with filter 0 rows, IEND)
// so the reader is checked against bytes the writer under test did not produce.
function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, body: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const tb = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(tb));
  return Buffer.concat([len, tb, crc]);
}
function rawPng(width: number, height: number, depth: number, colourType: number, rows: number[][]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colourType;
  const bytesPerSample = depth === 16 ? 2 : 1;
  const raw: number[] = [];
  for (const row of rows) {
    raw.push(0);
    for (const v of row) {
      if (bytesPerSample === 2) raw.push(v >> 8, v & 0xff);
      else raw.push(v);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

describe('readGreyPng', () => {
  it('decodes an independently built 16-bit greyscale PNG to value/65535', () => {
    const r = readGreyPng(
      rawPng(3, 2, 16, 0, [
        [0, 1, 65535],
        [256, 40000, 12345],
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bitDepth).toBe(16);
    expect([...r.value.image.data].map((v) => Math.round(v * 65535))).toEqual([
      0, 1, 65535, 256, 40000, 12345,
    ]);
  });

  it('decodes an independently built 8-bit greyscale PNG to value/255', () => {
    const r = readGreyPng(
      rawPng(2, 2, 8, 0, [
        [0, 255],
        [17, 128],
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bitDepth).toBe(8);
    expect([...r.value.image.data]).toEqual([0, 1, 17 / 255, 128 / 255]);
  });

  it('refuses colour, alpha and other depths with a message naming what was found', () => {
    const rgb = readGreyPng(rawPng(1, 1, 8, 2, [[1, 2, 3]]), { source: 'cam.png' });
    expect(rgb).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'not-grey',
          message:
            'cam.png: PNG is RGB colour; only greyscale PNGs without alpha (colour type 0) are accepted',
        },
      ],
    });
    expect(readGreyPng(rawPng(1, 1, 8, 4, [[1, 2]]))).toMatchObject({
      ok: false,
      issues: [{ code: 'not-grey' }],
    });
    expect(readGreyPng(rawPng(2, 1, 4, 0, [[0x12]]))).toMatchObject({
      ok: false,
      issues: [{ code: 'bad-depth', message: expect.stringContaining('bit depth is 4') }],
    });
  });

  it('refuses bytes that are not a PNG, and damaged ones, as values', () => {
    expect(readGreyPng(new TextEncoder().encode('hello'))).toMatchObject({
      ok: false,
      issues: [
        { code: 'not-png', message: 'not a PNG file: byte 0 is 0x68, the PNG signature has 0x89 there' },
      ],
    });
    expect(readGreyPng(Uint8Array.of(0x89, 0x50))).toMatchObject({
      ok: false,
      issues: [
        { code: 'not-png', message: 'not a PNG file: only 2 byte(s), shorter than the 8-byte PNG signature' },
      ],
    });
    // A valid signature followed by a cut-off file still fails cleanly, as a value.
    const full = writeGreyPng(createGreyImage(8, 8), 8);
    expect(readGreyPng(full.subarray(0, 20))).toMatchObject({
      ok: false,
      issues: [{ code: 'corrupt', message: 'the PNG ends after 20 bytes, inside its header' }],
    });
    expect(readGreyPng(full.subarray(0, full.length - 20))).toMatchObject({
      ok: false,
      issues: [{ code: 'corrupt' }],
    });
    const flipped = Buffer.from(full);
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    expect(readGreyPng(flipped)).toMatchObject({ ok: false, issues: [{ code: 'corrupt' }] });
  });

  it('refuses huge and interlaced images from the header, before decoding anything', () => {
    const huge = rawPng(1, 1, 8, 0, [[0]]);
    huge.writeUInt32BE(60000, 16); // IHDR width (the CRC no longer matches: the header check comes first)
    expect(readGreyPng(huge)).toMatchObject({
      ok: false,
      issues: [
        { code: 'too-large', message: expect.stringContaining('60000x1 pixels; at most 8192 per side') },
      ],
    });
    expect(readGreyPng(rawPng(64, 64, 8, 0, []), { maxPixels: 1000 })).toMatchObject({
      issues: [{ code: 'too-large' }],
    });
    const interlaced = rawPng(1, 1, 8, 0, [[0]]);
    interlaced[28] = 1;
    expect(readGreyPng(interlaced)).toMatchObject({ ok: false, issues: [{ code: 'interlaced' }] });
  });
});

describe('writeGreyPng round trip', () => {
  const image = createGreyImage(17, 5);
  for (let i = 0; i < image.data.length; i++) image.data[i] = ((i * 7919) % 1000) / 999;

  it('16-bit: every sample comes back within half a code (1/131070)', () => {
    const r = readGreyPng(writeGreyPng(image, 16));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bitDepth).toBe(16);
    expect(r.value.image.width).toBe(17);
    expect(r.value.image.height).toBe(5);
    for (let i = 0; i < image.data.length; i++) {
      expect(Math.abs(r.value.image.data[i]! - image.data[i]!)).toBeLessThanOrEqual(0.5 / 65535 + 1e-12);
    }
  });

  it('8-bit: every sample comes back within half a code, and exact codes survive exactly', () => {
    const r = readGreyPng(writeGreyPng(image, 8));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bitDepth).toBe(8);
    for (let i = 0; i < image.data.length; i++) {
      expect(Math.abs(r.value.image.data[i]! - image.data[i]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-12);
    }
    const again = readGreyPng(writeGreyPng(r.value.image, 8));
    expect(again.ok && [...again.value.image.data]).toEqual([...r.value.image.data]);
  });

  it('clips samples outside 0..1', () => {
    const img = createGreyImage(2, 1);
    img.data.set([-0.5, 1.5]);
    const r = readGreyPng(writeGreyPng(img, 16));
    expect(r.ok && [...r.value.image.data]).toEqual([0, 1]);
  });
});
