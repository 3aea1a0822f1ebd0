import type { DieCause } from '../results.js';

/*
 * A Monte Carlo lot keeps one cause per die per wafer pair: one byte each (a 2000-pair lot of
 * 3900-die wafers is 7.8 MB of codes, where an array of strings costs 8 bytes a slot plus the array).
 */

/** Cause codes stored in `McWafer.causes`. */
export const CAUSE_GOOD = 0;
export const CAUSE_OVERLAY = 1;
export const CAUSE_VOID = 2;
export const CAUSE_CU = 3;

/** Cause names indexed by code: `DIE_CAUSES[wafer.causes[i]]`. */
export const DIE_CAUSES: readonly DieCause[] = ['good', 'overlay', 'void', 'cu'];

/** The cause named by a code from `McWafer.causes`; RangeError for a byte that is no cause code. */
export function dieCause(code: number): DieCause {
  const c = DIE_CAUSES[code];
  if (c === undefined) throw new RangeError(`dieCause: ${code} is not a cause code (0..3)`);
  return c;
}

/** Cause code of a cause name (inverse of dieCause). */
export function causeCode(cause: DieCause): number {
  return DIE_CAUSES.indexOf(cause);
}
