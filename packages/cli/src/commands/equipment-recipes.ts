// Where `bondline equipment` keeps its process programs. A host's S7F3 (download) and S7F17 (delete)
// change them, so they never live in the folder the model names (in the repository, examples/recipes):
// that folder only seeds a working copy, `<state-dir>/recipes` (kept across restarts) or a temporary
// folder that is removed when the simulator exits.
import { rmSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeDir, pathExists } from '@bondline/core';

/** The simulator's process program folder and where it came from (for its start-up line). */
export interface RecipeFolder {
  dir: string;
  /** `seeded with 2 from examples/recipes`, `kept from an earlier run`, ... */
  origin: string;
}

/**
 * The process program folder for a run: `<stateDir>/recipes`, seeded from `seedDir` the first time
 * (when it does not exist yet), or without a state folder a fresh temporary folder seeded from
 * `seedDir` and removed at process exit. `seedDir` itself is only read.
 */
export async function openRecipeFolder(stateDir: string | undefined, seedDir: string): Promise<RecipeFolder> {
  if (stateDir === undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-recipes-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const n = await copyPrograms(seedDir, dir);
    return { dir, origin: `a temporary copy of ${n} from ${seedDir}, removed at exit` };
  }
  const dir = join(stateDir, 'recipes');
  if (await pathExists(dir)) return { dir, origin: 'kept from an earlier run' };
  // Seed beside it and rename: a crash while copying never leaves a half-seeded folder that a
  // restart would then take as "kept".
  await makeDir(stateDir);
  const staging = await mkdtemp(join(dirname(dir), '.recipes-seed-'));
  try {
    const n = await copyPrograms(seedDir, staging);
    await rename(staging, dir);
    return { dir, origin: `seeded with ${n} from ${seedDir}` };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Copy the files of `from` (not folders, not hidden files) into `to`; a missing `from` copies none. */
async function copyPrograms(from: string, to: string): Promise<number> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  for (const f of files) await copyFile(join(from, f.name), join(to, f.name));
  return files.length;
}
