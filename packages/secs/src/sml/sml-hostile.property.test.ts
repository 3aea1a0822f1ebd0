// The SML reader on hostile text: the shipped host script (examples/host/*.sml) mutated, and random
// text. Whatever comes in, the answer is a typed result within core's reader harness guards (a deadline
// per call, a heap limit, bounded heap growth): never a throw, a hang or a crash, and every refusal is
// one issue at line:column with a readable message.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SECS_PIECES } from '../hostile-pieces.test-util.js';
import type { SecsReaders } from '../reader-worker.test-util.js';

const DIR = fileURLToPath(new URL('../../../../examples/host/', import.meta.url));
const examples = readdirSync(DIR)
  .filter((f) => f.endsWith('.sml'))
  .map((f) => readFileSync(`${DIR}${f}`, 'utf8'));
// SML may hold NaN and Inf (F4, F8): numbers are not checked for finiteness.
const RULES = { path: /^[1-9]\d*:[1-9]\d*$/, finiteValues: false };

describe('SML reader on hostile text', () => {
  const harness = new ReaderHarness<SecsReaders>(new URL('../reader-worker.test-util.ts', import.meta.url), {
    heapMb: 512,
    heapGrowthBytes: 256 * 1024 * 1024,
  });
  afterAll(() => harness.stop());

  it('messages: a typed result, one issue at line:column, bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText(examples, { pieces: SECS_PIECES }),
        fc.boolean(),
        async (text, allowEmpty) => {
          expect((await harness.run('sml', { text, allowEmpty }, RULES)).problems).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('bare items and one item: the same', async () => {
    const items = examples.map((e) => e.replace(/S\d+F\d+ W?|\./g, ' '));
    await fc.assert(
      fc.asyncProperty(hostileText(items, { pieces: SECS_PIECES }), async (text) => {
        expect((await harness.run('sml-items', text, RULES)).problems).toEqual([]);
        expect((await harness.run('sml-item', text, RULES)).problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
