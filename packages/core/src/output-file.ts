// Files a command writes: checked before any work is done, then written all-or-nothing, so a run that
// fails leaves no partial file behind and a reader never sees half of one.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { issue } from './issue.js';
import type { Result } from './result.js';

export type OutputIssueCode = 'output-is-directory' | 'output-dir-missing' | 'output-not-writable';

/**
 * Check that `path` can be written: its folder exists and is writable, and `path` is not a folder.
 * `what` names the option in the message (`--map`).
 */
export async function checkOutputPath(path: string, what: string): Promise<Result<string, OutputIssueCode>> {
  const full = resolve(path);
  const dir = dirname(full);
  const refuse = (code: OutputIssueCode, text: string) => ({
    ok: false as const,
    issues: [issue(code, `${what} ${path}: ${text}`, what)],
  });
  try {
    if ((await stat(full)).isDirectory()) return refuse('output-is-directory', 'is a folder, not a file');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return refuse('output-not-writable', reason(err));
  }
  try {
    if (!(await stat(dir)).isDirectory()) return refuse('output-dir-missing', `${dir} is not a folder`);
    await access(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? refuse('output-dir-missing', `the folder ${dir} does not exist`)
      : refuse('output-not-writable', `the folder ${dir} is not writable (${reason(err)})`);
  }
  return { ok: true, value: full };
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message;
}

export interface AtomicWriteOptions {
  /** fsync the file and its folder before resolving (default true): the write survives a power cut. */
  fsync?: boolean;
}

/**
 * Replace `path` with `data`: write a temp file beside it, fsync it, rename it over `path`, fsync the
 * folder. A crash or an error at any point leaves the old file (or none) and no temp file that this
 * call could remove.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const sync = options.fsync ?? true;
  const dir = dirname(path);
  const tmp = tempPathBeside(path);
  const fh = await open(tmp, 'wx');
  try {
    try {
      await fh.writeFile(data);
      if (sync) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (sync) await fsyncDirectory(dir);
}

/** A fresh hidden temp file name in `path`'s folder (`.name.<pid>.<random>.tmp`): renamed over `path` later. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * True for a file name the atomic writes here give their temp files (`tempPathBeside`): in a folder
 * only this program writes, one found at start-up is debris of a write a crash interrupted, and can go.
 */
export function isTempFileName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** Make renames inside `dir` durable; a no-op where the platform cannot fsync a folder. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    // Windows refuses to open or fsync a folder; the rename is still atomic there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw err;
  } finally {
    await fh?.close();
  }
}
