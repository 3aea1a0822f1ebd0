// Where the pair analyser runs analysePair: in a worker thread (default: the event loop only copies
// the maps over and the answer back) or in the calling thread. A worker that fails or exits rejects
// what it had in hand and is started again for the next pair.
import { Worker } from 'node:worker_threads';
import type { BondParams } from '@bondline/physics';
import { analysePair, type PairMaps } from './analyse-pair.js';
import type { PairAnalysis } from './pair-analysis-schema.js';

export interface AnalysisRequest {
  readonly id: number;
  readonly maps: PairMaps;
  readonly bond: BondParams;
}

export type AnalysisReply =
  | { readonly id: number; readonly ok: true; readonly analysis: PairAnalysis }
  | { readonly id: number; readonly ok: false; readonly message: string };

export interface AnalysisRunner {
  /** Rejects when the analysis threw (a bug) or the worker died. */
  analyse(maps: PairMaps, bond: BondParams): Promise<PairAnalysis>;
  close(): Promise<void>;
}

/** analysePair in the calling thread. */
export function inlineRunner(): AnalysisRunner {
  return {
    analyse: async (maps, bond) => analysePair(maps, { bond }),
    close: async () => undefined,
  };
}

/**
 * The worker, from dist/ plain JavaScript; from the TypeScript sources (tests, benches) a .ts file
 * with tsx's loader registered first (as the SQLite store's worker, docs/fab.md §1.5). Its workspace
 * imports (@bondline/align, @bondline/physics) resolve to their built dist/.
 */
function spawn(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./analysis-worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./analysis-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(boot, { eval: true });
}

/** analysePair in a worker thread of its own, started on first use; an idle worker keeps no process alive. */
export function workerRunner(): AnalysisRunner {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (a: PairAnalysis) => void; reject: (e: Error) => void }>();
  const fail = (why: string): void => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
    worker = undefined;
  };
  const started = (): Worker => {
    if (worker !== undefined) return worker;
    const w = spawn();
    w.on('message', (m: AnalysisReply | { ready: true }) => {
      if (!('id' in m)) return;
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.analysis);
      else p.reject(new Error(m.message));
    });
    w.on('error', (e) => {
      if (worker === w) fail(`the analysis worker failed: ${e.message}`);
    });
    w.on('exit', (code) => {
      if (worker === w) fail(`the analysis worker ended (exit code ${code})`);
    });
    worker = w;
    return w;
  };
  return {
    analyse(maps, bond) {
      const w = started();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (pending.size === 0) w.ref();
        pending.set(id, { resolve, reject });
        w.postMessage({ id, maps, bond } satisfies AnalysisRequest);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      fail('the analyser was closed');
      if (w !== undefined) await w.terminate();
    },
  };
}
