// The fab's run-to-run loop (docs/fab.md §10): for every committed pair result, the 4-term overlay
// fit of its site map feeds @bondline/align's EWMA / double EWMA of the pair's context (tool, recipe,
// product); the next correction, after the largest step, the tool's EC limits (S2F29) and the
// deadband, goes to the tool's aligner offset constants with S2F15 over the collector's GEM link.
// Engineers (and SPC, later) hold, release, freeze, unfreeze, reset and override a context. Every
// action is written to the store's r2r_actions with the data it came from.
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import type { LiveFeed } from '../../pipeline/seams.js';
import type { FabStore } from '../../store/fab-store.js';
import type { JsonObject } from '../../store/json-value.js';
import type { FabRecord, PairResultRecord } from '../../store/records.js';
import { correction } from './correction.js';
import { pairCorrectables } from './pair-correctables.js';
import { r2rContextKey } from './r2r-context.js';
import {
  type Ctx,
  contextView,
  controllerStates,
  openContext,
  parseContextKey,
  type R2rContextView,
} from './r2r-context-state.js';
import {
  BONDLINE_R2R_CONSTANTS,
  contextProduct,
  contextSettings,
  type PerTerm,
  R2R_TERMS,
  type R2rSettingsFile,
  type R2rTerm,
} from './r2r-settings.js';
import type { R2rToolPort } from './r2r-tool-port.js';
import { readToolConstants, sendOffsets } from './tool-constants.js';
import { ToolTrack } from './tool-track.js';

export type { R2rContextView } from './r2r-context-state.js';

export interface R2rServiceOptions {
  readonly settings: R2rSettingsFile;
  /** Where the audit trail goes (r2r_actions) and where a restarted service finds its numbering. */
  readonly store: FabStore;
  readonly tools: R2rToolPort;
  /** The tools a context may name (the configuration's); commands for others are refused. */
  readonly toolIds: readonly string[];
  /** Wall clock, ms since the epoch (default Date.now). */
  readonly clock?: () => number;
  readonly log?: (i: Issue) => void;
}

export type R2rCommandCode =
  | 'unknown-context'
  | 'out-of-limits'
  | 'tool-unavailable'
  | 'tool-refused'
  | 'audit-failed';

interface PairSeen {
  readonly toolId: string;
  readonly recipe: string;
  readonly topId: string;
}

/** Pairs remembered between their pair record and their result, at most. */
const MAX_PAIRS = 10_000;

