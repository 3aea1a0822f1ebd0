import type { GreyImage } from '../image/grey-image.js';

/** Plain NCC of `template` against the image block with top-left at integer (x, y); 0 if either is flat. */
export function nccAtInteger(image: GreyImage, template: GreyImage, x: number, y: number): number {
  const { width: tw, height: th } = template;
  const n = tw * th;
  let sI = 0;
  let sII = 0;
  let sT = 0;
  let sTT = 0;
  let sIT = 0;
  for (let v = 0; v < th; v++) {
    const o = (y + v) * image.width + x;
    for (let u = 0; u < tw; u++) {
      const a = image.data[o + u]!;
      const b = template.data[v * tw + u]!;
      sI += a;
      sII += a * a;
      sT += b;
      sTT += b * b;
      sIT += a * b;
    }
  }
  const vi = sII - (sI * sI) / n;
  const vt = sTT - (sT * sT) / n;
  return vi > 1e-12 * n && vt > 1e-12 * n ? (sIT - (sI * sT) / n) / Math.sqrt(vi * vt) : 0;
}
