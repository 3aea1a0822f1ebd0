// `mkdir -p` without Node's own recursive mode: on Node 20, `mkdir(path, { recursive: true })` never
// settles where a folder exists but refuses children with ENOENT (`/proc/x` on Linux), so a user's
// `--out /proc/x` hung the command. Here the missing folders are found first and made one by one.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/**
 * Make `path` and whatever folders above it are missing; nothing when it is already a folder. Rejects
 * with the system's error (ENOENT, EACCES, ENOTDIR, ...) when a folder cannot be made.
 */
export async function makeDir(path: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = resolve(path); ; ) {
    try {
      if ((await stat(dir)).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a folder, '${dir}'`), { code: 'ENOTDIR', path: dir });
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
      missing.push(dir);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    }
  }
}
