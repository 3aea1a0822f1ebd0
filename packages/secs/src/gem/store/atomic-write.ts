// Crash-safe file replacement: the reader sees the old bytes or the new bytes, never a mix. All I/O is
// asynchronous (fs/promises on the libuv thread pool): the fsyncs never block the event loop.

import { type FileHandle, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFully } from './positional-io.js';

/** Suffix of in-progress files; any file ending in it is debris of an interrupted write. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Replace `path` with `bytes`: write a sibling temp file, fsync it, rename it over `path`, fsync the
 * directory so the rename itself is durable; resolves once all of that is done. A crash at any point
 * leaves either the previous file or the new one (plus, at worst, a stray temp file that `open` of the
 * store removes). Two writes of the same path must not overlap (they share the temp file): callers
 * serialise them (DocumentStore does, per document). The temp file is `<tempBase>.tmp` beside `path`
 * (`tempBase` defaults to the file's name).
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  sync = true,
  tempBase = basename(path),
): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `${tempBase}${TEMP_SUFFIX}`);
  const fh = await open(tmp, 'w');
  try {
    await writeFully(fh, bytes, 0);
    if (sync) await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  if (sync) await fsyncDirectory(dir);
}

/** Make renames and creations inside `dir` durable (a no-op where the platform cannot open directories). */
export async function fsyncDirectory(dir: string): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await fh.sync();
  } catch {
    // Some platforms (Windows) refuse fsync on a directory handle; the rename is still atomic there.
  } finally {
    await fh.close();
  }
}
