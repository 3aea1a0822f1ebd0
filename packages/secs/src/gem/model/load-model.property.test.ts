// The model loader on hostile text: examples/equipment.yaml (and the same model as JSON) mutated, and
// random text. The answer is always a typed result within core's reader harness guards (a deadline per
// call, a heap limit, bounded heap growth), never a throw, a hang or a crash; every issue has a
// kebab-case code and a readable one-line message.
import { readFileSync } from 'node:fs';
import { hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SecsReaders } from '../../reader-worker.test-util.js';

const YAML_TEXT = readFileSync(new URL('../../../../../examples/equipment.yaml', import.meta.url), 'utf8');
const JSON_TEXT = JSON.stringify(parse(YAML_TEXT), null, 1);

describe('equipment model loader on hostile text', () => {
  const harness = new ReaderHarness<SecsReaders>(
    new URL('../../reader-worker.test-util.ts', import.meta.url),
    {
      heapMb: 512,
      heapGrowthBytes: 256 * 1024 * 1024,
    },
  );
  afterAll(() => harness.stop());

  it('YAML: a typed result, bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(YAML_TEXT), async (text) => {
        const o = await harness.run('model', { text, options: { source: 'equipment.yaml' } });
        expect(o.problems).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('strict JSON: the same', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(JSON_TEXT), async (text) => {
        const o = await harness.run('model', { text, options: { source: 'equipment.json', format: 'json' } });
        expect(o.problems).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
