import { PNG } from 'pngjs';
import type { PadBlockKind, PadLayoutParams } from '../params.js';

/** A problem with a layout image, with the pixel it concerns when there is one. */
export interface LayoutImageIssue {
  code: 'bad_png' | 'bad_pixel' | 'bad_option';
  message: string;
  /** Pixel column and row (0-based, row 0 = top of the image). */
  x?: number;
  y?: number;
}

export type LayoutImageResult =
  | { ok: true; layout: PadLayoutParams }
  | { ok: false; issues: LayoutImageIssue[] };

/**
 * Read a pad-block bitmap from PNG bytes: one pixel per block, drawn as seen
 * from above with the top image row at the die's maximum y. Colours:
 * dark (luminance < 64) = critical, light (> 192) or transparent (alpha < 128)
 * = empty, red (R > 160, G and B < 96) = redundant. Any other colour is refused
 * with its pixel position, so an anti-aliased or mis-painted image never
 * silently changes which pads count.
 */
export function layoutFromPng(
  bytes: Uint8Array,
  options: { blockUm: number; redundantCopies?: number },
): LayoutImageResult {
  const issues: LayoutImageIssue[] = [];
  const copies = options.redundantCopies ?? 1;
  if (!(options.blockUm > 0) || !Number.isFinite(options.blockUm)) {
    issues.push({
      code: 'bad_option',
      message: `blockUm must be a positive number of µm, got ${options.blockUm}`,
    });
  }
  if (!Number.isInteger(copies) || copies < 1) {
    issues.push({ code: 'bad_option', message: `redundantCopies must be an integer >= 1, got ${copies}` });
  }
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    issues.push({ code: 'bad_png', message: `not a readable PNG: ${(err as Error).message}` });
    return { ok: false, issues };
  }
  const { width, height, data } = png;
  const rows: PadBlockKind[][] = [];
  for (let y = 0; y < height; y++) {
    const row: PadBlockKind[] = [];
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const kind = classify(
        data[o] as number,
        data[o + 1] as number,
        data[o + 2] as number,
        data[o + 3] as number,
      );
      if (kind === undefined) {
        if (issues.length < 20) {
          issues.push({
            code: 'bad_pixel',
            x,
            y,
            message: `pixel (${x}, ${y}) rgba(${data[o]}, ${data[o + 1]}, ${data[o + 2]}, ${data[o + 3]}) is not dark (critical), red (redundant) or light/transparent (empty)`,
          });
        }
        row.push('empty');
      } else row.push(kind);
    }
    rows.push(row);
  }
  if (issues.length > 0) return { ok: false, issues };
  // Image rows run top-down; layout rows count from the die's minimum y.
  return { ok: true, layout: { blockUm: options.blockUm, redundantCopies: copies, rows: rows.reverse() } };
}

function classify(r: number, g: number, b: number, a: number): PadBlockKind | undefined {
  if (a < 128) return 'empty';
  if (r > 160 && g < 96 && b < 96) return 'redundant';
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  if (lum < 64) return 'critical';
  if (lum > 192) return 'empty';
  return undefined;
}
