// The fab's FDC service (docs/fab.md §9): follows the committed records, keeps a bounded window of each
// tool's step events, trace samples and pairs (fdc-tool-window.ts), and once a pair's steps are over
// and their samples in, checks the pair's run against its recipe's active model (the newest stored
// version). The check and each flagged step go out as `fdc-check` and `fdc-fault` records through the
// record sink, the path every collected record takes: committed, then on the live stream.
import { type Issue, issue } from '@bondline/core';
import type { LiveFeed, RecordSink } from '../../pipeline/seams.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord, PairRecord } from '../../store/records.js';
import { checkRun } from './check-run.js';
import type { FdcModel } from './fdc-model.js';
import { checkRecords, modelOfRecord } from './fdc-records.js';
import { DEFAULT_WINDOW_LIMITS, STEP_EVENT, ToolWindow, type ToolWindowLimits } from './fdc-tool-window.js';
import { assembleRuns } from './step-runs.js';

export interface FdcServiceOptions {
  /** Where the active models are read. */
  readonly store: FabStore;
  /** Where checks and faults go: the collector's sink (the embedded pipeline, or JetStream). */
  readonly sink: RecordSink;
  /** Wall clock, ms since the epoch (default Date.now): the checks' `atMs`. */
  readonly clock?: () => number;
  readonly log?: (i: Issue) => void;
  readonly limits?: Partial<ToolWindowLimits>;
  /** Pairs waiting for their samples, at most (default 1,000; the oldest is given up). */
  readonly maxPending?: number;
}

export interface FdcCounters {
  /** Pairs checked against a model, and those flagged. */
  readonly checked: number;
  readonly flagged: number;
  /** Faults (flagged steps) written. */
  readonly faults: number;
  /** Pairs of a recipe with no model, or with no step events kept. */
  readonly skipped: number;
  /** Pairs waiting for their samples now. */
  readonly pending: number;
  /** Pairs given up (their samples never came) or whose records could not be written. */
  readonly failed: number;
}

interface Pending {
  readonly toolId: string;
  readonly pairId: string;
}

export class FdcService {
  private readonly clock: () => number;
  private readonly log: (i: Issue) => void;
  private readonly limits: ToolWindowLimits;
  private readonly maxPending: number;
  private readonly tools = new Map<string, ToolWindow>();
  private readonly pending: Pending[] = [];
  private readonly models = new Map<string, { version: number; model: FdcModel }>();
  private chain: Promise<void> = Promise.resolve();
  private n = { checked: 0, flagged: 0, faults: 0, skipped: 0, failed: 0 };

  constructor(private readonly o: FdcServiceOptions) {
    this.clock = o.clock ?? Date.now;
    this.log = o.log ?? (() => {});
    this.limits = { ...DEFAULT_WINDOW_LIMITS, ...o.limits };
    this.maxPending = o.maxPending ?? 1_000;
  }

  /** Follow `feed` (what this process committed); returns the unsubscriber. */
  attach(feed: LiveFeed): () => void {
    return feed.subscribe((records) => this.ingest(records));
  }

  /** Take committed records in commit order. */
  ingest(records: readonly FabRecord[]): void {
    const touched = new Set<string>();
    for (const r of records) {
      switch (r.type) {
        case 'event':
          if (STEP_EVENT.test(r.name)) this.window(r.toolId).addEvent(r);
          break;
        case 'trace':
          this.window(r.toolId).addSample(r);
          touched.add(r.toolId);
          break;
        case 'pair': {
          // A pair record delivered again (a collector's redelivery) is not checked twice.
          const w = this.window(r.toolId);
          if (w.pair(r.id) !== undefined) break;
          w.addPair(r);
          this.pending.push({ toolId: r.toolId, pairId: r.id });
          touched.add(r.toolId);
          break;
        }
        default:
          break;
      }
    }
    while (this.pending.length > this.maxPending) {
      const gone = this.pending.shift();
      if (gone === undefined) break;
      this.n.failed++;
      this.log(issue('fdc-gave-up', `fdc: pair ${gone.pairId} not checked: its trace samples did not come`));
    }
    if (touched.size > 0) this.release(touched);
  }

  /** Resolves once every check queued so far is done. */
  async idle(): Promise<void> {
    for (;;) {
      const c = this.chain;
      await c;
      if (c === this.chain) return;
    }
  }

  counters(): FdcCounters {
    return { ...this.n, pending: this.pending.length };
  }

  private window(toolId: string): ToolWindow {
    let w = this.tools.get(toolId);
    if (w === undefined) {
      w = new ToolWindow(this.limits);
      this.tools.set(toolId, w);
    }
    return w;
  }

  /** Queue the checks of the pending pairs of `tools` whose samples are in. */
  private release(tools: ReadonlySet<string>): void {
    for (let i = 0; i < this.pending.length; ) {
      const p = this.pending[i];
      if (p === undefined || !tools.has(p.toolId)) {
        i++;
        continue;
      }
      const w = this.window(p.toolId);
      const pair = w.pair(p.pairId);
      const windows = pair === undefined ? [] : w.windowsOf(pair);
      if (pair === undefined || windows.length === 0) {
        this.pending.splice(i, 1);
        this.n.skipped++;
        continue;
      }
      const endMs = Math.max(...windows.map((x) => x.endMs));
      if (w.lastSampleMs < endMs) {
        i++;
        continue;
      }
      this.pending.splice(i, 1);
      const startMs = Math.min(...windows.map((x) => x.startMs));
      const run = assembleRuns(windows, w.samplesBetween(startMs, endMs))[0];
      const steps = run ?? { pairId: pair.id, toolId: pair.toolId, recipe: pair.recipe, steps: [] };
      this.chain = this.chain.then(() => this.check(pair, steps));
    }
  }

  private async check(pair: PairRecord, run: Parameters<typeof checkRun>[1]): Promise<void> {
    const model = await this.activeModel(pair.recipe);
    if (model === undefined) {
      this.n.skipped++;
      return;
    }
    const checked = checkRun(model, run);
    if (!checked.ok) {
      this.n.skipped++;
      return;
    }
    const records = checkRecords(checked.value, this.clock());
    const written = await this.o.sink.write(records);
    if (!written.ok) {
      this.n.failed++;
      for (const i of written.issues)
        this.log(issue('fdc-write-failed', `fdc: pair ${pair.id}: ${i.message}`));
      return;
    }
    this.n.checked++;
    if (checked.value.flagged) this.n.flagged++;
    this.n.faults += records.length - 1;
  }

  /** The recipe's newest stored model (parsed once per version), or undefined when it has none. */
  private async activeModel(recipe: string): Promise<FdcModel | undefined> {
    const r = await this.o.store.getFdcModel(recipe);
    if (!r.ok) {
      const first = r.issues[0];
      if (first !== undefined && first.code !== 'not-found')
        this.log(issue('fdc-model-unread', `fdc: ${first.message}`));
      return undefined;
    }
    const known = this.models.get(recipe);
    if (known?.version === r.value.version) return known.model;
    const parsed = modelOfRecord(r.value);
    if (!parsed.ok) {
      for (const i of parsed.issues) this.log(issue('fdc-model-invalid', `fdc: ${i.message}`));
      return undefined;
    }
    this.models.set(recipe, { version: r.value.version, model: parsed.value });
    return parsed.value;
  }
}
