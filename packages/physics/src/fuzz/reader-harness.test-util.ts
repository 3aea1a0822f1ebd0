// Runs physics readers on hostile input in a worker thread with a heap limit and a deadline per call,
// so a test can assert "a typed result, in bounded time and memory, never a throw, hang or crash" even
// for a reader that would loop forever or allocate until the process dies.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** One call of a reader, as sent to the worker. */
export type ReaderCase =
  | { id: number; reader: 'klarf'; input: string | Uint8Array }
  | { id: number; reader: 'probe'; input: 'hang' | 'allocate' | 'throw' | 'invisible' }
  | { id: number; reader: 'layout-png'; input: Uint8Array }
  | { id: number; reader: 'config'; entry: string; files: Record<string, Uint8Array>; section?: string };

/** Distributes over the case union: each case without its id. */
export type ReaderCall = ReaderCase extends infer C ? (C extends ReaderCase ? Omit<C, 'id'> : never) : never;

/** What the worker reports for a call that finished. */
export interface ReaderReport {
  id: number;
  ms: number;
  /** Heap in use after the call minus before it (garbage included: an upper bound of what it kept). */
  heapGrowthBytes: number;
  ok: boolean;
  /** Ways the result broke the contract (a throw, no issues, a non-kebab code, an invisible character...). */
  violations: string[];
}

/** How a call ended: a report, or the worker killed for a deadline or lost to a crash (out of memory). */
export type ReaderOutcome =
  | { kind: 'done'; report: ReaderReport }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crash'; error: string };

export interface HarnessOptions {
  /** Deadline of one call (ms): past it the worker is terminated and the call counts as a hang. */
  deadlineMs: number;
  /** Old-generation heap of the worker (MB): a reader that needs more crashes the worker, not the test. */
  heapMb: number;
}

// tsx's ESM API (its CommonJS build registers the hooks from a wrong relative path when called this way);
// require.resolve finds the package's CommonJS entry, and the ESM one sits beside it.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const WORKER = new URL('./reader-worker.test-util.ts', import.meta.url).href;
// The worker loads the TypeScript sources like the tests do: tsx's loader and the @bondline/source condition.
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); });`;

export class ReaderHarness {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private nextId = 1;
  private pending:
    | { id: number; resolve: (o: ReaderOutcome) => void; timer: NodeJS.Timeout; t0: number }
    | undefined;

  constructor(private readonly options: HarnessOptions) {}

  /** Run one call; resolves with how it ended (never rejects). One call at a time. */
  async run(call: ReaderCall): Promise<ReaderOutcome> {
    if (this.pending !== undefined) throw new Error('ReaderHarness.run: one call at a time');
    const worker = await this.start();
    const id = this.nextId++;
    return new Promise<ReaderOutcome>((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => {
        this.settle({ kind: 'timeout', ms: performance.now() - t0 });
        void this.stop();
      }, this.options.deadlineMs);
      this.pending = { id, resolve, timer, t0 };
      worker.postMessage({ ...call, id });
    });
  }

  /** Stop the worker (the next run starts a fresh one). */
  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (w !== undefined) await w.terminate();
  }

  private settle(outcome: ReaderOutcome): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(outcome);
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const w = new Worker(BOOT, {
        eval: true,
        execArgv: ['--conditions=@bondline/source'],
        resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
      });
      this.worker = w;
      w.on('message', (m: ReaderReport | 'ready') => {
        if (m === 'ready') resolve(w);
        else if (this.pending?.id === m.id) this.settle({ kind: 'done', report: m });
      });
      const lost = (error: string) => {
        if (this.worker === w) {
          this.worker = undefined;
          this.ready = undefined;
        }
        this.settle({ kind: 'crash', error });
        reject(new Error(`reader worker failed to start: ${error}`));
      };
      w.on('error', (err) => lost(`${err.name}: ${err.message}`));
      w.on('exit', (code) => lost(`worker exited with code ${code}`));
    });
    return this.ready;
  }
}

/** The limits every reader call must keep. */
export const BOUNDS = {
  /** A few-kilobyte input parses in milliseconds; seconds of margin for a loaded 2-core machine. */
  deadlineMs: 5_000,
  /** The worker's heap: a reader that needs more dies (reported as a crash). */
  heapMb: 256,
  /** Heap in use after one call, garbage included, may exceed that before it by at most this. */
  heapGrowthBytes: 64 * 1024 * 1024,
} as const;

/** Why an outcome breaks the bounds ('' when it keeps them): for an assertion message. */
export function outOfBounds(o: ReaderOutcome): string {
  if (o.kind === 'timeout') return `no result within ${BOUNDS.deadlineMs} ms (a hang)`;
  if (o.kind === 'crash') return `the reader's worker died: ${o.error}`;
  const r = o.report;
  if (r.violations.length > 0) return r.violations.join('; ');
  if (r.heapGrowthBytes > BOUNDS.heapGrowthBytes) return `the heap grew by ${r.heapGrowthBytes} bytes`;
  return '';
}
