import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../params.js';
import { configReferenceMarkdown } from './docs.js';
import { keySpecs } from './spec.js';

describe('configReferenceMarkdown', () => {
  it('has one row per key with its default from defaultParams', () => {
    const md = configReferenceMarkdown();
    for (const s of keySpecs) {
      const def = (defaultParams[s.section] as unknown as Record<string, number>)[s.key]!;
      const row = md.split('\n').find((l) => l.startsWith(`| \`${s.section}.${s.key}\` |`));
      expect(row, `${s.section}.${s.key}`).toBeDefined();
      expect(Number(row!.split('|')[4]!.trim())).toBeCloseTo(def, 3);
    }
  });

  it('is what packages/physics/README.md shows (docs cannot drift from validation)', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const m = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme);
    expect(m, 'README config table markers').not.toBeNull();
    expect(m![1]).toBe(configReferenceMarkdown());
  });
});
