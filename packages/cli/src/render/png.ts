import { PNG } from 'pngjs';
import type { Canvas } from './canvas.js';

/** Encode a canvas as an 8-bit RGBA PNG file (bytes). */
export function encodePng(canvas: Canvas): Buffer {
  const png = new PNG({ width: canvas.width, height: canvas.height, colorType: 6 });
  png.data = Buffer.from(canvas.data.buffer, canvas.data.byteOffset, canvas.data.byteLength);
  return PNG.sync.write(png, { colorType: 6 });
}

/** Decode PNG bytes to size and RGBA pixels (for tests and round trips). */
export function decodePng(bytes: Buffer): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}
