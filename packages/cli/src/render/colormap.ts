import type { Rgba } from './canvas.js';

// Red -> amber -> green stops for a yield in 0..1: a loss reads as "hot".
const stops: readonly (readonly [number, Rgba])[] = [
  [0, [178, 24, 43, 255]],
  [0.5, [244, 165, 60, 255]],
  [0.8, [254, 224, 139, 255]],
  [0.95, [166, 217, 106, 255]],
  [1, [26, 152, 80, 255]],
];

/** Colour of a yield value in [0, 1] (clamped; NaN draws grey). */
export function yieldColour(y: number): Rgba {
  if (Number.isNaN(y)) return [160, 160, 160, 255];
  const v = Math.min(1, Math.max(0, y));
  for (let i = 1; i < stops.length; i++) {
    const [t1, c1] = stops[i]!;
    const [t0, c0] = stops[i - 1]!;
    if (v <= t1) {
      const f = t1 === t0 ? 0 : (v - t0) / (t1 - t0);
      return [
        Math.round(c0[0] + f * (c1[0] - c0[0])),
        Math.round(c0[1] + f * (c1[1] - c0[1])),
        Math.round(c0[2] + f * (c1[2] - c0[2])),
        255,
      ];
    }
  }
  return stops[stops.length - 1]![1];
}
