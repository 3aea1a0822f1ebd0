import { PNG } from 'pngjs';
import { createGreyImage, type GreyImage } from './grey-image.js';

/** Why a PNG could not be read as a greyscale image. */
export type PngReadIssue = 'not-png' | 'not-grey' | 'bad-depth';

/** A greyscale PNG decoded to 0..1 samples, with the bit depth it was stored in. */
export type PngReadResult =
  | { ok: true; image: GreyImage; bitDepth: 8 | 16 }
  | { ok: false; code: PngReadIssue; message: string };

/** The eight bytes every PNG file starts with (PNG spec, section 5.2). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const COLOUR_TYPES: Record<number, string> = {
  0: 'greyscale',
  2: 'RGB colour',
  3: 'palette (indexed colour)',
  4: 'greyscale with alpha',
  6: 'RGB colour with alpha',
};

/**
 * Decode an 8- or 16-bit greyscale PNG (colour type 0). Samples are scaled to
 * 0..1 (value / 255 or value / 65535). Colour, palette and alpha images, and
 * depths other than 8 and 16, are refused rather than silently converted: a
 * camera frame that arrives in colour means the acquisition chain is wrong.
 */
export function readGreyPng(bytes: Uint8Array): PngReadResult {
  // Checked here because pngjs reports a wrong signature with a message about its stream internals.
  const badByte = PNG_SIGNATURE.findIndex((b, i) => bytes[i] !== b);
  if (badByte >= 0) {
    return {
      ok: false,
      code: 'not-png',
      message:
        bytes.length <= badByte
          ? `not a PNG file: only ${bytes.length} byte(s), shorter than the 8-byte PNG signature`
          : `not a PNG file: byte ${badByte} is 0x${(bytes[badByte] ?? 0).toString(16).padStart(2, '0')}, ` +
            `the PNG signature has 0x${PNG_SIGNATURE[badByte]?.toString(16).padStart(2, '0')} there`,
    };
  }
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipRescale: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, code: 'not-png', message: `not a readable PNG file: ${msg}` };
  }
  const meta = png as unknown as { colorType: number; depth: number };
  if (meta.colorType !== 0) {
    const kind = COLOUR_TYPES[meta.colorType] ?? `colour type ${meta.colorType}`;
    return {
      ok: false,
      code: 'not-grey',
      message: `PNG is ${kind}; only greyscale PNGs without alpha (colour type 0) are accepted`,
    };
  }
  if (meta.depth !== 8 && meta.depth !== 16) {
    return {
      ok: false,
      code: 'bad-depth',
      message: `PNG bit depth is ${meta.depth}; only 8- and 16-bit greyscale are accepted`,
    };
  }
  const { width, height } = png;
  const image = createGreyImage(width, height);
  // pngjs expands grey to RGBA; with skipRescale a 16-bit image arrives as a Uint16Array.
  const rgba = png.data as unknown as ArrayLike<number>;
  const scale = meta.depth === 16 ? 1 / 65535 : 1 / 255;
  for (let i = 0; i < width * height; i++) image.data[i] = (rgba[4 * i] ?? 0) * scale;
  return { ok: true, image, bitDepth: meta.depth };
}

/**
 * Encode `image` as a greyscale PNG of `bitDepth` bits. Samples are taken as
 * 0..1, clipped to that range and rounded to the nearest code.
 */
export function writeGreyPng(image: GreyImage, bitDepth: 8 | 16): Buffer {
  const n = image.width * image.height;
  const max = bitDepth === 16 ? 65535 : 255;
  const codes = bitDepth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = image.data[i] ?? 0;
    codes[i] = Math.round(Math.min(Math.max(v, 0), 1) * max);
  }
  const png = new PNG({ width: image.width, height: image.height });
  // pngjs reads 16-bit input as native-endian Uint16 words over the buffer's memory.
  png.data = Buffer.from(codes.buffer, 0, codes.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth });
}
