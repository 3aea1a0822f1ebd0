// GEM process programs ARE the tool's recipes (docs/tool.md §3): @bondline/secs's RecipeStore over
// the file-backed store, so a host's upload (S7F5), download (S7F3), list (S7F19) and delete (S7F17)
// read and change the same recipes the controller runs. A download is validated like any recipe; a
// refused one is answered ACKC7 1 through secs' RecipeRefusedError and changes nothing.
import { decodeText, formatIssues, type Issue } from '@bondline/core';
import { RecipeRefusedError, type RecipeStore } from '@bondline/secs';
import { parseRecipe } from './recipe-schema.js';
import type { FileRecipeStore } from './recipe-store.js';

export interface GemRecipeOptions {
  /** Told of every download refused, with the PPID and the issues (for the operator's log). */
  refused?: (ppid: string, issues: readonly Issue[]) => void;
}

/**
 * The store as GEM process programs: the PPID is the recipe name, the body the recipe file's YAML
 * text (UTF-8). A downloaded body must be a valid recipe whose `name` is the PPID; it is stored as
 * the recipe's next version. A delete removes the current recipe and keeps its versions.
 */
export function gemRecipeStore(store: FileRecipeStore, options: GemRecipeOptions = {}): RecipeStore {
  const refuse = (ppid: string, issues: readonly Issue[]): never => {
    options.refused?.(ppid, issues);
    throw new RecipeRefusedError(formatIssues(issues));
  };
  return {
    list: () => store.list(),
    async read(ppid) {
      const text = await store.text(ppid);
      if (text.ok) return new TextEncoder().encode(text.value.text);
      if (text.issues.every((i) => i.code === 'recipe-not-found')) return undefined;
      // A stored recipe that cannot be read is a failure of the store, answered and reported by secs.
      throw new Error(formatIssues(text.issues));
    },
    async write(ppid, body) {
      const source = `PPID ${ppid}`;
      const text = decodeText(body, source);
      if (!text.ok) return refuse(ppid, text.issues);
      const recipe = parseRecipe(text.value, source);
      if (!recipe.ok) return refuse(ppid, recipe.issues);
      if (recipe.value.name !== ppid) {
        return refuse(ppid, [
          {
            code: 'name-mismatch',
            message: `${source}: name: ${recipe.value.name} differs from the PPID it was sent as`,
            path: 'name',
          },
        ]);
      }
      const stored = await store.put({
        name: recipe.value.name,
        description: recipe.value.description,
        params: recipe.value.params,
      });
      if (!stored.ok) refuse(ppid, stored.issues);
    },
    remove: (ppid) => store.delete(ppid),
  };
}
