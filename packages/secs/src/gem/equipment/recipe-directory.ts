// Process programs stored as one file per PPID in a directory. The PPID becomes the file name, so
// only names that are safe as file names on every OS are accepted; writes go to a temporary file
// renamed into place, so a crash mid-write never leaves a half program under the real name.

import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where process programs live; injected so that a tool can keep them elsewhere (a database...). */
export interface RecipeStore {
  list(): Promise<string[]>;
  read(ppid: string): Promise<Uint8Array | undefined>;
  write(ppid: string, body: Uint8Array): Promise<void>;
  /** False when there was no such program. */
  remove(ppid: string): Promise<boolean>;
}

const SAFE_PPID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** True when a PPID can be stored (1..80 characters of A-Z a-z 0-9 . _ -, not starting with a dot). */
export const isStorablePpid = (ppid: string): boolean => SAFE_PPID.test(ppid);

/** A RecipeStore over a directory (created on first write). */
export function recipeDirectory(dir: string): RecipeStore {
  return {
    async list() {
      try {
        const names = await readdir(dir);
        const out: string[] = [];
        for (const n of names) {
          if (!isStorablePpid(n)) continue;
          if ((await stat(join(dir, n))).isFile()) out.push(n);
        }
        return out.sort();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
    async read(ppid) {
      if (!isStorablePpid(ppid)) return undefined;
      try {
        return new Uint8Array(await readFile(join(dir, ppid)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async write(ppid, body) {
      if (!isStorablePpid(ppid)) throw new RangeError(`PPID '${ppid}' cannot be stored`);
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${ppid}.${process.pid}.tmp`);
      await writeFile(tmp, body);
      await rename(tmp, join(dir, ppid));
    },
    async remove(ppid) {
      if (!isStorablePpid(ppid)) return false;
      try {
        await rm(join(dir, ppid));
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },
  };
}
