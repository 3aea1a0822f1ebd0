import { describe, expect, it } from 'vitest';
import { yamlNestingBeyond } from './yaml-depth.js';

describe('yamlNestingBeyond', () => {
  it('lets ordinary nesting through, whatever brackets quoted text or comments hold', () => {
    for (const text of [
      'a: 1\n',
      'a:\n  b:\n    c: [1, [2, {d: 3}]]\n',
      '- - - x\n',
      '{"a": {"b": [1, 2]}}',
      'a: "[[[[[[[[[["\nb: \'{{{{{{{{\'\nc: d # [[[[[[[[[[[[\n',
    ]) {
      expect(yamlNestingBeyond(text, 8), text).toBeUndefined();
    }
  });

  it('finds flow, block and JSON nesting beyond the limit, and where it starts', () => {
    // `a: ` opens the mapping (level 1); the fifth `[` (offset 7) is level 6.
    expect(yamlNestingBeyond(`a: ${'['.repeat(10)}${']'.repeat(10)}`, 5)).toBe(7);
    expect(yamlNestingBeyond(`${'- '.repeat(10)}x`, 5)).toBeDefined();
    expect(yamlNestingBeyond(`${'{"a": '.repeat(10)}1${'}'.repeat(10)}`, 5)).toBeDefined();
    expect(yamlNestingBeyond(`${'['.repeat(6)}${']'.repeat(6)}`, 5)).toBeDefined();
    expect(yamlNestingBeyond(`${'['.repeat(5)}${']'.repeat(5)}`, 5)).toBeUndefined();
  });

  it('names the first bracket beyond the limit in a megabyte of brackets', () => {
    // That it stops there (a megabyte costs what the first few brackets do) is measured by
    // bench/yaml.bench.ts.
    expect(yamlNestingBeyond('['.repeat(1_000_000), 64)).toBe(64);
  });
});
