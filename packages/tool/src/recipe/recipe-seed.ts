// The recipe store's first use: its folder is built from the shipped recipes (examples/tool/recipes)
// beside the state directory's `recipes` folder and renamed into place, so a crash while seeding
// never leaves a half-seeded folder that a restart would take as the store. The seed folder is only
// read: hosts and operators change the copies, never the repository's files.
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  failAll,
  type Issue,
  issue,
  makeDir,
  ok,
  type Result,
  readTextFile,
  writeFileAtomic,
} from '@bondline/core';
import { parseRecipe } from './recipe-schema.js';
import { recipeToYaml } from './recipe-yaml.js';

/** Where the store keeps older versions: `<recipes>/.versions/<NAME>/<version>.yaml`. */
export const VERSIONS_DIR = '.versions';

/**
 * Create `dir` (a store's recipes folder, which must not exist yet) from the recipe files in
 * `seedDir`, each stored as version 1. A seed that is not a valid recipe, or whose `name` differs
 * from its file name, refuses the whole seeding: nothing is created. Resolves with the names seeded.
 */
export async function seedRecipes(dir: string, seedDir: string, fsync: boolean): Promise<Result<string[]>> {
  const seeds = await readSeeds(seedDir);
  if (!seeds.ok) return seeds;
  const parent = join(dir, '..');
  await makeDir(parent);
  const staging = await mkdtemp(join(parent, `.${basename(dir)}-seed-`));
  try {
    for (const { name, text } of seeds.value) {
      await makeDir(join(staging, VERSIONS_DIR, name));
      await writeFileAtomic(join(staging, VERSIONS_DIR, name, '1.yaml'), text, { fsync });
      await writeFileAtomic(join(staging, `${name}.yaml`), text, { fsync });
    }
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // Another process seeded the same state directory first: its folder is the store.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return ok([]);
    throw err;
  }
  return ok(seeds.value.map((s) => s.name));
}

/** Every seed as the text the store writes (version 1, every parameter explicit). */
async function readSeeds(seedDir: string): Promise<Result<{ name: string; text: string }[]>> {
  let names: string[];
  try {
    names = (await readdir(seedDir)).filter((n) => !n.startsWith('.') && isYamlName(n)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return failAll([issue('recipe-seeds', `${seedDir}: the recipe seed folder does not exist`)]);
    throw err;
  }
  const issues: Issue[] = [];
  const out: { name: string; text: string }[] = [];
  for (const file of names) {
    const path = join(seedDir, file);
    const text = await readTextFile(path);
    if (!text.ok) {
      issues.push(...text.issues);
      continue;
    }
    const recipe = parseRecipe(text.value, path);
    if (!recipe.ok) {
      issues.push(...recipe.issues);
      continue;
    }
    const stem = basename(file, extname(file));
    if (out.some((s) => s.name === stem)) {
      issues.push(issue('duplicate-seed', `${path}: a seed named ${stem} was read already`));
      continue;
    }
    if (recipe.value.name !== stem) {
      issues.push(
        issue(
          'name-mismatch',
          `${path}: name: ${recipe.value.name} differs from the file name ${stem}`,
          'name',
        ),
      );
      continue;
    }
    out.push({ name: stem, text: recipeToYaml({ ...recipe.value, version: 1 }) });
  }
  return issues.length > 0 ? failAll(issues) : ok(out);
}

/** A recipe file name: `<NAME>.yaml` or `<NAME>.yml`. */
function isYamlName(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}
