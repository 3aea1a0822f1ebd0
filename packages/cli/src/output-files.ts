// The files a command writes (--map, --csv, --plot, --audit, --out, ...): checked before the command
// computes anything, so a long run never ends on a bad path; written together and all-or-nothing, so
// a failing run leaves no partial file; and each named on stderr once it is in place.
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { checkOutputPath, formatIssues, type Issue, makeDir, writeFilesAtomic } from '@bondline/core';
import { CliError } from './cli-error.js';

/** Paths by the option (or argument) that names them; undefined when the option was not given. */
export type NamedPaths = Readonly<Record<string, string | undefined>>;

/**
 * Refuse, before any work, outputs that cannot be written: a missing folder, a folder given as the
 * file, a folder that is not writable, two options naming the same file, or an output that is one of
 * the command's `inputs` (it would be overwritten). Every problem is one line of one CliError (exit 2).
 */
export async function checkOutputs(outputs: NamedPaths, inputs: NamedPaths = {}): Promise<void> {
  const issues: Issue[] = [];
  const taken = new Map<string, string>();
  for (const [name, path] of Object.entries(inputs)) {
    if (path !== undefined && path !== '-') taken.set(await identity(path), `the input ${name}`);
  }
  for (const [option, path] of Object.entries(outputs)) {
    if (path === undefined) continue;
    const checked = await checkOutputPath(path, option);
    if (!checked.ok) {
      issues.push(...checked.issues);
      continue;
    }
    const id = await identity(path);
    const other = taken.get(id);
    if (other !== undefined) {
      issues.push({
        code: 'output-named-twice',
        message: `${option} ${path}: is the same file as ${other}`,
        path: option,
      });
    } else taken.set(id, option);
  }
  if (issues.length > 0) throw new CliError(formatIssues(issues));
}

/**
 * Refuse, before any work, a folder a command keeps files in (`--state-dir`): it must be a writable
 * folder, or not exist yet in a folder that does (the command creates it). A CliError (exit 2) names
 * the option.
 */
export async function checkOutputFolder(option: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new CliError(`${option} ${path}: ${reason(err)}`);
    // Not there yet: its parent must be a writable folder, as for a file.
    const parent = await checkOutputPath(path, option);
    if (!parent.ok) throw new CliError(formatIssues(parent.issues));
    return;
  }
  if (!isFolder) throw new CliError(`${option} ${path}: is a file, not a folder`);
  try {
    await access(path, constants.W_OK);
  } catch (err) {
    throw new CliError(`${option} ${path}: the folder is not writable (${reason(err)})`);
  }
}

const reason = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? String(err);

/** One file to write: the option that named it, its path, its bytes and what it holds (for stderr). */
export interface OutputFile {
  option: string;
  path: string;
  data: string | Uint8Array;
  /** Shown after the path: `wrote map.png (1200x1200 PNG)`. */
  description: string;
}

/**
 * Write every file all-or-nothing (see core's writeFilesAtomic), then name each on stderr, one line
 * per file. A failure is a CliError (exit 2) naming the option, the file and the system's reason.
 */
export async function writeOutputs(files: readonly OutputFile[]): Promise<void> {
  const written = await writeFilesAtomic(files.map((f) => ({ path: f.path, data: f.data, what: f.option })));
  if (!written.ok) throw new CliError(formatIssues(written.issues));
  for (const f of files) process.stderr.write(`wrote ${f.path} (${f.description})\n`);
}

/** `1200x1200 PNG`: the size from the PNG's IHDR chunk. */
export function pngDescription(png: Uint8Array): string {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return png.byteLength >= 24 ? `${view.getUint32(16)}x${view.getUint32(20)} PNG` : 'PNG';
}

/** `12 rows + header, CSV` for text with a header line and one row per line. */
export function csvDescription(csv: string): string {
  const rows = lineCount(csv) - 1;
  return `${rows} row${rows === 1 ? '' : 's'} + header, CSV`;
}

/** `40 records, JSON lines`. */
export function jsonLinesDescription(text: string): string {
  const n = lineCount(text);
  return `${n} record${n === 1 ? '' : 's'}, JSON lines`;
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The file a path names, however it is spelled (relative, `./`, through symbolic links). */
async function identity(path: string): Promise<string> {
  const full = resolve(path);
  try {
    return await realpath(full);
  } catch {
    try {
      return join(await realpath(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

/**
 * Write many files into the folder `dir` named by `option` (`--out`), created if missing (its parent
 * was checked by checkOutputFolder): all-or-nothing as writeOutputs, then one stderr line for the
 * whole set, `wrote 103 files to demo-out (<what>)`, instead of a line per file.
 */
export async function writeOutputFolder(
  option: string,
  dir: string,
  files: readonly { name: string; data: string | Uint8Array }[],
  what: string,
): Promise<void> {
  try {
    await makeDir(dir);
  } catch (err) {
    throw new CliError(`${option} ${dir}: cannot create the folder (${reason(err)})`);
  }
  const written = await writeFilesAtomic(
    files.map((f) => ({ path: join(dir, f.name), data: f.data, what: option })),
  );
  if (!written.ok) throw new CliError(formatIssues(written.issues));
  process.stderr.write(`wrote ${files.length} files to ${dir} (${what})\n`);
}
