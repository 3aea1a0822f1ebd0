// The operator scenario reader on hostile text: the shipped scenarios (examples/scenarios/*.txt)
// mutated, and random text, read whole and line by line as the console does. The answer is always a
// typed result within a time and memory bound, never a throw, a hang or a crash; every issue says
// file:line in its message and has the line (and column) as its path.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectTypedResult, hostileText } from '../../hostile-text.test-util.js';
import { exampleModel } from '../equipment/test-rig.test-util.js';
import { OperatorScriptReader, parseOperatorScript } from './operator-script.js';

const DIR = fileURLToPath(new URL('../../../../../examples/scenarios/', import.meta.url));
const scenarios = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(`${DIR}${f}`, 'utf8'));
const model = exampleModel();
const BOUNDS = { ms: 3000, heapBytes: 256 * 1024 * 1024, path: /^[1-9]\d*(:[1-9]\d*)?$/ };

describe('operator scenario reader on hostile text', () => {
  it('a whole script: a typed result, issues at file:line, bounded time and memory', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scenarios).chain(hostileText), (text) => {
        expectTypedResult(() => parseOperatorScript(text, model, 'drill.txt'), { ...BOUNDS, input: text });
        const r = parseOperatorScript(text, model, 'drill.txt');
        if (!r.ok) for (const i of r.issues) expect(i.message).toMatch(/^drill\.txt(:\d+)?: /);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('line by line (the console): every line gets commands or issues, never a throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scenarios).chain(hostileText), (text) => {
        const reader = new OperatorScriptReader(model, 'operator');
        for (const line of text.split('\n'))
          expectTypedResult(
            () => {
              const r = reader.push(line);
              return r.issues.length === 0 ? { ok: true } : { ok: false, issues: r.issues };
            },
            { ...BOUNDS, input: line },
          );
        const rest = reader.finish();
        expectTypedResult(() => (rest.length === 0 ? { ok: true } : { ok: false, issues: rest }), {
          ...BOUNDS,
          input: text,
        });
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
