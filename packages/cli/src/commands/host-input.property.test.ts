// The host's interactive SML input on hostile text: the shipped host script (examples/host/*.sml)
// mutated and fed line by line. Every line gets messages or an issue naming stdin:line:column, within
// a time bound, never a throw.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './e2e.test-util.js';
import { SmlLineBuffer } from './host-input.js';

const DIR = join(REPO_ROOT, 'examples/host');
const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.sml'))
  .map((f) => readFileSync(join(DIR, f), 'utf8'));

const NASTY = [
  '<',
  '>',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '/*',
  '*/',
  '//',
  '.',
  ' ',
  '\n',
  '\t',
  '\0',
  '\u00A0',
  '\uFEFF',
  '\u200B',
  '9'.repeat(50),
  '<L '.repeat(70),
  'S1F1',
  'W',
  'é',
  '€',
];
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00A0]/u;

/** The script with random insertions, cuts and repeats. */
const hostile = fc.constantFrom(...scripts).chain((base) =>
  fc
    .array(
      fc.tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...NASTY),
        fc.integer({ min: 0, max: 30 }),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((edits) =>
      edits.reduce((t, [p, s, cut]) => {
        const i = Math.floor(p * t.length);
        return t.slice(0, i) + s + t.slice(i + cut);
      }, base),
    ),
);

describe('SmlLineBuffer on hostile input', () => {
  it('each line: messages or one issue at stdin:line:column with a readable message; never a throw', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const buffer = new SmlLineBuffer();
        text.split('\n').forEach((line, n) => {
          const t0 = performance.now();
          const r = buffer.push(line);
          expect(performance.now() - t0).toBeLessThan(2000);
          if (r.ok) return;
          expect(r.issues).toHaveLength(1);
          const [i] = r.issues;
          expect(i?.code).toMatch(/^sml-[a-z]+(-[a-z]+)*$/);
          expect(i?.message).toMatch(/^stdin:\d+:\d+: /);
          expect(i?.message).not.toMatch(INVISIBLE);
          // The issue is on a line typed so far.
          expect(Number(i?.path?.split(':')[0])).toBeLessThanOrEqual(n + 1);
        });
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
