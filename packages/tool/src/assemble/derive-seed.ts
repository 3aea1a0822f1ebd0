// One seed for the whole simulated tool: the twin's physics, the fault engine and the step-time
// variation each take their own stream derived from it, so no two of them draw the same numbers and
// changing one part's use of randomness leaves the others' draws as they were.

/** A seed in [0, 2^32) for the part named `part`, from the tool seed (FNV-1a of the part, mixed with the seed). */
export function deriveSeed(seed: number, part: string): number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193) >>> 0;
  // Fold both 32-bit halves of the seed in, then finalise (murmur3's fmix32) so near seeds spread.
  h = Math.imul(h ^ (seed >>> 0), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ Math.floor(seed / 2 ** 32), 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
