// The several files of one run (a CSV and a map, an image and its template) written as a set: every
// file is staged and made durable before any is put in place, so a failure while writing (a full disk,
// a file-size limit) leaves none of them, and a reader never sees half of one.
import { open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { issue } from './issue.js';
import { fsyncDirectory, tempPathBeside } from './output-file.js';
import type { Result } from './result.js';

export type WriteIssueCode = 'output-write-failed';

/** One file of the set. */
export interface OutputFileData {
  readonly path: string;
  readonly data: string | Uint8Array;
  /** Names the file in a message (an option such as `--map`); default: nothing before the path. */
  readonly what?: string;
}

export interface WriteFilesOptions {
  /** fsync each file and its folder (default true): the set survives a power cut once this resolves. */
  fsync?: boolean;
}

/**
 * Write every file: each goes to a temp file beside its path (fsynced), and only when all are written
 * are they renamed into place. A failure while staging removes the temp files and leaves every path as
 * it was (old file or none). Renames fail only when the folder changed under the run; then the files
 * renamed before the failure stay replaced, the rest stay as they were. The issue names the file and
 * the system's reason (`--csv out.csv: cannot be written (EFBIG)`).
 */
export async function writeFilesAtomic(
  files: readonly OutputFileData[],
  options: WriteFilesOptions = {},
): Promise<Result<void, WriteIssueCode>> {
  const sync = options.fsync ?? true;
  const staged: { tmp: string; file: OutputFileData }[] = [];
  const removeStaged = () => Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
  for (const file of files) {
    const tmp = tempPathBeside(file.path);
    try {
      const fh = await open(tmp, 'wx');
      staged.push({ tmp, file });
      try {
        await fh.writeFile(file.data);
        if (sync) await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      await removeStaged();
      return refuse(file, err);
    }
  }
  for (const [i, { tmp, file }] of staged.entries()) {
    try {
      await rename(tmp, file.path);
    } catch (err) {
      await Promise.all(staged.slice(i).map((s) => rm(s.tmp, { force: true })));
      return refuse(file, err);
    }
  }
  if (sync) {
    for (const dir of new Set(files.map((f) => dirname(resolve(f.path))))) await fsyncDirectory(dir);
  }
  return { ok: true, value: undefined };
}

function refuse(file: OutputFileData, err: unknown): Result<void, WriteIssueCode> {
  const e = err as NodeJS.ErrnoException;
  if (e.code === undefined) throw err;
  const where = file.what === undefined ? file.path : `${file.what} ${file.path}`;
  return {
    ok: false,
    issues: [issue('output-write-failed', `${where}: cannot be written (${e.code})`, file.what)],
  };
}
