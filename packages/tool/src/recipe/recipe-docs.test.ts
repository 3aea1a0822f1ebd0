import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipeReferenceMarkdown } from './recipe-docs.js';
import { parseRecipe } from './recipe-schema.js';
import { recipeParamRows } from './recipe-spec.js';

describe('recipeReferenceMarkdown', () => {
  it('has one row per parameter with its limits and default', () => {
    const lines = recipeReferenceMarkdown().split('\n');
    expect(lines).toHaveLength(recipeParamRows().length + 2);
    expect(lines).toContain(
      '| `plasma.rfPowerW` | W | 50 to 1000 | 300 | RF power of the activation plasma |',
    );
    expect(lines).toContain('| `plasma.gas` | | `O2`, `N2` | `N2` | process gas of the activation plasma |');
  });

  it('is what docs/tool.md §3 shows (the docs cannot drift from validation)', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../../docs/tool.md'), 'utf8');
    const m = /<!-- recipe-table:start -->\n([\s\S]*?)\n<!-- recipe-table:end -->/.exec(doc);
    expect(m?.[1], 'docs/tool.md recipe table markers').toBe(recipeReferenceMarkdown());
  });
});

describe('the refusal example of docs/tool.md §3', () => {
  it('shows the messages parseRecipe gives for the file it shows', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../../docs/tool.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### Refusals'));
    const m = /```yaml\n([\s\S]*?)```[\s\S]*?```\n([\s\S]*?)\n```/.exec(section);
    const r = parseRecipe(m?.[1] ?? '', 'BOND-X.yaml');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.message).join('\n')).toBe(m?.[2]);
  });
});
