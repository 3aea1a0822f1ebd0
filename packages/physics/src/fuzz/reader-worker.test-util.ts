// The worker side of ReaderHarness: runs one physics reader per message on input from outside and
// reports how the result looks, how long the call took and how much the heap grew. Loaded by
// reader-harness.test-util.ts in a worker thread with a heap limit, so that a reader that loops or
// allocates without bound takes down the worker, never the test run.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { visible } from '@bondline/core';
import { loadBondConfig, type ReadBytes } from '../config/index.js';
import { layoutFromPng } from '../geometry/layout-png.js';
import { parseKlarf } from '../klarf/index.js';
import type { ReaderCase, ReaderReport } from './reader-harness.test-util.js';

const KEBAB = /^[a-z]+(-[a-z]+)*$/;

/** What is wrong with a reader's result: it must be `{ ok: true, value }` or `{ ok: false, issues }`. */
function violations(result: unknown): string[] {
  const out: string[] = [];
  if (typeof result !== 'object' || result === null) return ['the result is not an object'];
  const r = result as { ok?: unknown; value?: unknown; issues?: unknown };
  if (r.ok === true) {
    if (r.value === undefined) out.push('ok without a value');
    const bad = nonFinite(r.value, 'value', 0);
    if (bad !== undefined) out.push(`a number that is not finite at ${bad}`);
  } else if (r.ok === false) {
    if (!Array.isArray(r.issues) || r.issues.length === 0) return ['a refusal without issues'];
    for (const i of r.issues as { code?: unknown; message?: unknown; path?: unknown }[]) {
      if (typeof i.code !== 'string' || !KEBAB.test(i.code))
        out.push(`code ${String(i.code)} is not kebab-case`);
      if (typeof i.message !== 'string' || i.message.trim() === '') out.push('an issue without a message');
      else if (visible(i.message) !== i.message) out.push(`an invisible character in: ${visible(i.message)}`);
      if (i.path !== undefined && (typeof i.path !== 'string' || i.path === ''))
        out.push('an empty or odd path');
    }
  } else out.push('ok is neither true nor false');
  return out;
}

/** The key path of the first number that is NaN or infinite in `v`, if any. */
function nonFinite(v: unknown, at: string, depth: number): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : at;
  if (typeof v !== 'object' || v === null || depth > 12) return undefined;
  for (const [k, x] of Object.entries(v)) {
    const bad = nonFinite(x, `${at}.${k}`, depth + 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** A reader gone wrong in each way the harness must catch (its own test). */
function probe(kind: 'hang' | 'allocate' | 'throw' | 'invisible'): unknown {
  if (kind === 'hang') for (;;) {}
  if (kind === 'allocate') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(1));
  }
  if (kind === 'throw') throw new RangeError('probe');
  return { ok: false, issues: [{ code: 'bad-character', message: 'a\u00A0b' }] };
}

async function run(c: ReaderCase): Promise<unknown> {
  switch (c.reader) {
    case 'probe':
      return probe(c.input);
    case 'klarf':
      return parseKlarf(c.input, { source: 'fuzz.klarf' });
    case 'layout-png':
      return layoutFromPng(c.input, { blockUm: 100, redundantCopies: 2, source: 'fuzz.png' });
    case 'config': {
      const files = c.files;
      const readBytes: ReadBytes = async (path) => {
        const bytes = files[path];
        return bytes === undefined
          ? { ok: false, issues: [{ code: 'file-not-found', message: `${path}: no such file` }] }
          : { ok: true, value: bytes };
      };
      return loadBondConfig(
        c.entry,
        c.section === undefined ? { readBytes } : { readBytes, section: c.section },
      );
    }
  }
}

parentPort?.on('message', async (c: ReaderCase) => {
  const before = getHeapStatistics().used_heap_size;
  const t0 = performance.now();
  let report: ReaderReport;
  try {
    const result = await run(c);
    const ms = performance.now() - t0;
    const growth = getHeapStatistics().used_heap_size - before;
    const r = result as { ok?: unknown };
    report = { id: c.id, ms, heapGrowthBytes: growth, ok: r.ok === true, violations: violations(result) };
  } catch (err) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    report = {
      id: c.id,
      ms: performance.now() - t0,
      heapGrowthBytes: 0,
      ok: false,
      violations: [`threw ${what}`],
    };
  }
  parentPort?.postMessage(report);
});
parentPort?.postMessage('ready');
