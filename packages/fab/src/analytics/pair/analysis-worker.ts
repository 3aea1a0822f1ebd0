// The per-pair analyser's worker thread (docs/fab.md §7.5): runs
// analysePair for the main thread, one request at a time, so an analysis (5–20 ms of CPU a pair, more
// on a loaded machine) never holds the event loop of the collector, the store writer or the API.
import { parentPort } from 'node:worker_threads';
import { analysePair } from './analyse-pair.js';
import type { AnalysisReply, AnalysisRequest } from './analysis-runner.js';

const port = parentPort;
if (port === null) throw new Error('analysis-worker.ts runs as a worker thread of the pair analyser');

port.on('message', (req: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: req.id, ok: true, analysis: analysePair(req.maps, { bond: req.bond }) };
  } catch (e) {
    reply = { id: req.id, ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
