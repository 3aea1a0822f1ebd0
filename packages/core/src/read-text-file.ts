import { readFile, stat } from 'node:fs/promises';
import { issue } from './issue.js';
import type { Result } from './result.js';
import { decodeText, type TextIssueCode } from './text.js';

export type ReadFileIssueCode = 'file-not-found' | 'not-a-file' | 'file-unreadable' | 'file-too-large';

export interface ReadTextOptions {
  /** Refuse files larger than this (bytes); default 256 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Read a UTF-8 text file (see `decodeText`); every way it can fail is an issue naming the path. */
export async function readTextFile(
  path: string,
  options: ReadTextOptions = {},
): Promise<Result<string, ReadFileIssueCode | TextIssueCode>> {
  const bytes = await readBytes(path, options);
  return bytes.ok ? decodeText(bytes.value, path) : bytes;
}

/** Read a file's bytes, refusing a directory, a missing file or one over `maxBytes`. */
export async function readBytes(
  path: string,
  options: ReadTextOptions = {},
): Promise<Result<Uint8Array, ReadFileIssueCode>> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const st = await stat(path);
    if (!st.isFile()) return refuse('not-a-file', `${path}: is not a file`);
    if (st.size > max) {
      return refuse('file-too-large', `${path}: ${st.size} bytes is larger than the ${max} bytes allowed`);
    }
    return { ok: true, value: await readFile(path) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return refuse('file-not-found', `${path}: no such file`);
    if (code === 'EISDIR') return refuse('not-a-file', `${path}: is not a file`);
    if (code === 'EACCES' || code === 'EPERM') return refuse('file-unreadable', `${path}: permission denied`);
    if (code === undefined) throw err;
    return refuse('file-unreadable', `${path}: cannot be read (${code})`);
  }
}

function refuse<C extends ReadFileIssueCode>(
  code: C,
  message: string,
): { ok: false; issues: [ReturnType<typeof issue<C>>] } {
  return { ok: false, issues: [issue(code, message)] };
}
