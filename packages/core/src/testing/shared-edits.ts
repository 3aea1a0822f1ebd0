// The edits that hostile text and hostile bytes share: a run repeated (deep nesting, huge counts) and
// a cut (a file truncated in transfer). Positions are any natural number, taken modulo the length.
import fc from 'fast-check';

/** A run of 1 to `maxLength` units at `at`, written `2..maxTimes` times. */
export function repeatEdit(
  maxLength: number,
  maxTimes: number,
): fc.Arbitrary<{ kind: 'repeat'; at: number; length: number; times: number }> {
  return fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: maxLength }),
    times: fc.integer({ min: 2, max: maxTimes }),
  });
}

/** Everything from `at` on cut off. */
export const truncateEdit: fc.Arbitrary<{ kind: 'truncate'; at: number }> = fc.record({
  kind: fc.constant('truncate' as const),
  at: fc.nat(),
});
