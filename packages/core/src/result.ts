import type { Issue } from './issue.js';

/**
 * What a function that can refuse its input returns: the value, or every issue found (not just the
 * first, where the input allows collecting them).
 */
export type Result<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue<C>[] };

/** A successful result. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** A refusal with at least one issue. */
export function fail<C extends string>(
  first: Issue<C>,
  ...rest: Issue<C>[]
): { readonly ok: false; readonly issues: readonly Issue<C>[] } {
  return { ok: false, issues: [first, ...rest] };
}

/** A refusal from a list of issues already collected (at least one). */
export function failAll<C extends string>(
  issues: readonly Issue<C>[],
): { readonly ok: false; readonly issues: readonly Issue<C>[] } {
  if (issues.length === 0) throw new RangeError('failAll needs at least one issue');
  return { ok: false, issues };
}
