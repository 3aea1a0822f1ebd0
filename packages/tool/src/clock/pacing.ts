// How virtual time relates to real time (docs/tool.md §1): as fast as the computation allows, or a
// fixed factor of real time (1 is real time). The controller never sees the difference.
import { issue, type Result } from '@bondline/core';

/** `max`: never sleep; `factor`: virtual time runs `factor` times as fast as real time. */
export type Pacing = { mode: 'max' } | { mode: 'factor'; factor: number };

/** As fast as the computation allows. */
export const MAX_SPEED: Pacing = { mode: 'max' };

/** Virtual time runs at real time. */
export const REAL_TIME: Pacing = { mode: 'factor', factor: 1 };

/** Largest factor accepted: beyond it a lot takes well under a second anyway, use `max`. */
const MAX_FACTOR = 1e6;

/**
 * Pacing from a command-line word: `max`, or a positive factor (`1` real time, `60` a minute per
 * second). Refused with `invalid-pacing` naming the word.
 */
export function parsePacing(word: string): Result<Pacing, 'invalid-pacing'> {
  if (word === 'max') return { ok: true, value: MAX_SPEED };
  const factor = Number(word);
  if (word.trim() === '' || !Number.isFinite(factor) || factor <= 0 || factor > MAX_FACTOR) {
    return {
      ok: false,
      issues: [
        issue('invalid-pacing', `speed '${word}' is neither 'max' nor a factor in (0, ${MAX_FACTOR}]`),
      ],
    };
  }
  return { ok: true, value: { mode: 'factor', factor } };
}
