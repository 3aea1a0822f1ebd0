// The SML reader on hostile text: the shipped host script (examples/host/*.sml) mutated, and random
// text. Whatever comes in, the answer is a typed result within a time and memory bound: never a throw,
// a hang or a crash, and every refusal is one issue at line:column with a readable message.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expectTypedResult, hostileText } from '../hostile-text.test-util.js';
import { parseSml, parseSmlItem, parseSmlItems } from './parse.js';

const DIR = fileURLToPath(new URL('../../../../examples/host/', import.meta.url));
const examples = readdirSync(DIR)
  .filter((f) => f.endsWith('.sml'))
  .map((f) => readFileSync(`${DIR}${f}`, 'utf8'));
const LINE_COLUMN = /^[1-9]\d*:[1-9]\d*$/;
const BOUNDS = { ms: 2000, heapBytes: 256 * 1024 * 1024, path: LINE_COLUMN };

describe('SML reader on hostile text', () => {
  it('messages: a typed result, one issue at line:column, bounded time and memory', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples).chain(hostileText), fc.boolean(), (text, allowEmpty) => {
        expectTypedResult(() => parseSml(text, { source: 'session.sml', allowEmpty }), {
          ...BOUNDS,
          input: text,
        });
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('bare items and one item: the same', () => {
    const items = examples.map((e) => e.replace(/S\d+F\d+ W?|\./g, ' '));
    fc.assert(
      fc.property(fc.constantFrom(...items).chain(hostileText), (text) => {
        expectTypedResult(() => parseSmlItems(text), { ...BOUNDS, input: text });
        expectTypedResult(() => parseSmlItem(text), { ...BOUNDS, input: text });
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
