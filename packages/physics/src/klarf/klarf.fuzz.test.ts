import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileBytes, hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { PhysicsReaders } from '../fuzz/reader-worker.test-util.js';

// Random and damaged KLARF 1.2 and 1.8 files (from examples/klarf) as text and as bytes: the reader must
// return a typed result (value or issues, kebab-case codes, messages without invisible characters,
// finite numbers) within core's reader harness guards (a deadline per call, a heap limit, bounded heap
// growth), never throw, hang or crash. Each call runs in a worker thread, so a hang fails the property
// instead of the run.
const EXAMPLES = join(import.meta.dirname, '../../../../examples/klarf');
const seeds = ['top.klarf', 'bottom.klarf'].map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
const utf8 = (text: string) => new TextEncoder().encode(text);
// KLARF's own structure, nested and repeated: the records of 1.8 and a long list of numbers.
const KLARF_PIECES = ['Record X "y" {'.repeat(40), 'DefectList', 'EndOfFile;', 'FileVersion 1 8;'];
const WORKER = new URL('../fuzz/reader-worker.test-util.ts', import.meta.url);

describe('parseKlarf on random and damaged files (fuzz)', () => {
  const harness = new ReaderHarness<PhysicsReaders>(WORKER);
  afterAll(() => harness.stop());

  it('text: a typed result in bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(seeds, { pieces: KLARF_PIECES, maxEdits: 4 }), async (text) => {
        expect((await harness.run('klarf', text)).problems).toEqual([]);
      }),
      { numRuns: 300, endOnFailure: true }, // a failing case can take the deadline: report it unshrunk
    );
  });

  it('bytes: a typed result in bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes(seeds.map(utf8), 4), async (bytes) => {
        expect((await harness.run('klarf', bytes)).problems).toEqual([]);
      }),
      { numRuns: 200, endOnFailure: true }, // a failing case can take the deadline: report it unshrunk
    );
  });
});
