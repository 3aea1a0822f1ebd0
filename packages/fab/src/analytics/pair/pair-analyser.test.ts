// The per-pair analyser as a consumer of committed records, on a SQLite store with the store fixtures:
// each committed pair result is analysed and stored once; what the bounded queue cannot take is skipped,
// counted and found by the sweep; pairs stored before it started are swept; bad data is stored with its
// issues; a store refusing writes is counted and retried; a redelivered commit recomputes nothing.
import { issue } from '@bondline/core';
import { until } from '@bondline/core/testing';
import type { BondParams } from '@bondline/physics';
import { afterEach, describe, expect, it } from 'vitest';
import { tempSqliteStore, withWriteBatch } from '../../bus/bus-testing.test-util.js';
import { InProcessFeed } from '../../bus/in-process-feed.js';
import { loadProductBonds } from '../../config/product-bonds.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord } from '../../store/records.js';
import { line, lot, lotContents } from '../../store/store-fixtures.test-util.js';
import { analysePair } from './analyse-pair.js';
import {
  faultPointsOf,
  PAIR_ANALYSIS_VERSION,
  type PairAnalyser,
  startPairAnalyser,
} from './pair-analyser.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{
  store: FabStore;
  feed: InProcessFeed;
  bondFor: (t: string) => BondParams;
}> {
  const s = await tempSqliteStore();
  cleanups.push(s.cleanup);
  const b = await bonds();
  return { store: s.store, feed: new InProcessFeed(), bondFor: b.bondFor };
}

async function bonds() {
  return okValue(await loadProductBonds({ tools: [] }));
}

/** Records committed: written to the store, then given to the feed as a commit would. */
async function commit(store: FabStore, feed: InProcessFeed, records: readonly FabRecord[]): Promise<void> {
  okValue(await store.writeBatch(records));
  feed.emit(records);
}

function analyser(o: Parameters<typeof startPairAnalyser>[0]): PairAnalyser {
  const a = startPairAnalyser(o);
  cleanups.push(() => a.close());
  return a;
}

const lotOf = (id: string, pairs: number): FabRecord[] => [lot(id, 'B1'), ...lotContents(id, 'B1', pairs)];

