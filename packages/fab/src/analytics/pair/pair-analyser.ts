// The per-pair analysis as a consumer of committed records (docs/fab.md §7.5): each pair result committed is queued by its pair id (O(1) in the feed's listener, so the commit
// path does no analysis), then read back from the store, analysed with its tool's product model in a
// worker thread (analysis-runner.ts: the event loop only copies the maps over) and stored
// (writePairAnalyses), one pair at a time. The queue is
// bounded: a pair that does not fit is counted as skipped and picked up by the next sweep, which lists
// the pairs with a result and no analysis of this version (at start, after an overflow or a failed
// write, and on `sweep()`), so a pair missed by the feed (a crash after commit, NATS's at-most-once
// announcement) is analysed later. A pair whose analysis finds bad data is stored with its issues; an
// analysis that throws (a bug) is counted as failed and reported, and never stops the consumer.
import { setImmediate as turn } from 'node:timers/promises';
import { type Issue, issue } from '@bondline/core';
import type { BondParams } from '@bondline/physics';
import type { LiveFeed } from '../../pipeline/seams.js';
import type { FabStore } from '../../store/fab-store.js';
import type { PairAnalysisRecord } from '../../store/pair-analysis-record.js';
import type { FabRecord, PairRecord, PairResultRecord } from '../../store/records.js';
import { type AnalysisRunner, inlineRunner, workerRunner } from './analysis-runner.js';
import type { PairAnalysis } from './pair-analysis-schema.js';

/** The version of the analysis this code computes: raise it when its figures change, and stored analyses are redone. */
export const PAIR_ANALYSIS_VERSION = 1;

export interface PairAnalyserOptions {
  readonly store: FabStore;
  /** Committed records: the embedded pipeline's feed, or a store writer's own commits (`onCommitted`). */
  readonly feed: LiveFeed;
  /** The physics model of a tool's product (`loadProductBonds(...).bondFor`). */
  readonly bondFor: (toolId: string) => BondParams;
  /** Pairs waiting at most (default 1000); more are skipped and found by the next sweep. */
  readonly maxQueue?: number;
  /** Analyses written in one transaction at most (default 16). */
  readonly writeEvery?: number;
  /** Default PAIR_ANALYSIS_VERSION. */
  readonly version?: number;
  /**
   * Run each analysis in a worker thread (default) or in the calling thread ('inline': tests of the
   * queue, and the bench's comparison). In the worker the event loop only copies the maps over.
   */
  readonly thread?: 'worker' | 'inline';
  /** Sweep for unanalysed pairs when started (default true). */
  readonly sweepOnStart?: boolean;
  /** After a failed read or write, sweep again after this long, ms (default 5000). */
  readonly retryMs?: number;
  readonly nowMs?: () => number;
  /** Each analysis stored (new or replacing an older version), with its pair's tool, lot and recipe. */
  readonly onAnalysed?: (stored: AnalysedPair) => void;
  /** A failure worth a line in the log (a store refusing, an analysis that threw). */
  readonly onIssue?: (issue: Issue) => void;
}

export interface AnalysedPair {
  readonly toolId: string;
  readonly lotId: string;
  readonly recipe: string;
  /** The pair as stored (its wafers: SPC matches the bond step's events to them). */
  readonly pair: PairRecord;
  readonly record: PairAnalysisRecord;
}

export interface PairAnalyserCounters {
  /** Pairs waiting. */
  readonly queued: number;
  /** Analyses computed and written (new or a newer version). */
  readonly stored: number;
  /** Of them, analyses with issues (bad or missing data). */
  readonly withIssues: number;
  /** Pairs already analysed at this version when their turn came (a redelivered commit). */
  readonly alreadyAnalysed: number;
  /** Pairs not queued because the queue was full (a sweep finds them). */
  readonly skipped: number;
  /** Pairs whose read or write failed (retried by a sweep), or whose analysis threw (not retried in this process). */
  readonly failed: number;
  readonly sweeps: number;
}

interface Work {
  readonly pairId: string;
}

/** Start analysing committed pairs; `close()` stops after the pair in hand. */
export function startPairAnalyser(options: PairAnalyserOptions): PairAnalyser {
  return new PairAnalyser(options);
}

export class PairAnalyser {
  readonly #o: PairAnalyserOptions;
  readonly #version: number;
  readonly #maxQueue: number;
  readonly #writeEvery: number;
  readonly #queue = new Map<string, Work>();
  /** Pairs whose analysis threw: not tried again by this process's sweeps. */
  readonly #broken = new Set<string>();
  readonly #unsubscribe: () => void;
  readonly #runner: AnalysisRunner;
  #running: Promise<void> | undefined;
  #needsSweep: boolean;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;
  #c = { stored: 0, withIssues: 0, alreadyAnalysed: 0, skipped: 0, failed: 0, sweeps: 0 };

