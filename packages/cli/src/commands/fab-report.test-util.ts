// A store holding a real lot for the `fab report` tests: `bondline fab up --demo 1` runs a simulated
// bonder (immature profile: alarms, fault points, yield loss) into SQLite until a lot has ended and
// every pair of it is analysed; then it is stopped. The same lot can be copied into another store
// through the public store API (for PostgreSQL), so both reports can be compared.
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import {
  type AlarmRecord,
  type FabRecord,
  type FabStore,
  openSqliteStore,
  type PairAnalysisRecord,
} from '@bondline/fab';
import { hasStackTrace, startBondline } from './e2e.test-util.js';

/** The result of a store read, or a thrown error (a test fixture: the store is ours and must answer). */
function must<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

/** Open a SQLite store file (closed by the caller). */
export async function openSqlite(path: string): Promise<FabStore> {
  return must(await openSqliteStore({ path }));
}

/** A lot that has ended with every pair analysed, or undefined. */
async function analysedLot(store: FabStore, minPairs: number): Promise<string | undefined> {
  const lots = await store.listLots({ limit: 100 });
  if (!lots.ok) return undefined;
  for (const lot of lots.value.items) {
    if (lot.endedMs === undefined) continue;
    const pairs = await store.listPairs({ lotId: lot.id, limit: 1000 });
    if (!pairs.ok || pairs.value.items.length < minPairs) continue;
    const y = await store.yieldSummary({ lotId: lot.id });
    if (y.ok && y.value.total.pairsWithDies === pairs.value.items.length) return lot.id;
  }
  return undefined;
}

/**
 * Run a demo line into `<dir>/line/fab.sqlite` until a lot of `pairs` pairs has ended with every pair
 * analysed; stop it (SIGTERM) and give the store file and the lot id.
 */
export async function demoLot(dir: string, pairs: number): Promise<{ file: string; lotId: string }> {
  const data = join(dir, 'line');
  const file = join(data, 'fab.sqlite');
  // 600 times real time (as fab-up.test.ts): a lot of a few pairs in a few seconds.
  const up = startBondline('fab', [
    'up',
    '--demo',
    '1',
    '--speed',
    '600',
    '--pairs',
    String(pairs),
    '--port',
    '0',
    '--data-dir',
    data,
  ]);
  try {
    await up.printed(/^fab up: running at /m);
    const store = await openSqlite(file);
    let lotId: string | undefined;
    try {
      await until(
        async () => {
          lotId = await analysedLot(store, pairs);
          return lotId !== undefined;
        },
        'a demo lot ended with every pair analysed',
        { timeoutMs: TEST_DEADLINE_MS, intervalMs: 200, detail: () => up.out() + up.err() },
      );
    } finally {
      await store.close();
    }
    if (lotId === undefined) throw new Error('no lot');
    const code = await up.stop('SIGTERM');
    if (code !== 0 || hasStackTrace(up.err())) throw new Error(`fab up ended ${code}: ${up.err()}`);
    return { file, lotId };
  } finally {
    await up.stop('SIGKILL');
  }
}

/** Every item of a paged read. */
async function all<T>(
  read: (
    cursor: string | undefined,
  ) => Promise<
    | { ok: true; value: { items: readonly T[]; nextCursor?: string } }
    | { ok: false; issues: readonly { message: string }[] }
  >,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = must(await read(cursor));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

/**
 * Copy what `fab report` reads of `lotId` (the tool and its maker, the lot, its substrates and
 * carriers, its pairs with their results and analyses, the tool's alarms) from `from` into the
 * migrated store `to`.
 */
export async function copyLot(from: FabStore, to: FabStore, lotId: string): Promise<void> {
  const { lot, substrates, carriers } = must(await from.getLot(lotId));
  const { tool, modules } = must(await from.getTool(lot.toolId));
  const pairs = await all((cursor) =>
    from.listPairs({ lotId, limit: 1000, ...(cursor === undefined ? {} : { cursor }) }),
  );
  const details = [];
  const analyses: PairAnalysisRecord[] = [];
  for (const p of pairs) {
    details.push(must(await from.getPair(p.pair.id)));
    const a = must(await from.getPairAnalysis(p.pair.id));
    analyses.push({
      pairId: a.pairId,
      version: a.version,
      computedMs: a.computedMs,
      faultPoints: a.faultPoints,
      analysis: a.analysis,
    });
  }
  const alarms: AlarmRecord[] = await all((cursor) =>
    from.listAlarms({ toolId: tool.id, limit: 1000, ...(cursor === undefined ? {} : { cursor }) }),
  );
  const records: FabRecord[] = [
    { type: 'organisation', id: tool.organisationId, name: tool.organisationId, role: 'maker' },
    tool,
    ...modules,
    ...carriers,
    lot,
    ...substrates,
    ...details.flatMap((d) => (d.result === undefined ? [d.pair] : [d.pair, d.result])),
    ...alarms,
  ];
  must(await to.writeBatch(records));
  must(await to.writePairAnalyses(analyses));
}
