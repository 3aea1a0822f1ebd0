import { describe, expect, it } from 'vitest';
import { invertMatrix } from './invert-matrix.js';

describe('invertMatrix', () => {
  it('inverts a known 3x3 matrix (inverse worked by hand via the adjugate, det = 1)', () => {
    // [[2,3,1],[1,2,1],[1,1,1]]: det = 2(2-1) - 3(1-1) + 1(1-2) = 1; inverse = adjugate.
    const inv = invertMatrix([
      [2, 3, 1],
      [1, 2, 1],
      [1, 1, 1],
    ]);
    const want = [
      [1, -2, 1],
      [0, 1, -1],
      [-1, 1, 1],
    ];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(inv?.[i]?.[j]).toBeCloseTo(want[i]![j]!, 12);
  });

  it('needs pivoting for a zero leading entry, and reports a singular matrix as undefined', () => {
    expect(
      invertMatrix([
        [0, 1],
        [1, 0],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(
      invertMatrix([
        [1, 2],
        [2, 4],
      ]),
    ).toBeUndefined();
  });
});