  constructor(options: PairAnalyserOptions) {
    this.#o = options;
    this.#version = options.version ?? PAIR_ANALYSIS_VERSION;
    this.#maxQueue = options.maxQueue ?? 1000;
    this.#writeEvery = options.writeEvery ?? 16;
    for (const [k, v] of [
      ['version', this.#version],
      ['maxQueue', this.#maxQueue],
      ['writeEvery', this.#writeEvery],
    ] as const) {
      if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${k} ${v}: an integer ≥ 1`);
    }
    this.#runner = options.thread === 'inline' ? inlineRunner() : workerRunner();
    this.#needsSweep = options.sweepOnStart ?? true;
    this.#unsubscribe = options.feed.subscribe((records) => this.#committed(records));
    this.#kick();
  }

  counters(): PairAnalyserCounters {
    return { queued: this.#queue.size, ...this.#c };
  }

  /** Look for pairs with a result and no analysis of this version (resolves when the work it found is done). */
  async sweep(): Promise<void> {
    this.#needsSweep = true;
    this.#kick();
    await this.idle();
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    await this.idle();
    await this.#runner.close();
  }

  #committed(records: readonly FabRecord[]): void {
    if (this.#closed) return;
    let added = false;
    for (const r of records) {
      if (r.type !== 'pair-result' || this.#queue.has(r.pairId)) continue;
      if (this.#queue.size >= this.#maxQueue) {
        this.#c.skipped++;
        this.#needsSweep = true;
        continue;
      }
      this.#queue.set(r.pairId, { pairId: r.pairId });
      added = true;
    }
    if (added) this.#kick();
  }

  #kick(): void {
    if (this.#running !== undefined || this.#closed) return;
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      // Work that arrived after the loop's last look.
      if (!this.#closed && (this.#queue.size > 0 || this.#needsSweep)) this.#kick();
    });
  }

  async #run(): Promise<void> {
    await turn();
    while (!this.#closed) {
      if (this.#queue.size === 0) {
        if (!this.#needsSweep || !(await this.#sweepOnce())) return;
        continue;
      }
      const batch: PairAnalysisRecord[] = [];
      const analysed: AnalysedPair[] = [];
      for (const [pairId] of this.#queue) {
        if (batch.length >= this.#writeEvery || this.#closed) break;
        this.#queue.delete(pairId);
        const done = await this.#analyse(pairId);
        if (done !== undefined) {
          batch.push(done.record);
          analysed.push(done);
        }
        await turn();
      }
      if (batch.length > 0) await this.#write(batch, analysed);
    }
  }

  /** One round of the sweep: queue up to maxQueue unanalysed pairs; false when it found nothing to do. */
  async #sweepOnce(): Promise<boolean> {
    this.#needsSweep = false;
    this.#c.sweeps++;
    const limit = Math.min(1000, this.#maxQueue);
    const listed = await this.#o.store.pairsToAnalyse({
      version: this.#version,
      limit: Math.min(1000, limit + this.#broken.size),
    });
    if (!listed.ok) {
      this.#report(listed.issues);
      this.#retryLater();
      return false;
    }
    let added = 0;
    for (const pairId of listed.value) {
      if (this.#broken.has(pairId) || this.#queue.has(pairId) || this.#queue.size >= this.#maxQueue) continue;
      this.#queue.set(pairId, { pairId });
      added++;
    }
    // A full page may have more behind it: look again once these are done.
    if (added > 0 && listed.value.length >= limit) this.#needsSweep = true;
    return added > 0;
  }

  async #analyse(pairId: string): Promise<AnalysedPair | undefined> {
    const existing = await this.#o.store.getPairAnalysis(pairId);
    if (existing.ok && existing.value.version >= this.#version) {
      this.#c.alreadyAnalysed++;
      return undefined;
    }
    const got = await this.#o.store.getPair(pairId);
    if (!got.ok) {
      this.#c.failed++;
      this.#report(got.issues);
      // The store down or busy: a later sweep tries again. Anything else (a map that does not decode)
      // would fail the same way again: left for an engineer, named in the report.
      if (got.issues.some((i) => i.code === 'store-unavailable' || i.code === 'store-busy'))
        this.#retryLater();
      else this.#broken.add(pairId);
      return undefined;
    }
    const { pair, result } = got.value;
    // Listed or announced before its result was stored: the result's own commit queues it again.
    if (result === undefined) return undefined;
    let analysis: PairAnalysis;
    try {
      const { overlayMap, voidMap, dieYieldMap } = result;
      analysis = await this.#runner.analyse(
        { pairId, overlayMap, voidMap, dieYieldMap },
        this.#o.bondFor(pair.toolId),
      );
    } catch (e) {
      this.#c.failed++;
      this.#broken.add(pairId);
      this.#report([issue('analysis-threw', `pair ${pairId}: the analysis threw: ${String(e)}`, pairId)]);
      return undefined;
    }
    const record: PairAnalysisRecord = {
      pairId,
      version: this.#version,
      computedMs: (this.#o.nowMs ?? Date.now)(),
      faultPoints: faultPointsOf(result),
      analysis,
    };
    return { toolId: pair.toolId, lotId: pair.lotId, recipe: pair.recipe, pair, record };
  }

  async #write(batch: readonly PairAnalysisRecord[], analysed: readonly AnalysedPair[]): Promise<void> {
    const w = await this.#o.store.writePairAnalyses(batch);
    if (!w.ok) {
      this.#c.failed += batch.length;
      this.#report(w.issues);
      this.#retryLater();
      return;
    }
    this.#c.stored += w.value.new;
    this.#c.alreadyAnalysed += w.value.duplicate;
    for (const a of analysed) if (a.record.analysis.issues.length > 0) this.#c.withIssues++;
    const listener = this.#o.onAnalysed;
    if (listener !== undefined)
      for (const a of analysed) {
        try {
          listener(a);
        } catch (e) {
          this.#report([issue('listener-threw', `onAnalysed threw: ${String(e)}`)]);
        }
      }
  }

  #retryLater(): void {
    if (this.#retry !== undefined || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#needsSweep = true;
      this.#kick();
    }, this.#o.retryMs ?? 5000);
    this.#retry.unref();
  }

  #report(issues: readonly Issue[]): void {
    const to = this.#o.onIssue;
    if (to !== undefined) for (const i of issues) to(i);
  }
}

/** The fault points a pair names: the tool's PairAlarms (comma-separated alarming fault point ids). */
export function faultPointsOf(result: PairResultRecord | undefined): string[] {
  const raw = result?.summary.PairAlarms;
  if (typeof raw !== 'string') return [];
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= 200);
  return [...new Set(ids)].slice(0, 100);
}
