// Learning a recipe's FDC model from golden pairs in the store (docs/fab.md §9): the pairs chosen by
// lot or pair id, their step events and trace samples read from the store (from the start of each
// pair's lot to the pair's end), taken through deriveStepWindows, assembleRuns and learnFdcModel; the
// model is stored as the recipe's next version, which makes it the active one.
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../../store/fab-store.js';
import type { Page } from '../../store/page-cursor.js';
import type { EventRecord, FdcModelRecord, PairRecord } from '../../store/records.js';
import type { FdcModel, LearnFdcOptions } from './fdc-model.js';
import { learnFdcModel } from './fdc-model.js';
import { modelRecord } from './fdc-records.js';
import type { TraceThresholds } from './fdc-types.js';
import { assembleRuns } from './step-runs.js';
import { deriveStepWindows } from './step-windows.js';

export interface FdcLearnRequest {
  readonly lotIds?: readonly string[];
  readonly pairIds?: readonly string[];
  /** The recipe to learn when the pairs have several; else the pairs' one recipe. */
  readonly recipe?: string;
  readonly kSigma?: number;
  readonly alpha?: number;
  readonly thresholds?: TraceThresholds;
}

export interface FdcLearned {
  readonly record: FdcModelRecord;
  readonly model: FdcModel;
  /** Golden pairs chosen, and those of them with at least one step with traces (the runs learnt from). */
  readonly pairs: number;
  readonly runs: number;
}

export type FdcLearnCode =
  | 'no-golden-pairs'
  | 'unknown-lot'
  | 'unknown-pair'
  | 'several-recipes'
  | 'no-traces'
  | 'no-golden-runs'
  | 'too-few-golden-runs'
  | 'invalid-option'
  | 'version-taken'
  | StoreIssueCode;

type R<T> = Result<T, FdcLearnCode>;

const STEP_EVENT = /Step(Started|Ended)$/;
const PAGE = 1000;

/** Learn and store the next model version of the golden pairs' recipe. */
export async function learnFdcFromStore(
  store: FabStore,
  request: FdcLearnRequest,
  nowMs: number,
): Promise<R<FdcLearned>> {
  const chosen = await goldenPairs(store, request);
  if (!chosen.ok) return chosen;
  const recipes = [...new Set(chosen.value.pairs.map((p) => p.recipe))].sort();
  const recipe = request.recipe ?? (recipes.length === 1 ? recipes[0] : undefined);
  if (recipe === undefined) {
    return fail(
      issue(
        'several-recipes',
        `the golden pairs have recipes ${recipes.join(', ')}: say which (recipe)`,
        'recipe',
      ),
    );
  }
  const pairs = chosen.value.pairs.filter((p) => p.recipe === recipe);
  if (pairs.length === 0) {
    return fail(issue('no-golden-pairs', `none of the golden pairs ran recipe '${recipe}'`, 'recipe'));
  }
  const runs = [];
  for (const toolId of [...new Set(pairs.map((p) => p.toolId))].sort()) {
    const mine = pairs.filter((p) => p.toolId === toolId);
    const fromMs = Math.min(...mine.map((p) => chosen.value.lotStartMs.get(p.lotId) ?? p.startedMs));
    const toMs = Math.max(...mine.map((p) => p.endedMs ?? p.startedMs)) + 1;
    const events = await all((cursor) => store.listEvents({ toolId, fromMs, toMs, limit: PAGE, ...cursor }));
    if (!events.ok) return events;
    const samples = await all((cursor) => store.listTrace({ toolId, fromMs, toMs, limit: PAGE, ...cursor }));
    if (!samples.ok) return samples;
    const steps = events.value.filter((e: EventRecord) => STEP_EVENT.test(e.name));
    const { windows } = deriveStepWindows(steps, mine);
    runs.push(...assembleRuns(windows, samples.value));
  }
  const traced = runs.filter((r) => r.steps.some((s) => Object.keys(s.traces).length > 0));
  if (traced.length === 0) {
    return fail(
      issue(
        'no-traces',
        `none of the ${pairs.length} golden pairs of '${recipe}' has a step with trace samples: the collection plan needs the *StepStarted and *StepEnded events and an S2F23 trace of the module trace variables (docs/fab.md §9.1)`,
      ),
    );
  }
  const latest = await store.getFdcModel(recipe);
  if (!latest.ok && latest.issues[0]?.code !== 'not-found') return { ok: false, issues: latest.issues };
  const version = latest.ok ? latest.value.version + 1 : 1;
  const options: LearnFdcOptions = {
    version,
    createdMs: nowMs,
    ...(request.kSigma === undefined ? {} : { kSigma: request.kSigma }),
    ...(request.alpha === undefined ? {} : { alpha: request.alpha }),
    ...(request.thresholds === undefined ? {} : { thresholds: request.thresholds }),
  };
  const learned = learnFdcModel(traced, options);
  if (!learned.ok) return learned;
  const record = modelRecord(recipe, learned.value);
  const written = await store.writeBatch([record]);
  if (!written.ok) return written;
  if (written.value.new === 0) {
    return fail(issue('version-taken', `model ${version} of '${recipe}' was stored meanwhile: learn again`));
  }
  return ok({ record, model: learned.value, pairs: pairs.length, runs: traced.length });
}

