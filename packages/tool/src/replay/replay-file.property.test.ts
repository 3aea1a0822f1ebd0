// The replay reader on hostile input, in core's reader harness (never a throw, a hang or a crash; one
// failure shape with readable messages): the shipped example mutated as YAML, as JSON and as bytes,
// and extreme numbers in it. A refusal names the file; a replay that is read holds only finite numbers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYamlText } from '@bondline/core';
import { extremeNumbers, hostileBytes, hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayReaders } from './replay-reader-worker.test-util.js';

const example = readFileSync(
  resolve(import.meta.dirname, '../../../../examples/tool/replay/pl-vac-037.yaml'),
  'utf8',
);
const parsedExample = parseYamlText(example, { source: 'example' });
if (!parsedExample.ok) throw new Error('the shipped example is not YAML');
const exampleJson = JSON.stringify(parsedExample.value.value, null, 2);
// A path is a key path of the input (any key a file can hold) or a line:col: the default rule (non-empty).
const RULES = {};
const PIECES = ['bondline-replay/1', 'perStep: 1', 'R2R_TX_NM: 1e308', 'body: |', '\uFEFF'];

const harness = new ReaderHarness<ReplayReaders>(
  new URL('./replay-reader-worker.test-util.ts', import.meta.url),
);
afterAll(() => harness.stop());

function named(r: Awaited<ReturnType<typeof harness.typed<'replay-text'>>>, source: string): void {
  if (r.ok) return;
  for (const i of r.issues) expect(i.message.startsWith(source)).toBe(true);
}

describe('parseReplayText on hostile input (property)', () => {
  it('mutated YAML and JSON: a replay or issues naming the file, never a throw or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText(example, { pieces: PIECES }).map((t) => [t, 'r.yaml'] as const),
          hostileText(exampleJson, { pieces: PIECES }).map((t) => [t, 'r.json'] as const),
        ),
        async ([text, source]) => named(await harness.typed('replay-text', { text, source }, RULES), source),
      ),
      { numRuns: 120 },
    );
  });

  it('extreme and malformed numbers: refused by name or read as finite numbers', async () => {
    await fc.assert(
      fc.asyncProperty(extremeNumbers(example), async (text) =>
        named(await harness.typed('replay-text', { text, source: 'r.yaml' }, RULES), 'r.yaml'),
      ),
      { numRuns: 100 },
    );
  });

  it('mutated bytes: decoded and read, or refused naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes(new TextEncoder().encode(example)), async (bytes) =>
        named(await harness.typed('replay-bytes', { bytes, source: 'r.yaml' }, RULES), 'r.yaml'),
      ),
      { numRuns: 100 },
    );
  });

  it('garbage: a megabyte of brackets or of random text is refused quickly, never expanded', async () => {
    for (const text of [
      '['.repeat(1024 * 1024 + 1),
      `format: bondline-replay/1\nsource: { note: "${'x'.repeat(3000)}" }\n`,
      '{'.repeat(5000),
    ]) {
      const r = await harness.typed('replay-text', { text, source: 'r.yaml' }, RULES);
      expect(r.ok).toBe(false);
      named(r, 'r.yaml');
    }
  });
});
