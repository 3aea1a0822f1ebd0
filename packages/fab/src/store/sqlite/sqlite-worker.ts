// The SQLite store's worker thread: opens the database named in workerData, then answers the main
// thread's requests one at a time, in the order they came. A batch's transaction runs whole inside
// one request, so no read ever sees it half written.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEngine } from './sqlite-engine.js';
import type { Ready, Request, Response, WireError, WorkerOptions } from './sqlite-protocol.js';

function wire(e: unknown, index?: number): WireError {
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  return { ...(code === undefined ? {} : { code }), message, ...(index === undefined ? {} : { index }) };
}

const port = parentPort;
if (port === null) throw new Error('sqlite-worker.ts runs as a worker thread of the SQLite store');

let engine: SqliteEngine | undefined;
try {
  engine = new SqliteEngine(workerData as WorkerOptions);
  port.postMessage({ ready: true } satisfies Ready);
} catch (e) {
  port.postMessage({ ready: false, error: wire(e) } satisfies Ready);
}

port.on('message', (req: Request) => {
  if (engine === undefined) return;
  port.postMessage(respond(engine, req));
  if (req.op === 'close') port.close();
});

function respond(db: SqliteEngine, req: Request): Response {
  try {
    switch (req.op) {
      case 'write': {
        const out = db.writeRows(req.rows);
        return out.ok
          ? { id: req.id, ok: true, value: out.fresh }
          : { id: req.id, ok: false, error: wire(out.error, out.index) };
      }
      case 'steps':
        return { id: req.id, ok: true, value: db.runSteps(req.steps) };
      case 'all':
        return { id: req.id, ok: true, value: db.all(req.sql, req.params) };
      case 'applied':
        return { id: req.id, ok: true, value: db.appliedMigrations() };
      case 'apply':
        return { id: req.id, ok: true, value: db.applyMigration(req.migration, req.nowMs) };
      case 'close':
        db.close();
        return { id: req.id, ok: true, value: undefined };
    }
  } catch (e) {
    return { id: req.id, ok: false, error: wire(e) };
  }
}
