import { stat } from 'node:fs/promises';

/**
 * Whether anything (file or folder) is at `path`. Only "no such entry" answers false: any other
 * failure (permission, a file where a folder was expected) is thrown, so a caller that would create
 * the path does not write over something it could not see.
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
