// A tool's reliability over a period, read from the store (docs/fab.md §12): the E10 split of the
// tool and each module from its stored `E10StateChanged` events, and its OEE per SEMI E79 from the
// pairs analysed in the same period and the throughput bound its last lot reported.
import { issue, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../../store/fab-store.js';
import type { EventRecord } from '../../store/records.js';
import { E10_EVENT, type E10Clock, type E10Split, e10Split, type Oee, oee } from './e10-split.js';

export interface ReliabilityQuery {
  readonly toolId: string;
  /** Equipment time, ms (inclusive); absent: from the first event stored. */
  readonly fromMs?: number;
  /** Equipment time, ms (exclusive); absent: to the last. */
  readonly toMs?: number;
  readonly clock?: E10Clock;
}

export interface ToolReliability {
  readonly toolId: string;
  readonly split: E10Split;
  /** Pairs analysed in the period, and their yield-weighted count (pairs × pooled die yield). */
  readonly units: number;
  readonly effectiveUnits: number;
  /** 3600 / LotBoundPairsPerHour of the tool's last lot that reported it, s. */
  readonly theoreticalCycleS?: number;
  /** Absent without the tool's own E10 moves or a throughput bound. */
  readonly oee?: Oee;
}

/** State changes read at most for one answer: a longer period is refused (`bad-range`). */
const MAX_E10_MOVES = 200_000;
const PAGE = 1000;

export async function readToolReliability(
  store: FabStore,
  q: ReliabilityQuery,
): Promise<Result<ToolReliability, StoreIssueCode>> {
  const tool = await store.getTool(q.toolId);
  if (!tool.ok) return tool;
  const range = {
    toolId: q.toolId,
    ...(q.fromMs === undefined ? {} : { fromMs: q.fromMs }),
    ...(q.toMs === undefined ? {} : { toMs: q.toMs }),
  };
  const events: EventRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listEvents({
      ...range,
      name: E10_EVENT,
      limit: PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    if (!page.ok) return page;
    events.push(...page.value.items);
    if (events.length > MAX_E10_MOVES)
      return {
        ok: false,
        issues: [
          issue(
            'bad-range',
            `more than ${MAX_E10_MOVES} state changes of ${q.toolId} in the period: give a shorter one (from, to)`,
            'from',
          ),
        ],
      };
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
  const split = e10Split(events, new Set(tool.value.modules.map((m) => m.id)), q.clock ?? 'tool');

  const yields = await store.yieldSummary({ ...range, by: 'tool' });
  if (!yields.ok) return yields;
  const units = yields.value.total.pairs;
  const effectiveUnits = units * (yields.value.total.yield ?? 0);

  const lots = await store.listLots({ toolId: q.toolId, order: 'desc', limit: 20 });
  if (!lots.ok) return lots;
  const bound = lots.value.items
    .map((l) => l.summary?.LotBoundPairsPerHour)
    .find((v): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v));
  const theoreticalCycleS = bound === undefined ? undefined : 3600 / bound;
  const own = split.entities.find((e) => e.entity === split.toolEntity);
  return {
    ok: true,
    value: {
      toolId: q.toolId,
      split,
      units,
      effectiveUnits,
      ...(theoreticalCycleS === undefined ? {} : { theoreticalCycleS }),
      ...(own === undefined || theoreticalCycleS === undefined
        ? {}
        : { oee: oee({ tool: own.metrics, units, effectiveUnits, theoreticalCycleS }) }),
    },
  };
}
