// The child side of the reader harness: a package's reader module names its readers and calls
// serveReaders; each message runs one reader on one input and reports what the result looks like,
// how much the heap grew, and the result itself when it can be sent back.
import { getHeapStatistics } from 'node:v8';
import { type ResultRules, resultProblems } from './result-problems.js';

/** Readers by name: each takes one input that a worker message can carry (text, bytes, plain data). */
export type Readers = Record<string, (input: never) => unknown>;

/** One call, as the harness sends it (structured clone: text, bytes, plain data, RegExp). */
export interface ReaderCall {
  id: number;
  reader: string;
  input: unknown;
  rules: ResultRules;
  /** The heap growth allowed: past it, garbage is collected before the growth is reported, bytes. */
  heapGrowthBytes: number;
}

/** What the reader's process answers for a call that came back. */
export interface ReaderReport {
  id: number;
  /**
   * Heap in use after the call minus before it, bytes: garbage included (an upper bound of what the
   * call kept), or, when that is past the bound, after a collection (what it kept; how much garbage is
   * still uncollected depends on how much CPU the collector's threads got, so on the machine's load).
   */
  heapGrowthBytes: number;
  /** Ways the call broke the contract: a throw, a result not in the one shape, an invisible character... */
  problems: string[];
  /** The result as the reader returned it (a structured clone), unless it could not be sent. */
  result?: unknown;
  /** Why the result was not sent (it held a function, say). */
  unsent?: string;
}

/**
 * Answer the harness's calls with `readers`. Call it once, at the top level of the module that
 * `ReaderHarness` is given (it runs in a process of its own).
 */
export function serveReaders(readers: Readers): void {
  const send = process.send?.bind(process);
  if (send === undefined)
    throw new Error('serveReaders: no harness to answer; give this module to ReaderHarness');
  // The test run that started this process is gone: nobody is left to answer.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (call: ReaderCall) => {
    const read = readers[call.reader] as ((input: unknown) => unknown) | undefined;
    const before = getHeapStatistics().used_heap_size;
    let report: ReaderReport;
    try {
      if (read === undefined) throw new Error(`no reader named ${call.reader}`);
      const result = await read(call.input);
      let heapGrowthBytes = getHeapStatistics().used_heap_size - before;
      if (heapGrowthBytes > call.heapGrowthBytes) {
        collectGarbage();
        heapGrowthBytes = getHeapStatistics().used_heap_size - before;
      }
      report = { id: call.id, heapGrowthBytes, problems: resultProblems(result, call.rules), result };
    } catch (err) {
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      report = { id: call.id, heapGrowthBytes: 0, problems: [`threw ${what}`] };
    }
    try {
      send(report);
    } catch (err) {
      // A result that cannot be cloned (a function in it) still has its problems reported.
      const unsent = err instanceof Error ? err.message : String(err);
      send({ id: report.id, heapGrowthBytes: report.heapGrowthBytes, problems: report.problems, unsent });
    }
  });
  send('ready');
}

/** A full collection (the harness starts this process with --expose-gc). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('serveReaders: run with --expose-gc, as ReaderHarness does');
  gc();
}
