// The host's interactive SML input on hostile text: the shipped host script (examples/host/*.sml)
// mutated (core's hostile text) and fed line by line in core's reader harness (a deadline per call, a
// heap limit). Every line gets messages or one issue naming stdin:line:column, never a throw or a hang.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileText, ReaderHarness, resultProblems } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './e2e.test-util.js';
import type { CliReaders } from './reader-worker.test-util.js';

const DIR = join(REPO_ROOT, 'examples/host');
const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.sml'))
  .map((f) => readFileSync(join(DIR, f), 'utf8'));
// SML's own syntax besides core's hostile pieces: comments, deep lists, message names.
const SML_PIECES = ['/*', '*/', '//', '<L '.repeat(70), 'S1F1', 'W'];
// SML may hold NaN and Inf (F4, F8): numbers are not checked for finiteness.
const RULES = { path: /^[1-9]\d*:[1-9]\d*$/, finiteValues: false };

describe('SmlLineBuffer on hostile input', () => {
  const harness = new ReaderHarness<CliReaders>(new URL('./reader-worker.test-util.ts', import.meta.url));
  afterAll(() => harness.stop());

  it('each line: messages or one issue at stdin:line:column with a readable message; never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(scripts, { pieces: SML_PIECES, maxEdits: 8 }), async (text) => {
        const lines = await harness.typed('sml-lines', text, RULES);
        lines.value.forEach((r, n) => {
          expect(resultProblems(r, RULES)).toEqual([]);
          if (r.ok) return;
          expect(r.issues).toHaveLength(1);
          const [i] = r.issues;
          expect(i?.code).toMatch(/^sml-[a-z]+(-[a-z]+)*$/);
          expect(i?.message).toMatch(/^stdin:\d+:\d+: /);
          // The issue is on a line typed so far.
          expect(Number(i?.path?.split(':')[0])).toBeLessThanOrEqual(n + 1);
        });
      }),
      { numRuns: 300 },
    );
  });
});
