// The tool's recipes, one YAML file per recipe in the state directory, every version kept
// (docs/tool.md §3): `<stateDir>/recipes/<NAME>.yaml` is the current version and
// `<stateDir>/recipes/.versions/<NAME>/<version>.yaml` every version ever stored. A recipe is
// validated before anything is written, so a refused one leaves the stored one as it was; every
// file is replaced atomically (temp file, fsync, rename), so a crash leaves the old version or the
// new one, never half of one. Changes run one at a time in the order asked for.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fail,
  fsyncDirectory,
  issue,
  makeDir,
  ok,
  pathExists,
  type Result,
  readTextFile,
  writeFileAtomic,
} from '@bondline/core';
import { isRecipeName, parseRecipe, validateRecipe } from './recipe-schema.js';
import { seedRecipes, VERSIONS_DIR } from './recipe-seed.js';
import type { Recipe, RecipeParams } from './recipe-types.js';
import { recipeToYaml } from './recipe-yaml.js';

export interface RecipeStoreOptions {
  /** The tool's state directory; recipes live in its `recipes` folder. */
  stateDir: string;
  /** Shipped recipes the store is built from on first use (only read). */
  seedDir: string;
  /** fsync every write (default true): a stored recipe survives a power cut. */
  fsync?: boolean;
  /**
   * How a file is replaced (default core's writeFileAtomic with `fsync`); tests inject one that
   * fails part-way through a change.
   */
  writeFile?: (path: string, text: string) => Promise<void>;
}

/** A recipe as a caller hands it in: the store numbers its version. */
export interface RecipeDraft {
  name: string;
  description: string;
  params: RecipeParams;
}

/** How the store came to be: seeded now (with the names seeded) or kept from an earlier run. */
export type RecipeStoreOrigin = { seeded: string[] } | { kept: true };

/** Open the store of `stateDir`, seeding it from `seedDir` when it does not exist yet. */
export async function openRecipeStore(
  options: RecipeStoreOptions,
): Promise<Result<{ store: FileRecipeStore; origin: RecipeStoreOrigin }>> {
  const dir = join(options.stateDir, 'recipes');
  const fsync = options.fsync ?? true;
  const writeFile = options.writeFile ?? ((path, text) => writeFileAtomic(path, text, { fsync }));
  const store = new FileRecipeStore(dir, fsync, writeFile);
  if (await pathExists(dir)) return ok({ store, origin: { kept: true } });
  const seeded = await seedRecipes(dir, options.seedDir, fsync);
  return seeded.ok ? ok({ store, origin: { seeded: seeded.value } }) : seeded;
}

/** The recipes of one state directory. Use openRecipeStore to get one. */
export class FileRecipeStore {
  /** Changes one at a time: version numbers are read and written without a race. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The recipes folder (`<stateDir>/recipes`). */
    readonly dir: string,
    private readonly fsync: boolean,
    private readonly writeFile: (path: string, text: string) => Promise<void>,
  ) {}

  /** Names of the current recipes, sorted. */
  async list(): Promise<string[]> {
    let files: string[];
    try {
      files = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return files
      .filter((f) => f.endsWith('.yaml') && isRecipeName(f.slice(0, -5)))
      .map((f) => f.slice(0, -5))
      .sort();
  }

  /** The current recipe `name`, or its stored `version`. */
  async get(name: string, version?: number): Promise<Result<Recipe>> {
    const text = await this.text(name, version);
    if (!text.ok) return text;
    const recipe = parseRecipe(text.value.text, text.value.path);
    if (!recipe.ok) return recipe;
    if (recipe.value.name !== name) {
      return fail(
        issue('name-mismatch', `${text.value.path}: name: ${recipe.value.name} differs from ${name}`),
      );
    }
    return recipe;
  }

  /** The stored text of recipe `name` (current, or `version`), as a host uploads it. */
  async text(name: string, version?: number): Promise<Result<{ path: string; text: string }>> {
    if (!isRecipeName(name))
      return fail(issue('recipe-not-found', `no recipe named ${JSON.stringify(name)}`));
    const path =
      version === undefined
        ? join(this.dir, `${name}.yaml`)
        : join(this.dir, VERSIONS_DIR, name, `${version}.yaml`);
    const read = await readTextFile(path);
    if (read.ok) return ok({ path, text: read.value });
    if (read.issues.some((i) => i.code === 'file-not-found')) {
      return version === undefined
        ? fail(issue('recipe-not-found', `no recipe named ${name}`))
        : fail(issue('version-not-found', `recipe ${name} has no version ${version}`));
    }
    return read;
  }

  /** Versions of recipe `name` ever stored, ascending (a deleted recipe keeps its history). */
  async versions(name: string): Promise<number[]> {
    if (!isRecipeName(name)) return [];
    let files: string[];
    try {
      files = await readdir(join(this.dir, VERSIONS_DIR, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return files
      .map((f) => /^([1-9][0-9]*)\.yaml$/.exec(f)?.[1])
      .filter((v) => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /**
   * Validate and store a recipe as the next version of its name (the last version ever stored + 1;
   * 1 for a new name). A refused recipe changes nothing. Resolves with the recipe as stored.
   */
  put(draft: RecipeDraft): Promise<Result<Recipe>> {
    const checked = validateRecipe(
      { name: draft.name, description: draft.description, modules: draft.params },
      { source: `recipe ${draft.name}` },
    );
    return checked.ok ? this.store(checked.value) : Promise.resolve(checked);
  }

  /**
   * Parse, validate and store recipe file text (`source` names it in messages). A `version` in the
   * text is replaced by the store's next version number.
   */
  putText(text: string, source: string): Promise<Result<Recipe>> {
    const parsed = parseRecipe(text, source);
    return parsed.ok ? this.store(parsed.value) : Promise.resolve(parsed);
  }

  /** Remove recipe `name` from the current ones; its versions stay. False when there was none. */
  delete(name: string): Promise<boolean> {
    if (!isRecipeName(name)) return Promise.resolve(false);
    return this.serial(async () => {
      try {
        await rm(join(this.dir, `${name}.yaml`));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
      if (this.fsync) await fsyncDirectory(this.dir);
      return true;
    });
  }

  private store(recipe: Recipe): Promise<Result<Recipe>> {
    return this.serial(async () => {
      const history = join(this.dir, VERSIONS_DIR, recipe.name);
      const previous = (await this.versions(recipe.name)).at(-1) ?? 0;
      const stored = { ...recipe, version: previous + 1 };
      const text = recipeToYaml(stored);
      await makeDir(history);
      // History first: a crash between the two writes leaves the old current recipe and a history
      // that already holds the new number, so the next put never reuses it.
      await this.writeFile(join(history, `${stored.version}.yaml`), text);
      await this.writeFile(join(this.dir, `${recipe.name}.yaml`), text);
      return ok(stored);
    });
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
