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

/** E30 PPChangeStatus: how a process program changed at the equipment. */
const PP_CHANGE = { created: 1, edited: 2, deleted: 3 } as const;
export type PpChangeStatus = (typeof PP_CHANGE)[keyof typeof PP_CHANGE];

/**
 * `store` reporting each change it makes (E30 process program change): a write is "created" when no
 * program of that PPID existed, else "edited"; a remove that deleted something is "deleted". Host
 * downloads (S7F3), deletes (S7F17) and tool code all go through it, so every change is reported once.
 */
export function watchedRecipes(
  store: RecipeStore,
  changed: (ppid: string, status: PpChangeStatus) => void,
): RecipeStore {
  return {
    list: () => store.list(),
    read: (ppid) => store.read(ppid),
    async write(ppid, body) {
      const existed = (await store.list()).includes(ppid);
      await store.write(ppid, body);
      changed(ppid, existed ? PP_CHANGE.edited : PP_CHANGE.created);
    },
    async remove(ppid) {
      const removed = await store.remove(ppid);
      if (removed) changed(ppid, PP_CHANGE.deleted);
      return removed;
    },
  };
}
