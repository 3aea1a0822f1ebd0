// The main thread's side of the SQLite worker: starts it, numbers requests and matches the answers.
// While a request is pending the worker keeps the process alive; an idle store does not.
import { Worker } from 'node:worker_threads';
import type { Ready, RequestBody, Response, WireError, WorkerOptions } from './sqlite-protocol.js';

export type Answer =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: WireError };

/**
 * The worker thread, from dist/ plain JavaScript. From the TypeScript sources (tests and benches run
 * them, the @bondline/source condition) the worker is a .ts file: it registers tsx's loader before
 * importing it (Node 20 takes no `--import` for a worker). The worker imports no workspace package.
 */
function spawn(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./sqlite-worker.js', import.meta.url), { workerData: options });
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./sqlite-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(boot, { eval: true, workerData: options });
}

export class SqliteClient {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private ended: string | undefined;
  private closing = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (res: Response) => {
      const settle = this.pending.get(res.id);
      if (settle === undefined) return;
      this.pending.delete(res.id);
      // Closing: stay referenced until the worker has exited, or the process may end before close() resolves.
      if (this.pending.size === 0 && !this.closing) worker.unref();
      settle(res.ok ? { ok: true, value: res.value } : { ok: false, error: res.error });
    });
    const end = (why: string) => {
      this.ended = why;
      for (const settle of this.pending.values()) settle({ ok: false, error: { message: why } });
      this.pending.clear();
    };
    worker.on('error', (e) => end(`the SQLite worker failed: ${e.message}`));
    worker.on('exit', (code) => end(`the SQLite worker has ended (exit code ${code})`));
  }

  /** Start a worker on `options.path`; the open's error when the database cannot be opened. */
  static start(
    options: WorkerOptions,
  ): Promise<{ ok: true; client: SqliteClient } | { ok: false; error: WireError }> {
    const worker = spawn(options);
    return new Promise((resolve) => {
      const early = (e: Error) => resolve({ ok: false, error: { message: e.message } });
      worker.once('error', early);
      worker.once('message', (ready: Ready) => {
        worker.off('error', early);
        if (ready.ready) {
          worker.unref();
          resolve({ ok: true, client: new SqliteClient(worker) });
        } else {
          void worker.terminate();
          resolve({ ok: false, error: ready.error });
        }
      });
    });
  }

  /** Send a request; resolves with the worker's answer (requests are answered in the order sent). */
  request(body: RequestBody): Promise<Answer> {
    if (this.ended !== undefined) return Promise.resolve({ ok: false, error: { message: this.ended } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...body, id });
    });
  }

  /** Close the database and wait for the worker to end. */
  async close(): Promise<void> {
    if (this.ended !== undefined) return;
    this.closing = true;
    this.worker.ref();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.request({ op: 'close' });
    await exited;
  }
}
