// The controller looks recipes up synchronously (a PP-SELECT or START answers at once); the store is
// file-backed and asynchronous. The lookup reads the current version's file of the store's folder
// at each call, so whatever changed it (a host's S7F3 or S7F17, the CLI, another process) the
// controller runs what the store holds. Files are replaced atomically: a read sees the old version
// or the new one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecipeName, parseRecipe } from '../recipe/recipe-schema.js';
import type { FileRecipeStore } from '../recipe/recipe-store.js';
import type { Recipe } from '../recipe/recipe-types.js';

/** The current recipe `name` of `store`, or undefined when there is none (or its file is not a valid recipe of that name). */
export function recipeLookup(store: FileRecipeStore): (name: string) => Recipe | undefined {
  return (name) => {
    if (!isRecipeName(name)) return undefined;
    let text: string;
    try {
      text = readFileSync(join(store.dir, `${name}.yaml`), 'utf8');
    } catch {
      return undefined;
    }
    const recipe = parseRecipe(text, join(store.dir, `${name}.yaml`));
    return recipe.ok && recipe.value.name === name ? recipe.value : undefined;
  };
}
