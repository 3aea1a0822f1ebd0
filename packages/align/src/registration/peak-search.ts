/** The highest value of a map and the highest separate local maximum. */
export interface PeakPair {
  x: number;
  y: number;
  value: number;
  /** Highest 8-neighbour local maximum farther than the separation from the best; -Infinity if none. */
  secondValue: number;
  secondX: number;
  secondY: number;
}

/**
 * Best peak and runner-up of a `width` x `height` row-major map. A runner-up
 * must be a local maximum (>= its 8 neighbours) at Euclidean distance greater
 * than `separation` from the best, so the shoulders of the main peak do not count.
 */
export function findPeaks(map: Float64Array, width: number, height: number, separation: number): PeakPair {
  let best = 0;
  for (let i = 1; i < width * height; i++) if (map[i]! > map[best]!) best = i;
  const bx = best % width;
  const by = (best - bx) / width;
  let secondValue = -Infinity;
  let secondX = -1;
  let secondY = -1;
  const sep2 = separation * separation;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = map[y * width + x]!;
      if (v <= secondValue) continue;
      if ((x - bx) * (x - bx) + (y - by) * (y - by) <= sep2) continue;
      let isMax = true;
      for (let j = Math.max(0, y - 1); j <= Math.min(height - 1, y + 1) && isMax; j++) {
        for (let i = Math.max(0, x - 1); i <= Math.min(width - 1, x + 1); i++) {
          if (map[j * width + i]! > v) {
            isMax = false;
            break;
          }
        }
      }
      if (isMax) {
        secondValue = v;
        secondX = x;
        secondY = y;
      }
    }
  }
  return { x: bx, y: by, value: map[best]!, secondValue, secondX, secondY };
}
