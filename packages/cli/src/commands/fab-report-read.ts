// What `bondline fab report` reads from the store for one lot: the lot, its pairs in slot order with
// their results (maps decoded) and the fab's analyses, the lot's yield figures and loss Pareto, and the
// alarms its tool raised while the lot ran. Every read that fails is a CliError naming the store.
import { formatIssues, type Issue } from '@bondline/core';
import type {
  AlarmRecord,
  FabStore,
  LotDetail,
  Page,
  PageQuery,
  PairRecord,
  PairResultRecord,
  StoredPairAnalysis,
  StoreIssueCode,
  YieldFigures,
  YieldPareto,
} from '@bondline/fab';
import { CliError } from '../cli-error.js';

/** One pair of the lot as the report shows it. */
export interface ReportPair {
  readonly pair: PairRecord;
  /** Absent until the tool's result is stored. */
  readonly result?: PairResultRecord;
  /** Absent until the fab's analyser has stored one. */
  readonly analysis?: StoredPairAnalysis;
}

export interface LotData {
  readonly detail: LotDetail;
  /** By slot, then id. */
  readonly pairs: readonly ReportPair[];
  /** The lot's yield over its analysed pairs (yieldSummary by lot, this lot's group). */
  readonly yield: YieldFigures;
  readonly pareto: YieldPareto;
  /** The tool's alarms from the lot's start to its end (to now while it runs), oldest first. */
  readonly alarms: readonly AlarmRecord[];
  /** More alarms fell in the window than MAX_ALARMS: the rest are left out. */
  readonly alarmsTruncated: boolean;
}

/** Alarms listed in lot.json at most: a lot with more is a tool to look at another way. */
const MAX_ALARMS = 10_000;
const PAGE = 1000;

type Failed = { readonly ok: false; readonly issues: readonly Issue<StoreIssueCode>[] };

/** The value of a store read, or a CliError (exit 1: the store failed, not the user's input). */
function readValue<T>(r: { ok: true; value: T } | Failed, what: string, where: string): T {
  if (r.ok) return r.value;
  throw new CliError(`${where}: reading ${what}: ${formatIssues(r.issues)}`, { exitCode: 1 });
}

/** Every item of a paged read, at most `max` (then `truncated`). */
async function allPages<T>(
  read: (q: PageQuery) => Promise<{ ok: true; value: Page<T> } | Failed>,
  what: string,
  where: string,
  max = Number.POSITIVE_INFINITY,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = readValue(
      await read({ limit: PAGE, ...(cursor === undefined ? {} : { cursor }) }),
      what,
      where,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
    if (items.length > max) return { items: items.slice(0, max), truncated: true };
  } while (cursor !== undefined);
  return { items, truncated: false };
}

/** A lot id that is not stored: exit 2, naming it and the newest lots the store has. */
async function unknownLot(store: FabStore, lotId: string, where: string): Promise<CliError> {
  const recent = await store.listLots({ limit: 5, order: 'desc' });
  const ids = recent.ok ? recent.value.items.map((l) => l.id) : [];
  const hint =
    ids.length === 0
      ? 'the store holds no lots yet'
      : `its newest lots: ${ids.join(', ')} (all of them: GET /api/lots of bondline fab serve on this store)`;
  return new CliError(`--lot ${lotId}: no such lot in ${where}; ${hint}`);
}

/**
 * Read everything the report shows of `lotId`; `progress` is told of each pair read (they are read
 * one by one, maps and all). An unknown lot is a CliError (exit 2); a failing store exit 1.
 */
export async function readLot(
  store: FabStore,
  lotId: string,
  where: string,
  progress: (done: number, total: number) => void,
): Promise<LotData> {
  const got = await store.getLot(lotId);
  if (!got.ok) {
    if (got.issues.some((i) => i.code === 'not-found')) throw await unknownLot(store, lotId, where);
    readValue(got, `lot ${lotId}`, where);
  }
  const detail = readValue(got, `lot ${lotId}`, where);
  const listed = await allPages((q) => store.listPairs({ ...q, lotId }), `the pairs of lot ${lotId}`, where);
  const ordered = [...listed.items].sort(
    (a, b) => a.pair.slot - b.pair.slot || (a.pair.id < b.pair.id ? -1 : a.pair.id > b.pair.id ? 1 : 0),
  );
  const pairs: ReportPair[] = [];
  for (const [i, item] of ordered.entries()) {
    const id = item.pair.id;
    const full = readValue(await store.getPair(id), `pair ${id}`, where);
    const analysed = await store.getPairAnalysis(id);
    let analysis: StoredPairAnalysis | undefined;
    if (analysed.ok) analysis = analysed.value;
    else if (!analysed.issues.every((x) => x.code === 'not-found'))
      readValue(analysed, `analysis of ${id}`, where);
    pairs.push({
      pair: full.pair,
      ...(full.result === undefined ? {} : { result: full.result }),
      ...(analysis === undefined ? {} : { analysis }),
    });
    progress(i + 1, ordered.length);
  }
  const summary = readValue(await store.yieldSummary({ lotId, by: 'lot' }), 'the lot yield', where);
  const pareto = readValue(await store.yieldPareto({ lotId }), 'the loss Pareto', where);
  const lot = detail.lot;
  const alarms = await allPages(
    (q) =>
      store.listAlarms({
        ...q,
        toolId: lot.toolId,
        fromMs: lot.startedMs,
        // An alarm in the lot's last millisecond belongs to it: the range's end is exclusive.
        ...(lot.endedMs === undefined ? {} : { toMs: lot.endedMs + 1 }),
      }),
    `the alarms of tool ${lot.toolId}`,
    where,
    MAX_ALARMS,
  );
  return {
    detail,
    pairs,
    yield: summary.total,
    pareto,
    alarms: alarms.items,
    alarmsTruncated: alarms.truncated,
  };
}
