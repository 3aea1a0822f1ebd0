import { describe, expect, it } from 'vitest';
import { A, F4, L, U1, U2, U4 } from './constructors.js';
import { matchItem, Shape } from './match.js';

// S2F33 (define report): L[2] DATAID, L[n] of L[2] RPTID, L[m] VID.
const S2F33 = Shape.list(
  Shape.format(['U1', 'U2', 'U4'], 1),
  Shape.listOf(Shape.list(Shape.format('U4', 1), Shape.listOf(Shape.format(['U4', 'A'])))),
);

describe('matchItem', () => {
  it('a body of the right shape has no issues', () => {
    const body = L(U2(1), L(L(U4(10), L(U4(1), A('Temp'))), L(U4(11), L())));
    expect(matchItem(body, S2F33)).toEqual([]);
  });

  it('lists every place the body differs, with paths', () => {
    const body = L(U1([1, 2]), L(L(A('x'), L(U4(1), F4(2))), U4(3)));
    expect(matchItem(body, S2F33).map((i) => i.message)).toEqual([
      'body[0]: expected U1/U2/U4 [1], got U1 [2]',
      'body[1][0][0]: expected U4 [1], got A [1]',
      'body[1][0][1][1]: expected U4/A, got F4 [1]',
      'body[1][1]: expected L [2], got U4 [1]',
    ]);
  });

  it('a missing body or a wrong list length is one issue at that level', () => {
    expect(matchItem(undefined, S2F33)).toEqual([
      { code: 'unexpected-item', path: 'body', message: 'body: expected L [2], got nothing' },
    ]);
    expect(matchItem(L(U4(1)), S2F33)).toMatchObject([
      { path: 'body', message: 'body: expected L [2], got L [1]' },
    ]);
    expect(matchItem(undefined, Shape.any())).toHaveLength(1);
    expect(matchItem(L(), Shape.listOf(Shape.any(), 2))).toMatchObject([
      { message: 'body: expected L [2], got L [0]' },
    ]);
  });

  it('stops at maxIssues', () => {
    const body = L(...Array.from({ length: 50 }, () => A('x')));
    expect(matchItem(body, Shape.listOf(Shape.format('U4')), 5)).toHaveLength(5);
  });
});
