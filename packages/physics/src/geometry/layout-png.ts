import { type Issue, issue, type Result } from '@bondline/core';
import { PNG } from 'pngjs';
import type { PadBlockKind, PadLayoutParams } from '../params.js';

/** Largest block bitmap read, pixels a side: far more blocks than any die layout draws. */
export const MAX_LAYOUT_IMAGE_SIDE = 2048;

export type LayoutImageIssueCode = 'bad-png' | 'bad-pixel' | 'bad-option' | 'too-large' | 'unsupported';

/**
 * A problem with a layout image. `message` starts with the image's name; for a pixel, `path` is its
 * column and row, `x,y` (0-based, row 0 at the top of the image).
 */
export type LayoutImageIssue = Issue<LayoutImageIssueCode>;

export type LayoutImageResult = Result<PadLayoutParams, LayoutImageIssueCode>;

export interface LayoutImageOptions {
  /** Block edge length (µm, > 0). */
  blockUm: number;
  /** Copies per redundant logical pad (an integer >= 1, default 1). */
  redundantCopies?: number;
  /** Named at the start of every message (the file name). */
  source: string;
}

/**
 * Read a pad-block bitmap from PNG bytes: one pixel per block, drawn as seen
 * from above with the top image row at the die's maximum y. Colours:
 * dark (luminance < 64) = critical, light (> 192) or transparent (alpha < 128)
 * = empty, red (R > 160, G and B < 96) = redundant. Any other colour is refused
 * with its pixel position, so an anti-aliased or mis-painted image never
 * silently changes which pads count. Images larger than MAX_LAYOUT_IMAGE_SIDE
 * a side and interlaced images (whose decompressed size the decoder does not
 * bound) are refused from their header, before anything is decompressed.
 */
export function layoutFromPng(bytes: Uint8Array, options: LayoutImageOptions): LayoutImageResult {
  const { source } = options;
  const issues: LayoutImageIssue[] = [];
  const copies = options.redundantCopies ?? 1;
  if (!(options.blockUm > 0) || !Number.isFinite(options.blockUm)) {
    issues.push(issue('bad-option', `blockUm must be a positive number of µm, got ${options.blockUm}`));
  }
  if (!Number.isInteger(copies) || copies < 1) {
    issues.push(issue('bad-option', `redundantCopies must be an integer >= 1, got ${copies}`));
  }
  const header = headerProblem(bytes, source);
  if (header !== undefined) return { ok: false, issues: [...issues, header] };
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    // pngjs throws an Error for every malformed file; anything else is a programmer error.
    if (!(err instanceof Error)) throw err;
    issues.push(issue('bad-png', `${source}: not a readable PNG (${err.message})`));
    return { ok: false, issues };
  }
  const { width, height, data } = png;
  const rows: PadBlockKind[][] = [];
  let badPixels = 0;
  for (let y = 0; y < height; y++) {
    const row: PadBlockKind[] = [];
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const [r, g, b, a] = [data[o]!, data[o + 1]!, data[o + 2]!, data[o + 3]!];
      const kind = classify(r, g, b, a);
      if (kind === undefined) {
        badPixels++;
        if (badPixels <= 20) {
          issues.push(
            issue(
              'bad-pixel',
              `${source}: pixel (${x}, ${y}) rgba(${r}, ${g}, ${b}, ${a}) is not dark (critical), red (redundant) or light/transparent (empty)`,
              `${x},${y}`,
            ),
          );
        }
        row.push('empty');
      } else row.push(kind);
    }
    rows.push(row);
  }
  if (badPixels > 20) {
    issues.push(issue('bad-pixel', `${source}: ${badPixels - 20} more pixels of other colours`));
  }
  if (issues.length > 0) return { ok: false, issues };
  // Image rows run top-down; layout rows count from the die's minimum y.
  return { ok: true, value: { blockUm: options.blockUm, redundantCopies: copies, rows: rows.reverse() } };
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Check every IHDR chunk (a second one would change the size the decoder allocates) without
 * decompressing anything. Bytes that are not a PNG are left to the decoder to name.
 */
function headerProblem(bytes: Uint8Array, source: string): LayoutImageIssue | undefined {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (type === 'IHDR' && at + 8 + 13 <= bytes.length) {
      const width = view.getUint32(at + 8);
      const height = view.getUint32(at + 12);
      if (width > MAX_LAYOUT_IMAGE_SIDE || height > MAX_LAYOUT_IMAGE_SIDE) {
        return issue(
          'too-large',
          `${source}: a ${width} x ${height} pixel image; a layout bitmap may have at most ${MAX_LAYOUT_IMAGE_SIDE} pixels a side (one pixel a block)`,
        );
      }
      if (bytes[at + 8 + 12] !== 0) {
        return issue(
          'unsupported',
          `${source}: an interlaced PNG; save the layout bitmap without interlacing`,
        );
      }
    }
    at += 12 + length; // length, type, data, CRC: always forward
  }
  return undefined;
}

function classify(r: number, g: number, b: number, a: number): PadBlockKind | undefined {
  if (a < 128) return 'empty';
  if (r > 160 && g < 96 && b < 96) return 'redundant';
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  if (lum < 64) return 'critical';
  if (lum > 192) return 'empty';
  return undefined;
}
