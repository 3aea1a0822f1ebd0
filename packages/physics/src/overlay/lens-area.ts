/**
 * Overlap (lens) area of two discs of radii r1, r2 (µm) whose centres are d
 * apart (µm), in µm². Standard circle–circle intersection: two circular
 * segments, written with the triangle term by Heron's form.
 */
export function lensArea(r1: number, r2: number, d: number): number {
  if (!(r1 >= 0 && r2 >= 0 && d >= 0)) throw new RangeError(`lensArea: need r1, r2, d >= 0`);
  if (d >= r1 + r2) return 0;
  if (d <= Math.abs(r1 - r2)) return Math.PI * Math.min(r1, r2) ** 2;
  const c1 = Math.min(1, Math.max(-1, (d * d + r1 * r1 - r2 * r2) / (2 * d * r1)));
  const c2 = Math.min(1, Math.max(-1, (d * d + r2 * r2 - r1 * r1) / (2 * d * r2)));
  const k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2);
  return r1 * r1 * Math.acos(c1) + r2 * r2 * Math.acos(c2) - 0.5 * Math.sqrt(Math.max(0, k));
}