export class R2rService {
  private readonly clock: () => number;
  private readonly log: (i: Issue) => void;
  private readonly tracks = new Map<string, ToolTrack>();
  private readonly contextsByKey = new Map<string, Ctx>();
  private readonly opening = new Map<string, Promise<Ctx>>();
  private readonly pairs = new Map<string, PairSeen>();
  /** Per tool, the work queued (pairs and commands run one at a time, in order). */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly o: R2rServiceOptions) {
    this.clock = o.clock ?? Date.now;
    this.log = o.log ?? (() => {});
  }

  /** Follow `feed`; returns the unsubscriber. */
  attach(feed: LiveFeed): () => void {
    return feed.subscribe((records) => this.ingest(records));
  }

  /** Take committed records in commit order (what the feed gives). */
  ingest(records: readonly FabRecord[]): void {
    for (const r of records) {
      switch (r.type) {
        case 'pair':
          this.pairs.set(r.id, { toolId: r.toolId, recipe: r.recipe, topId: r.topId });
          if (this.pairs.size > MAX_PAIRS) {
            const first = this.pairs.keys().next().value;
            if (first !== undefined) this.pairs.delete(first);
          }
          break;
        case 'ec-change': {
          const term = termOf(r.name);
          if (term !== undefined && typeof r.newValue === 'number')
            this.track(r.toolId).changed(term, r.newValue);
          break;
        }
        case 'event':
          if (r.name === 'BonderStepStarted' || r.name === 'BonderStepEnded') {
            const s = r.data.StepSubstrates;
            if (typeof s === 'string')
              this.track(r.toolId).bondStep(
                s.split(',').filter((x) => x !== ''),
                r.name === 'BonderStepStarted',
              );
          }
          break;
        case 'pair-result':
          this.pairResult(r);
          break;
        default:
          break;
      }
    }
  }

  /** Resolves once every pair and command queued so far is done. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.chains.values()];
      await Promise.all(pending);
      if ([...this.chains.values()].every((p, i) => p === pending[i]) && pending.length === this.chains.size)
        return;
    }
  }

  contexts(): R2rContextView[] {
    return [...this.contextsByKey.values()].map((c) => contextView(c, this.tracks.get(c.toolId)?.current()));
  }

  /** Hold a context: estimates still follow the pairs, nothing is sent until `release`. */
  hold(key: string, reason: string): Promise<Result<R2rContextView, R2rCommandCode>> {
    return this.command(key, async (c) => {
      c.held = { reason, sinceMs: this.clock() };
      return this.audit(c, 'hold', { reason });
    });
  }

  release(key: string, reason: string): Promise<Result<R2rContextView, R2rCommandCode>> {
    return this.command(key, async (c) => {
      delete c.held;
      return this.audit(c, 'release', { reason });
    });
  }

  /** Freeze a context: pairs are neither measured nor corrected until `unfreeze`. */
  freeze(key: string, reason: string): Promise<Result<R2rContextView, R2rCommandCode>> {
    return this.command(key, async (c) => {
      c.frozen = { reason, sinceMs: this.clock() };
      return this.audit(c, 'freeze', { reason });
    });
  }

  unfreeze(key: string, reason: string): Promise<Result<R2rContextView, R2rCommandCode>> {
    return this.command(key, async (c) => {
      delete c.frozen;
      return this.audit(c, 'unfreeze', { reason });
    });
  }

  /** Forget the context's estimates (after maintenance): the next pair starts them again. */
  reset(key: string, reason: string): Promise<Result<R2rContextView, R2rCommandCode>> {
    return this.command(key, async (c) => {
      const before = controllerStates(c);
      c.controller.reset(c.align);
      return this.audit(c, 'reset', { reason, stateBefore: before, stateAfter: controllerStates(c) });
    });
  }

  /**
   * Send offsets chosen by an engineer (terms not given keep their value), within the tool's EC
   * limits (refused `out-of-limits` naming the term otherwise, nothing sent).
   */
  override(
    key: string,
    values: Partial<PerTerm>,
    reason: string,
  ): Promise<Result<R2rContextView, R2rCommandCode>> {
    return this.command(key, async (c) => {
      const t = await readToolConstants(this.o.tools, c.toolId, this.track(c.toolId));
      if (!t.ok) return t;
      const { limits } = t.value;
      const current = t.value.current() as PerTerm;
      const next = { ...current };
      const bad: Issue<R2rCommandCode>[] = [];
      for (const term of R2R_TERMS) {
        const v = values[term];
        if (v === undefined) continue;
        const lim = limits?.[term];
        if (lim === undefined || !(v >= lim.min && v <= lim.max))
          bad.push(
            issue(
              'out-of-limits',
              `${term} ${v} is outside the tool's limits [${lim?.min}, ${lim?.max}] of ${BONDLINE_R2R_CONSTANTS[term]}`,
              term,
            ),
          );
        else next[term] = v;
      }
      if (bad.length > 0) return { ok: false, issues: bad };
      const changed = R2R_TERMS.filter((term) => next[term] !== current[term]);
      const sent = await sendOffsets(this.o.tools, c.toolId, t.value, next, changed);
      const audited = await this.audit(c, 'override', { reason, requested: values, ...sent.detail });
      if (!audited.ok) return audited;
      return sent.refusal === undefined ? audited : fail(sent.refusal);
    });
  }

  // ---- pairs ------------------------------------------------------------------------------------

  private pairResult(r: PairResultRecord): void {
    const seen = this.pairs.get(r.pairId);
    if (seen === undefined) return; // a pair of before the service started
    this.pairs.delete(r.pairId);
    const track = this.track(seen.toolId);
    // Taken now, in the tool's event order: what the pair was bonded with.
    const bonded = track.bondedWith(seen.topId);
    const committedAt = performance.now();
    this.enqueue(seen.toolId, async () => {
      const c = await this.context(seen.toolId, seen.recipe);
      await this.measure(c, r, bonded ?? {}, committedAt);
    });
  }

  private async measure(
    c: Ctx,
    r: PairResultRecord,
    bonded: Partial<PerTerm>,
    committedAt: number,
  ): Promise<void> {
    c.pairs++;
    const fit = pairCorrectables(r.pairId, r.overlayMap, this.o.settings.robustK);
    if (!fit.ok) {
      await this.audit(c, 'skip', { reason: fit.issues[0]?.message ?? 'no fit' }, r.pairId);
      return;
    }
    const y: PerTerm = { ...fit.value.terms };
    c.last = { pairId: r.pairId, fit: y, atMs: this.clock() };
    const fitDetail: JsonObject = {
      fit: { ...y },
      sites: fit.value.sites,
      rejected: fit.value.rejected,
      residualM3sNm: [...fit.value.residualM3s],
    };
    if (c.frozen !== undefined) {
      await this.audit(c, 'frozen', { ...fitDetail, reason: c.frozen.reason }, r.pairId);
      return;
    }
    const t = await readToolConstants(this.o.tools, c.toolId, this.track(c.toolId));
    if (!t.ok) {
      await this.audit(c, 'skip', { ...fitDetail, reason: t.issues[0]?.message ?? '' }, r.pairId);
      return;
    }
    const track = t.value;
    const base = track.base as PerTerm;
    const used: PerTerm = {
      Tx: bonded.Tx ?? base.Tx,
      Ty: bonded.Ty ?? base.Ty,
      Rot: bonded.Rot ?? base.Rot,
      Mag: bonded.Mag ?? base.Mag,
    };
    const stateBefore = controllerStates(c);
    const raw = { ...used };
    for (const term of R2R_TERMS) {
      const m = c.controller.measure(c.align, term, y[term], used[term]);
      if (m.ok && m.value.record.uRaw !== undefined) raw[term] = m.value.record.uRaw;
    }
    const stateAfter = controllerStates(c);
    const current = track.current() as PerTerm;
    const limits = track.limits as NonNullable<ToolTrack['limits']>;
    const corr = correction(raw, current, { ...c.settings, limits });
    const detail: JsonObject = {
      ...fitDetail,
      bondedWith: { ...used },
      inForce: { ...current },
      raw: { ...raw },
      next: { ...corr.next },
      clamps: corr.clamps.map((k) => ({ ...k })),
      stateBefore,
      stateAfter,
    };
    if (c.held !== undefined) {
      await this.audit(c, 'held', { ...detail, reason: c.held.reason }, r.pairId);
      return;
    }
    if (corr.changed.length === 0) {
      await this.audit(c, 'no-change', detail, r.pairId);
      return;
    }
    const sent = await sendOffsets(this.o.tools, c.toolId, track, corr.next, corr.changed);
    // From the pair result's commit to the tool's S2F16 (fit, controller, S2F29/S2F13 once, S2F15).
    const answeredMs = Math.round((performance.now() - committedAt) * 1000) / 1000;
    await this.audit(c, 'correct', { ...detail, ...sent.detail, answeredMs }, r.pairId);
  }

  // ---- contexts, tools, audit --------------------------------------------------------------------

  private track(toolId: string): ToolTrack {
    let t = this.tracks.get(toolId);
    if (t === undefined) {
      t = new ToolTrack();
      this.tracks.set(toolId, t);
    }
    return t;
  }

  private enqueue(toolId: string, work: () => Promise<void>): Promise<void> {
    const prev = this.chains.get(toolId) ?? Promise.resolve();
    const next = prev.then(work).catch((err: unknown) => {
      this.log(issue('r2r-failed', `R2R on ${toolId}: ${err instanceof Error ? err.message : String(err)}`));
    });
    this.chains.set(toolId, next);
    return next;
  }

  private command(
    key: string,
    work: (c: Ctx) => Promise<Result<R2rContextView, R2rCommandCode>>,
  ): Promise<Result<R2rContextView, R2rCommandCode>> {
    const parsed = parseContextKey(key);
    if (parsed === undefined || !this.o.toolIds.includes(parsed.toolId))
      return Promise.resolve(
        fail(
          issue(
            'unknown-context',
            `'${key}' is not a context of a configured tool (tool+recipe+product)`,
            'context',
          ),
        ),
      );
    return new Promise((resolve) => {
      void this.enqueue(parsed.toolId, async () => {
        const c = await this.context(parsed.toolId, parsed.recipe, parsed.product);
        resolve(await work(c));
      }).then(() => resolve(fail(issue('audit-failed', `the R2R command on '${key}' failed (see the log)`))));
    });
  }

  private async context(toolId: string, recipe: string, product?: string): Promise<Ctx> {
    const p = product ?? contextProduct(this.o.settings, toolId, recipe);
    const key = r2rContextKey({ toolId, recipe, product: p });
    const have = this.contextsByKey.get(key);
    if (have !== undefined) return have;
    let opening = this.opening.get(key);
    if (opening === undefined) {
      const settings = contextSettings(this.o.settings, toolId, recipe);
      opening = openContext({ key, toolId, recipe, product: p }, settings, this.o.store, this.clock).then(
        (c) => {
          this.contextsByKey.set(key, c);
          this.opening.delete(key);
          return c;
        },
      );
      this.opening.set(key, opening);
    }
    return opening;
  }

  private async audit(
    c: Ctx,
    action: string,
    detail: JsonObject,
    pairId?: string,
  ): Promise<Result<R2rContextView, R2rCommandCode>> {
    c.actionNo++;
    const r = await this.o.store.writeBatch([
      {
        type: 'r2r-action',
        context: c.key,
        actionNo: c.actionNo,
        toolId: c.toolId,
        recipe: c.recipe,
        product: c.product,
        atMs: this.clock(),
        action,
        ...(pairId === undefined ? {} : { pairId }),
        detail,
      },
    ]);
    if (!r.ok) {
      const message = `R2R ${c.key}: the audit of '${action}' was not stored: ${r.issues[0]?.message ?? ''}`;
      this.log(issue('audit-failed', message));
      return fail(issue('audit-failed', message));
    }
    return ok(contextView(c, this.tracks.get(c.toolId)?.current()));
  }
}

function termOf(name: string): R2rTerm | undefined {
  return R2R_TERMS.find((t) => BONDLINE_R2R_CONSTANTS[t] === name);
}
