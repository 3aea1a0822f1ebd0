// Runs a package's readers on hostile input in a child process with a heap limit and a deadline per
// call, so that a test can say "a typed result, in bounded memory, never a throw, a hang or a crash"
// even of a reader that would loop forever or allocate until its process dies. A process, not a worker
// thread: V8 aborts the whole process on some out-of-memory paths, and that must not be the test run.
// The deadline catches a hang; it is no speed target (benchmarks measure speed), so it is generous.
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ResultRules } from './result-problems.js';
import type { ReaderCall, ReaderReport, Readers } from './serve-readers.js';

/** The guards of every call. */
export interface ReaderHarnessOptions {
  /**
   * A call without an answer after this long is a hang, ms (default 30 000: a few-kilobyte input is
   * read in milliseconds, even on a loaded 2-core machine). The process is then killed.
   */
  deadlineMs?: number;
  /** Old-generation heap of the process, MB (default 256): a reader that needs more crashes it. */
  heapMb?: number;
  /**
   * Most the heap in use may grow in one call, bytes (default 64 MiB). A growth past it is measured
   * again after a collection: only what the call kept counts against it.
   */
  heapGrowthBytes?: number;
}

/** How a call ended. */
export interface ReaderOutcome<T> {
  /** Ways it broke the contract or the guards ([] when it kept them). */
  problems: string[];
  /** The reader's result (a structured clone), when it returned one that could be sent. */
  result?: T;
  /** Why a result that was returned was not sent back. */
  unsent?: string;
}

type InputOf<F> = F extends (input: infer I) => unknown ? I : never;
type OutputOf<F> = F extends (input: never) => infer O ? Awaited<O> : never;

interface Pending {
  id: number;
  resolve: (r: { kind: 'done'; report: ReaderReport } | { kind: 'lost'; problem: string }) => void;
  timer: NodeJS.Timeout;
}

/**
 * The readers that `module` serves (a module calling `serveReaders`; TypeScript is loaded with tsx and
 * the `@bondline/source` condition, as the tests are), one call at a time.
 */
export class ReaderHarness<R extends Readers> {
  private readonly deadlineMs: number;
  private readonly heapMb: number;
  private readonly heapGrowthBytes: number;
  private current: ChildProcess | undefined;
  private ready: Promise<ChildProcess> | undefined;
  private nextId = 1;
  private pending: Pending | undefined;

  constructor(
    private readonly module: URL,
    options: ReaderHarnessOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? 30_000;
    this.heapMb = options.heapMb ?? 256;
    this.heapGrowthBytes = options.heapGrowthBytes ?? 64 * 1024 * 1024;
  }

  /** Run one reader on one input; resolves with how it went (never rejects for the reader's sake). */
  async run<K extends keyof R & string>(
    reader: K,
    input: InputOf<R[K]>,
    rules: ResultRules = {},
  ): Promise<ReaderOutcome<OutputOf<R[K]>>> {
    if (this.pending !== undefined) throw new Error('ReaderHarness.run: one call at a time');
    const child = await this.start();
    const id = this.nextId++;
    const ended = await new Promise<Parameters<Pending['resolve']>[0]>((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ kind: 'lost', problem: `no result within ${this.deadlineMs} ms (a hang)` });
        void this.stop();
      }, this.deadlineMs);
      this.pending = { id, resolve, timer };
      const call: ReaderCall = { id, reader, input, rules, heapGrowthBytes: this.heapGrowthBytes };
      child.send(call);
    });
    if (ended.kind === 'lost') return { problems: [ended.problem] };
    const r = ended.report;
    const problems = [...r.problems];
    if (r.heapGrowthBytes > this.heapGrowthBytes)
      problems.push(`the heap grew by ${r.heapGrowthBytes} bytes (at most ${this.heapGrowthBytes})`);
    const outcome: ReaderOutcome<OutputOf<R[K]>> = { problems };
    if ('result' in r) outcome.result = r.result as OutputOf<R[K]>;
    if (r.unsent !== undefined) outcome.unsent = r.unsent;
    return outcome;
  }

  /** The reader's result; rejects with every problem named when the call broke the contract or a guard. */
  async typed<K extends keyof R & string>(
    reader: K,
    input: InputOf<R[K]>,
    rules: ResultRules = {},
  ): Promise<OutputOf<R[K]>> {
    const o = await this.run(reader, input, rules);
    if (o.problems.length > 0) throw new Error(`${reader}: ${o.problems.join('; ')}`);
    if (!('result' in o)) throw new Error(`${reader}: the result could not be sent back: ${o.unsent}`);
    return o.result as OutputOf<R[K]>;
  }

  /** Stop the process (the next call starts a fresh one). */
  async stop(): Promise<void> {
    const child = this.current;
    this.current = undefined;
    this.ready = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private settle(r: Parameters<Pending['resolve']>[0]): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(r);
  }

  private start(): Promise<ChildProcess> {
    this.ready ??= new Promise<ChildProcess>((resolve, reject) => {
      const child = fork(fileURLToPath(this.module), [], {
        execArgv: [
          ...loader(this.module),
          '--conditions=@bondline/source',
          `--max-old-space-size=${this.heapMb}`,
          '--expose-gc',
        ],
        serialization: 'advanced',
        // V8's report of an out-of-memory death is kept for the message, not printed among the tests'.
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      this.current = child;
      // A reader caught in a loop never sees its harness go: take it along when this process ends.
      const orphaned = (): void => {
        child.kill('SIGKILL');
      };
      process.once('exit', orphaned);
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
      });
      child.on('message', (m: ReaderReport | 'ready') => {
        if (m === 'ready') resolve(child);
        else if (this.pending?.id === m.id) this.settle({ kind: 'done', report: m });
      });
      const lost = (what: string): void => {
        process.off('exit', orphaned);
        if (this.current === child) {
          this.current = undefined;
          this.ready = undefined;
        }
        const said = /FATAL ERROR: .*|\w*Error: .*/.exec(stderr)?.[0];
        const error = said === undefined ? what : `${what}: ${said}`;
        this.settle({ kind: 'lost', problem: `the reader's process died: ${error}` });
        reject(new Error(`reader process ${this.module.href} failed to start: ${error}`));
      };
      child.on('error', (err) => lost(`${err.name}: ${err.message}`));
      // 'close', not 'exit': by then stderr has been read to its end.
      child.on('close', (code, signal) => lost(signal === null ? `exit code ${code}` : `signal ${signal}`));
    });
    return this.ready;
  }
}

/** Node's options that load `module`: tsx's loader when it is TypeScript. */
function loader(module: URL): string[] {
  if (!module.pathname.endsWith('.ts')) return [];
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}
