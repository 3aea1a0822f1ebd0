import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutatedBytes, mutatedText, utf8 } from '../fuzz/mutations.test-util.js';
import { BOUNDS, outOfBounds, ReaderHarness } from '../fuzz/reader-harness.test-util.js';

// Random and damaged KLARF 1.2 and 1.8 files (from examples/klarf) as text and as bytes: the reader must
// return a typed result (value or issues, kebab-case codes, messages without invisible characters,
// finite numbers) within BOUNDS (a deadline per call, a heap limit, bounded heap growth), never throw,
// hang or crash. Each call runs in a worker thread, so a hang fails the property instead of the run.
const EXAMPLES = join(import.meta.dirname, '../../../../examples/klarf');
const seeds = ['top.klarf', 'bottom.klarf'].map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));

describe('parseKlarf on random and damaged files (fuzz)', () => {
  const harness = new ReaderHarness(BOUNDS);
  afterAll(() => harness.stop());

  it('text: a typed result in bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(seeds), async (text) => {
        expect(outOfBounds(await harness.run({ reader: 'klarf', input: text }))).toBe('');
      }),
      { numRuns: 300, endOnFailure: true }, // a failing case can take the deadline: report it unshrunk
    );
  });

  it('bytes: a typed result in bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBytes(seeds.map(utf8)), async (bytes) => {
        expect(outOfBounds(await harness.run({ reader: 'klarf', input: bytes }))).toBe('');
      }),
      { numRuns: 200, endOnFailure: true }, // a failing case can take the deadline: report it unshrunk
    );
  });
});