describe('the pair analyser', () => {
  it('analyses each committed pair result once and stores it, with its issues where data is missing', async () => {
    const { store, feed, bondFor } = await setup();
    okValue(await store.writeBatch(line(['B1'])));
    const seen: string[] = [];
    const a = analyser({ store, feed, bondFor, onAnalysed: (p) => seen.push(p.record.pairId) });
    await a.idle();
    await commit(store, feed, lotOf('L1', 4));
    await until(async () => a.counters().stored === 4, 'four analyses stored', {
      detail: () => JSON.stringify(a.counters()),
    });
    expect(seen.sort()).toEqual(['L1-P1', 'L1-P2', 'L1-P3', 'L1-P4']);
    for (const slot of [1, 2, 3, 4]) {
      const pairId = `L1-P${slot}`;
      const stored = okValue(await store.getPairAnalysis(pairId));
      const result = okValue(await store.getPair(pairId)).result;
      if (result === undefined) throw new Error('no result');
      // The analysis is pure: the stored one is what analysePair gives for the stored maps.
      expect(stored.analysis).toEqual(analysePair(result, { bond: bondFor('B1') }));
      expect(stored.version).toBe(PAIR_ANALYSIS_VERSION);
      // The fixtures' results name no PairAlarms.
      expect(stored.faultPoints).toEqual([]);
      // Even slots have no maps: stored with their issues, nothing thrown.
      if (slot % 2 === 0) expect(stored.analysis.issues.map((i) => i.code)).toContain('missing-map');
    }
    expect(a.counters()).toMatchObject({ stored: 4, withIssues: 4, failed: 0, skipped: 0, queued: 0 });
    // The same commit delivered again (a store writer's redelivery): nothing recomputed.
    feed.emit(lotOf('L1', 4));
    await until(async () => a.counters().alreadyAnalysed === 4, 'the redelivery seen as analysed');
    expect(a.counters().stored).toBe(4);
  });

  it('counts what the bounded queue skips and sweeps it up; sweeps pairs stored before it started', async () => {
    const { store, feed, bondFor } = await setup();
    okValue(await store.writeBatch([...line(['B1']), ...lotOf('L0', 3)]));
    const a = analyser({ store, feed, bondFor, maxQueue: 2, writeEvery: 2 });
    // At start it sweeps the three pairs stored before it (two at a time: maxQueue 2).
    await until(async () => a.counters().stored === 3, 'the pairs stored before start analysed', {
      detail: () => JSON.stringify(a.counters()),
    });
    // Ten results in one commit: two fit, eight are skipped, then swept.
    await commit(store, feed, lotOf('L1', 10));
    await until(async () => a.counters().stored === 13, 'all analysed', {
      detail: () => JSON.stringify(a.counters()),
    });
    expect(a.counters().skipped).toBeGreaterThanOrEqual(8);
    expect(okValue(await store.pairsToAnalyse({ version: PAIR_ANALYSIS_VERSION }))).toEqual([]);
  });

  it('counts a refused write as failed, keeps running, and stores the analyses once the store takes them', async () => {
    const { store, feed, bondFor } = await setup();
    okValue(await store.writeBatch(line(['B1'])));
    let refuse = true;
    const flaky: FabStore = {
      ...withWriteBatch(store, (r) => store.writeBatch(r)),
      writePairAnalyses: async (records) =>
        refuse
          ? { ok: false, issues: [issue('store-unavailable', 'the test refuses')] }
          : store.writePairAnalyses(records),
    };
    const reported: string[] = [];
    const a = analyser({ store: flaky, feed, bondFor, retryMs: 20, onIssue: (i) => reported.push(i.code) });
    await commit(store, feed, lotOf('L1', 2));
    await until(async () => a.counters().failed >= 2, 'the refused write counted');
    expect(reported).toContain('store-unavailable');
    refuse = false;
    await until(async () => a.counters().stored === 2, 'stored by the retry sweep', {
      detail: () => JSON.stringify(a.counters()),
    });
  });

  it('counts an analysis that throws as failed and reported, and goes on with the other pairs (in the calling thread too)', async () => {
    const { store, feed, bondFor } = await setup();
    okValue(await store.writeBatch(line(['B1', 'B2'])));
    const reported: string[] = [];
    const throwing = (toolId: string): BondParams => {
      if (toolId === 'B2') throw new Error('no model for B2');
      return bondFor(toolId);
    };
    const a = analyser({
      store,
      feed,
      bondFor: throwing,
      thread: 'inline',
      onIssue: (i) => reported.push(i.code),
    });
    await commit(store, feed, [...lotOf('L1', 2), lot('L2', 'B2'), ...lotContents('L2', 'B2', 1)]);
    await until(
      async () => a.counters().stored === 2 && a.counters().failed === 1,
      'two stored, one failed',
      {
        detail: () => JSON.stringify(a.counters()),
      },
    );
    expect(reported).toEqual(['analysis-threw']);
    // Not tried again by this process's sweeps.
    await a.sweep();
    expect(a.counters()).toMatchObject({ stored: 2, failed: 1 });
    expect(okValue(await store.pairsToAnalyse({ version: PAIR_ANALYSIS_VERSION }))).toEqual(['L2-P1']);
  });

  it('reads the fault points a pair names from its result (the tool’s PairAlarms)', () => {
    const r = (PairAlarms: unknown) => ({
      type: 'pair-result' as const,
      pairId: 'P',
      yield: 1,
      summary: PairAlarms === undefined ? {} : { PairAlarms: PairAlarms as string },
    });
    expect(faultPointsOf(r('BD-012, PL-003,BD-012,'))).toEqual(['BD-012', 'PL-003']);
    expect(faultPointsOf(r(''))).toEqual([]);
    expect(faultPointsOf(r(undefined))).toEqual([]);
    expect(faultPointsOf(r(7))).toEqual([]);
  });
});
