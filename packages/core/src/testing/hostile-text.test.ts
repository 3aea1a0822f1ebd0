import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileBytes } from './hostile-bytes.js';
import { extremeNumbers, hostileText } from './hostile-text.js';

// The generators must produce what they promise, or the property tests of the readers test less than
// they say. A fixed seed: the same samples every run.
const SEED = 'wafer: W1\nsites:\n  - { x: 1, y: 2 }\n  - { x: 3, y: 4 }\n';
const sample = <T>(a: fc.Arbitrary<T>): T[] => fc.sample(a, { numRuns: 3000, seed: 42 });

describe('hostileText', () => {
  const texts = sample(hostileText(SEED, { pieces: ['RECORD'] }));
  const some = (what: string, test: (t: string) => boolean) =>
    expect(texts.some(test), `a sample with ${what}`).toBe(true);

  it('damages the seed every way it says, and adds the reader pieces', () => {
    some('deep nesting', (t) => t.includes('{'.repeat(300)) || t.includes('['.repeat(300)));
    some('a run repeated thousands of times', (t) => t.length > 20 * SEED.length);
    some('an invisible character', (t) => /[\u200B\u00A0\u202E]/.test(t));
    some('a cut', (t) => t.length > 0 && t.length < SEED.length && SEED.startsWith(t));
    some('a byte-order mark first', (t) => t.startsWith('\uFEFF'));
    some('CRLF line ends', (t) => t.includes('\r\n'));
    some('numbers beyond double', (t) => t.includes('1e309') || t.includes('1e999'));
    some('the reader pieces', (t) => t.includes('RECORD'));
    some('random text', (t) => !t.includes('wafer') && !t.includes('sites'));
    // Each edit adds at most 40 000 characters: a few hundred kilobytes at the most.
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThan(300_000);
  });

  it('takes several seeds', () => {
    const both = sample(hostileText(['alpha\n', 'omega\n']));
    expect(both.some((t) => t.includes('alpha'))).toBe(true);
    expect(both.some((t) => t.includes('omega'))).toBe(true);
  });
});

describe('extremeNumbers', () => {
  it('replaces numbers of the text, and only numbers', () => {
    const texts = sample(extremeNumbers(SEED));
    expect(texts.every((t) => t.startsWith('wafer: W') && t.includes('sites:'))).toBe(true);
    expect(texts.some((t) => t.includes('1e309'))).toBe(true);
    expect(texts.some((t) => t.includes('x: ,'))).toBe(true);
  });
});

describe('hostileBytes', () => {
  const seed = new TextEncoder().encode(SEED);
  const all = sample(hostileBytes(seed));

  it('cuts, marks and repeats the seed, and leaves it as it was', () => {
    expect(all.some((b) => b.length < seed.length)).toBe(true);
    expect(all.some((b) => b[0] === 0xfe && b[1] === 0xff)).toBe(true);
    expect(all.some((b) => b.includes(0))).toBe(true);
    expect(all.some((b) => b.length > 2 * seed.length)).toBe(true);
    expect(new TextDecoder().decode(seed)).toBe(SEED);
  });
});
