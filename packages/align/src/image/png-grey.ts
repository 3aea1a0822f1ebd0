import { fail, type Issue, issue, type Result, visible } from '@bondline/core';
import { PNG } from 'pngjs';
import { createGreyImage, type GreyImage } from './grey-image.js';

/**
 * Why bytes could not be read as a greyscale image: not a PNG at all, a damaged PNG, a colour or
 * palette image, a bit depth other than 8 or 16, an interlaced image, or one too large to decode.
 */
export type PngIssueCode = 'not-png' | 'corrupt' | 'not-grey' | 'bad-depth' | 'interlaced' | 'too-large';

/** A greyscale PNG decoded to 0..1 samples, with the bit depth it was stored in. */
export interface GreyPng {
  image: GreyImage;
  bitDepth: 8 | 16;
}

export type PngReadResult = Result<GreyPng, PngIssueCode>;

/**
 * Size limits of a decoded image. A camera frame of an alignment mark is far smaller; the limits keep a
 * hostile header (or a deflate bomb behind it) from claiming gigabytes, and registration (FFTs of twice
 * the image size) fast.
 */
export const PNG_LIMITS = {
  /** Pixels per side. */
  side: 8192,
  /** Pixels in all (2048 x 2048). */
  pixels: 2048 * 2048,
} as const;

export interface PngReadOptions {
  /** Named at the start of every message (a file path, `--template t.png`). */
  source?: string;
  /** Refuse images with more pixels than this (default `PNG_LIMITS.pixels`). */
  maxPixels?: number;
}

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
 * The header is checked before anything is decoded (size, type, interlace);
 * any other damage pngjs finds is a `corrupt` issue. Never throws on any bytes.
 */
export function readGreyPng(bytes: Uint8Array, options: PngReadOptions = {}): PngReadResult {
  const prefix = options.source === undefined ? '' : `${options.source}: `;
  const refuse = (code: PngIssueCode, text: string) => fail(issue(code, `${prefix}${text}`));
  const header = checkHeader(bytes, options.maxPixels ?? PNG_LIMITS.pixels);
  if (header !== undefined) return refuse(header.code, header.message);
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipRescale: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return refuse('corrupt', `the PNG data is damaged (${visible(msg)})`);
  }
  const meta = png as unknown as { colorType: number; depth: number };
  const { width, height } = png;
  // The header was checked above; pngjs read the same one.
  if (meta.colorType !== 0 || (meta.depth !== 8 && meta.depth !== 16)) {
    return refuse(
      'corrupt',
      `the PNG header changed while decoding (colour type ${meta.colorType}, depth ${meta.depth})`,
    );
  }
  const image = createGreyImage(width, height);
  // pngjs expands grey to RGBA; with skipRescale a 16-bit image arrives as a Uint16Array.
  const rgba = png.data as unknown as ArrayLike<number>;
  const scale = meta.depth === 16 ? 1 / 65535 : 1 / 255;
  for (let i = 0; i < width * height; i++) image.data[i] = (rgba[4 * i] ?? 0) * scale;
  return { ok: true, value: { image, bitDepth: meta.depth } };
}

/** The first problem of the signature and IHDR chunk (PNG spec 5.2, 11.2.2), or undefined. */
function checkHeader(bytes: Uint8Array, maxPixels: number): Omit<Issue<PngIssueCode>, 'path'> | undefined {
  // Checked here because pngjs reports a wrong signature with a message about its stream internals.
  const badByte = PNG_SIGNATURE.findIndex((b, i) => bytes[i] !== b);
  if (badByte >= 0) {
    return {
      code: 'not-png',
      message:
        bytes.length <= badByte
          ? `not a PNG file: only ${bytes.length} byte(s), shorter than the 8-byte PNG signature`
          : `not a PNG file: byte ${badByte} is 0x${(bytes[badByte] ?? 0).toString(16).padStart(2, '0')}, ` +
            `the PNG signature has 0x${PNG_SIGNATURE[badByte]?.toString(16).padStart(2, '0')} there`,
    };
  }
  if (bytes.length < 33) {
    return { code: 'corrupt', message: `the PNG ends after ${bytes.length} bytes, inside its header` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (type !== 'IHDR' || view.getUint32(8) !== 13) {
    return {
      code: 'corrupt',
      message: `the PNG does not start with its 13-byte IHDR header chunk (found ${JSON.stringify(visible(type))})`,
    };
  }
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24]!;
  const colourType = bytes[25]!;
  const interlace = bytes[28]!;
  if (width === 0 || height === 0)
    return { code: 'corrupt', message: `the PNG header says ${width}x${height} pixels` };
  if (colourType !== 0) {
    const kind = COLOUR_TYPES[colourType] ?? `colour type ${colourType}`;
    return {
      code: 'not-grey',
      message: `PNG is ${kind}; only greyscale PNGs without alpha (colour type 0) are accepted`,
    };
  }
  if (depth !== 8 && depth !== 16) {
    return {
      code: 'bad-depth',
      message: `PNG bit depth is ${depth}; only 8- and 16-bit greyscale are accepted`,
    };
  }
  if (width > PNG_LIMITS.side || height > PNG_LIMITS.side || width * height > maxPixels) {
    return {
      code: 'too-large',
      message: `the image is ${width}x${height} pixels; at most ${PNG_LIMITS.side} per side and ${maxPixels} in all are accepted`,
    };
  }
  if (interlace !== 0) {
    return {
      code: 'interlaced',
      message: `the PNG is interlaced (method ${interlace}); save it without interlacing`,
    };
  }
  return undefined;
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
