import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_DEADLINE_MS } from '@bondline/core/testing';

/** Repository root: end-to-end tests run the CLI from here so example paths resolve. */
export const REPO_ROOT = join(import.meta.dirname, '../../../..');
const BIN = join(import.meta.dirname, '../../bin/bondline.js');

/** What a finished `bondline` process left behind. */
export interface CliRun {
  /** Exit code (null if killed by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How `runBondline` starts the process. */
export interface RunOptions {
  /** Working folder (default the repository root). */
  cwd?: string;
  /**
   * Largest file the process may write, bytes (a multiple of 512): a write past it fails with EFBIG,
   * the way a full disk fails a write. Set with the shell's `ulimit -f` (POSIX: 512-byte blocks).
   */
  fileSizeLimit?: number;
}

/**
 * Runs `node bin/bondline.js <command> ...args` (no command when it is empty) as a separate process from the
 * repository root, for end-to-end tests of a command (exit code, stdout, stderr).
 * `input` is written to its stdin (closed either way, so a command reading '-' ends).
 * Asynchronous so concurrent tests overlap their Node start-up times.
 */
export function runBondline(
  command: string,
  args: readonly string[],
  input = '',
  options: RunOptions = {},
): Promise<CliRun> {
  const argv = [BIN, ...(command === '' ? [] : [command]), ...args];
  const [file, fileArgs] =
    options.fileSizeLimit === undefined
      ? [process.execPath, argv]
      : [
          '/bin/sh',
          ['-c', `ulimit -f ${options.fileSizeLimit / 512} && exec "$0" "$@"`, process.execPath, ...argv],
        ];
  return new Promise((resolve) => {
    const child = execFile(
      file,
      fileArgs,
      { cwd: options.cwd ?? REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr });
      },
    );
    // A command that exits without reading stdin closes the pipe; that EPIPE is not the test's concern.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

/** A `bondline` process left running (a server such as `equipment`), for tests that talk to it. */
export interface RunningBondline {
  proc: ChildProcess;
  out(): string;
  err(): string;
  /** Exit code (null if killed by a signal). */
  exited: Promise<number | null>;
  /**
   * The first match of `re` in stdout, once printed; rejects after `timeoutMs` (default core's
   * TEST_DEADLINE_MS) or when the process exits.
   */
  printed(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Send `signal` (default SIGINT) and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start `node bin/bondline.js <command> ...args` (from `cwd`, default the repository root) and leave it running. */
export function startBondline(
  command: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): RunningBondline {
  const proc = spawn(process.execPath, [BIN, command, ...args], { cwd: options.cwd ?? REPO_ROOT });
  let out = '';
  let err = '';
  const changed = new Set<() => void>();
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (c: string) => {
    out += c;
    for (const f of changed) f();
  });
  proc.stderr!.on('data', (c: string) => {
    err += c;
  });
  // 'close', not 'exit': by then stdout and stderr have been read to their end.
  const exited = new Promise<number | null>((res) => proc.on('close', (code) => res(code)));
  const printed = (re: RegExp, timeoutMs = TEST_DEADLINE_MS): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = re.exec(out);
        if (m === null) return;
        done();
        resolve(m);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`bondline ${command} did not print ${re} within ${timeoutMs} ms:\n${out}\n${err}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        changed.delete(check);
      };
      changed.add(check);
      void exited.then(() => {
        if (!changed.has(check)) return;
        done();
        reject(new Error(`bondline ${command} exited before printing ${re}:\n${out}\n${err}`));
      });
      check();
    });
  const stop = (signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    return exited;
  };
  return { proc, out: () => out, err: () => err, exited, printed, stop };
}

/** True when stderr holds a JavaScript stack trace (a CLI failure must print a message only). */
export function hasStackTrace(stderr: string): boolean {
  return /\n\s+at /.test(stderr);
}