async function goldenPairs(
  store: FabStore,
  request: FdcLearnRequest,
): Promise<R<{ pairs: PairRecord[]; lotStartMs: Map<string, number> }>> {
  const pairs = new Map<string, PairRecord>();
  const lotStartMs = new Map<string, number>();
  const lotStart = async (lotId: string, path: string): Promise<Issue<FdcLearnCode> | undefined> => {
    if (lotStartMs.has(lotId)) return undefined;
    const lot = await store.getLot(lotId);
    if (lot.ok) {
      lotStartMs.set(lotId, lot.value.lot.startedMs);
      return undefined;
    }
    const first = lot.issues[0];
    if (first?.code === 'not-found') return issue('unknown-lot', `no lot '${lotId}' is stored`, path);
    return first;
  };
  for (const [i, lotId] of (request.lotIds ?? []).entries()) {
    const bad = await lotStart(lotId, `lotIds[${i}]`);
    if (bad !== undefined) return fail(bad);
    const listed = await all((cursor) => store.listPairs({ lotId, limit: PAGE, ...cursor }));
    if (!listed.ok) return listed;
    for (const item of listed.value) pairs.set(item.pair.id, item.pair);
  }
  for (const [i, pairId] of (request.pairIds ?? []).entries()) {
    const got = await store.getPair(pairId);
    if (!got.ok) {
      const first = got.issues[0];
      if (first?.code === 'not-found') {
        return fail(issue('unknown-pair', `no pair '${pairId}' is stored`, `pairIds[${i}]`));
      }
      return { ok: false, issues: got.issues };
    }
    pairs.set(pairId, got.value.pair);
    const bad = await lotStart(got.value.pair.lotId, `pairIds[${i}]`);
    if (bad !== undefined) return fail(bad);
  }
  if (pairs.size === 0) {
    return fail(
      issue('no-golden-pairs', 'no golden pairs: give lotIds or pairIds of stored pairs', 'lotIds'),
    );
  }
  return ok({ pairs: [...pairs.values()], lotStartMs });
}

/** Every item of a paged list. */
async function all<T>(
  page: (cursor: { cursor?: string }) => Promise<Result<Page<T>, StoreIssueCode>>,
): Promise<Result<T[], StoreIssueCode>> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await page(cursor === undefined ? {} : { cursor });
    if (!r.ok) return r;
    out.push(...r.value.items);
    if (r.value.nextCursor === undefined) return ok(out);
    cursor = r.value.nextCursor;
  }
}
