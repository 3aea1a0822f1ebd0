// recipeToYaml writes a recipe file that parseRecipe reads back as the same recipe.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipe } from './recipe-schema.js';
import type { Recipe } from './recipe-types.js';
import { recipeToYaml } from './recipe-yaml.js';

const RECIPES = join(import.meta.dirname, '../../../../examples/tool/recipes');

function parsed(text: string, source: string): Recipe {
  const r = parseRecipe(text, source);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

describe('recipeToYaml', () => {
  it('round-trips every shipped recipe', () => {
    for (const f of readdirSync(RECIPES)) {
      const recipe = parsed(readFileSync(join(RECIPES, f), 'utf8'), f);
      const again = parsed(recipeToYaml({ ...recipe, version: 4 }), f);
      expect(again).toEqual({ ...recipe, version: 4 });
    }
  });

  it('round-trips names YAML would read as other types and descriptions with any characters', () => {
    const base = parsed('name: A\n', 'a.yaml');
    for (const name of ['123', 'true', 'NULL', '1e5', '0x1F', 'A.b_c-9']) {
      for (const description of ['', 'a: b # not a comment', 'two\nlines "quoted" \\ back', 'Ü µm 300 °C']) {
        const r = { ...base, name, description };
        expect(parsed(recipeToYaml(r), name)).toEqual(r);
      }
    }
  });

  it('writes every parameter with its unit and limits as a comment', () => {
    const text = recipeToYaml(parsed('name: A\n', 'a.yaml'));
    expect(text).toContain('    rfPowerW:   300    # 50 W to 1000 W\n');
    expect(text).toContain('    gas:        N2     # O2 | N2\n');
    expect(text.startsWith('name: A\nversion: 1\ndescription: ""\nmodules:\n  robot:\n')).toBe(true);
  });
});
