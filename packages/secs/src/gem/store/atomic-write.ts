// Crash-safe file replacement: the reader sees the old bytes or the new bytes, never a mix.

import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Suffix of in-progress files; any file ending in it is debris of an interrupted write. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Replace `path` with `bytes`: write a sibling temp file, fsync it, rename it over `path`, fsync the
 * directory so the rename itself is durable. A crash at any point leaves either the previous file or
 * the new one (plus, at worst, a stray temp file that `open` of the store removes).
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, sync = true): void {
  const dir = dirname(path);
  const tmp = join(dir, `${basename(path)}${TEMP_SUFFIX}`);
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  if (sync) fsyncDirectory(dir);
}

/** Make renames and creations inside `dir` durable (a no-op where the platform cannot open directories). */
function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) refuse fsync on a directory handle; the rename is still atomic there.
  } finally {
    closeSync(fd);
  }
}
