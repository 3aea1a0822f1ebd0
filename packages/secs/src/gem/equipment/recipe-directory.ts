// Process programs stored as one file per PPID in a directory. The PPID becomes the file name, so
// only names that are safe as file names on every OS are accepted; writes go to a temporary file,
// fsync'd and renamed into place (then the directory fsync'd), so a crash mid-write never leaves a
// half program under the real name and a program acknowledged with ACKC7 0 survives a power cut.
// Writes and removes of one PPID run one at a time in the order asked for; all I/O is asynchronous.

import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, makeDir, writeFileAtomic } from '@bondline/core';
import { OrderedByKey } from '../store/ordered-by-key.js';

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

/**
 * A RecipeStore over a directory (created on first write). A write or remove resolves once it is
 * durable (`sync: false`, for tests, skips the fsyncs).
 */
export function recipeDirectory(dir: string, options: { sync?: boolean } = {}): RecipeStore {
  const sync = options.sync ?? true;
  // One PPID's writes and removes in the order asked for.
  const order = new OrderedByKey();
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
    write(ppid, body) {
      if (!isStorablePpid(ppid)) return Promise.reject(new RangeError(`PPID '${ppid}' cannot be stored`));
      return order.run(ppid, async () => {
        await makeDir(dir);
        // The temp file starts with a dot: list() skips it (not a storable PPID).
        await writeFileAtomic(join(dir, ppid), body, { fsync: sync });
      });
    },
    remove(ppid) {
      if (!isStorablePpid(ppid)) return Promise.resolve(false);
      return order.run(ppid, async () => {
        try {
          await rm(join(dir, ppid));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
          throw err;
        }
        if (sync) await fsyncDirectory(dir);
        return true;
      });
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
