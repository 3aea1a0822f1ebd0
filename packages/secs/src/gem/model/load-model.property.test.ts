// The model loader on hostile text: examples/equipment.yaml (and the same model as JSON) mutated, and
// random text. The answer is always a typed result within a time and memory bound, never a throw, a
// hang or a crash; every issue has a kebab-case code and a readable one-line message.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parse } from 'yaml';
import { expectTypedResult, hostileText } from '../../hostile-text.test-util.js';
import { parseModelText } from './load-model.js';

const YAML_TEXT = readFileSync(new URL('../../../../../examples/equipment.yaml', import.meta.url), 'utf8');
const JSON_TEXT = JSON.stringify(parse(YAML_TEXT), null, 1);
const BOUNDS = { ms: 5000, heapBytes: 256 * 1024 * 1024, path: /./su };

describe('equipment model loader on hostile text', () => {
  it('YAML: a typed result, bounded time and memory', () => {
    fc.assert(
      fc.property(hostileText(YAML_TEXT), (text) => {
        expectTypedResult(() => parseModelText(text, { source: 'equipment.yaml' }), {
          ...BOUNDS,
          input: text,
        });
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('strict JSON: the same', () => {
    fc.assert(
      fc.property(hostileText(JSON_TEXT), (text) => {
        expectTypedResult(() => parseModelText(text, { source: 'equipment.json', format: 'json' }), {
          ...BOUNDS,
          input: text,
        });
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
