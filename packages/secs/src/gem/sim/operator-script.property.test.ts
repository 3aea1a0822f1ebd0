// The operator scenario reader on hostile text: the shipped scenarios (examples/scenarios/*.txt)
// mutated, and random text, read whole and line by line as the console does. The answer is always a
// typed result within core's reader harness guards (a deadline per call, a heap limit, bounded heap
// growth), never a throw, a hang or a crash; every issue says file:line in its message and has the line
// (and column) as its path.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SECS_PIECES } from '../../hostile-pieces.test-util.js';
import type { SecsReaders } from '../../reader-worker.test-util.js';

const DIR = fileURLToPath(new URL('../../../../../examples/scenarios/', import.meta.url));
const scenarios = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(`${DIR}${f}`, 'utf8'));
const RULES = { path: /^[1-9]\d*(:[1-9]\d*)?$/ };

describe('operator scenario reader on hostile text', () => {
  const harness = new ReaderHarness<SecsReaders>(
    new URL('../../reader-worker.test-util.ts', import.meta.url),
    {
      heapMb: 512,
      heapGrowthBytes: 256 * 1024 * 1024,
    },
  );
  afterAll(() => harness.stop());
  const hostile = hostileText(scenarios, { pieces: SECS_PIECES });

  it('a whole script: a typed result, issues at file:line, bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const r = await harness.typed('operator-script', text, RULES);
        if (!r.ok) for (const i of r.issues) expect(i.message).toMatch(/^drill\.txt(:\d+)?: /);
      }),
      { numRuns: 300 },
    );
  });

  it('line by line (the console): every line gets commands or issues, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        expect((await harness.run('operator-lines', text, RULES)).problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
