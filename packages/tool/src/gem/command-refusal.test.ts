import { issue } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { refusalReply } from './command-refusal.js';

const START = new Set(['LOTID', 'PAIRS', 'PPID']);

describe('refusalReply (E5 HCACK / CPACK)', () => {
  it('a refused value: HCACK 3, CPACK 2 on the parameter its path names, else on the fallback', () => {
    expect(refusalReply([issue('invalid-lot', 'too many', 'pairs')], {}, START)).toEqual({
      hcack: 3,
      params: [{ name: 'PAIRS', cpack: 2 }],
    });
    expect(refusalReply([issue('invalid-lot', 'bad lot id')], { 'invalid-lot': 'LOTID' }, START)).toEqual({
      hcack: 3,
      params: [{ name: 'LOTID', cpack: 2 }],
    });
    // Two refusals naming two parameters, one naming the same again: each parameter once.
    const both = [
      issue('unknown-recipe', 'no X', 'recipe'),
      issue('invalid-lot', '0', 'pairs'),
      issue('invalid-lot', '-', 'pairs'),
    ];
    expect(refusalReply(both, {}, START).params).toEqual([
      { name: 'PPID', cpack: 2 },
      { name: 'PAIRS', cpack: 2 },
    ]);
  });

  it('the tool’s state: HCACK 2; so is a value refusal with no parameter the host sent', () => {
    for (const code of ['busy', 'not-running', 'not-paused'] as const)
      expect(refusalReply([issue(code, 'now')], {}, START)).toEqual({ hcack: 2, params: [] });
    expect(
      refusalReply([issue('unknown-recipe', 'gone', 'recipe')], {}, new Set(['LOTID', 'PAIRS'])),
    ).toEqual({
      hcack: 2,
      params: [],
    });
    expect(refusalReply([issue('out-of-range', 'no parameter to name')], {}, START)).toEqual({
      hcack: 2,
      params: [],
    });
  });
});
