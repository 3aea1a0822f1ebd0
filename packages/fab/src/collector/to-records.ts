// What a tool reports (decoded S6F11, S5F1, S6F1) made into the store's records (docs/fab.md §2.3): the
// event itself, decoded by name, and the records it implies (a lot started or ended, a pair with its
// substrates and its result with the maps, an alarm, a constant change). Keeps the little it must
// remember of the tool between messages (lots seen, constant values, alarm texts). No I/O.
import { type DataPrimary, type Item, parseGemTime } from '@bondline/secs';
import type { JsonObject, JsonValue } from '../store/json-value.js';
import type { FabRecord, LotRecord } from '../store/records.js';
import { eventData, gridOf, num, rowsOf4, text } from './gem-values.js';
import { CONSTANT_CHANGED, type ResolvedPlan } from './resolve-plan.js';

/** What the translator knows of the tool besides the plan. */
export interface ToolFacts {
  /** VID -> name (SVs, DVs, ECs). */
  readonly vidNames: Map<number, string>;
  /** CEID -> name. */
  readonly ceidNames: Map<number, string>;
  /** ALID -> ALCD category bits and text (S5F5). */
  readonly alarmTexts: Map<number, { category: number; text: string }>;
  /** Last known value of each equipment constant by ECID. */
  readonly constants: Map<number, JsonValue>;
  /** Lots this process has written a lot record for. */
  readonly lots: Map<string, LotRecord>;
}

/** Events whose S5F1 is not stored: the plan collects AlarmSet/AlarmCleared with the ALID and the time. */
const ALARM_EVENTS: Readonly<Record<string, 'set' | 'clear'>> = { AlarmSet: 'set', AlarmCleared: 'clear' };

export class RecordMaker {
  private readonly alarmsFromEvents: boolean;
  private readonly reportNames = new Map<number, string[]>();
  /** First received time of events that came without the time variable, by `dataId:ceid`. */
  private readonly timeless = new Map<string, number>();
  private lastClock: string | undefined;
  private lastClockMs: number | undefined;

  constructor(
    readonly toolId: string,
    private readonly plan: ResolvedPlan,
    private readonly facts: ToolFacts,
  ) {
    for (const r of plan.reports)
      this.reportNames.set(
        r.rptid,
        r.vids.map((v) => facts.vidNames.get(v) ?? `V${v}`),
      );
    const alid = [...facts.vidNames].find(([, n]) => n === 'AlarmAlid')?.[0];
    this.alarmsFromEvents =
      alid !== undefined &&
      plan.reports.some((r) => ALARM_EVENTS[r.eventName] !== undefined && r.vids.includes(alid));
  }

  /** The records of one primary, received at `receivedMs`. */
  records(p: DataPrimary, receivedMs: number): FabRecord[] {
    switch (p.kind) {
      case 'event':
        return this.event(p.event, receivedMs);
      case 'alarm': {
        const a = p.alarm;
        this.facts.alarmTexts.set(a.alid, { category: a.alcd & 0x7f, text: a.altx });
        if (this.alarmsFromEvents) return [];
        // S5F1 carries no time: the received time stands in (docs/fab.md §2.3).
        return [
          {
            type: 'alarm',
            toolId: this.toolId,
            alid: a.alid,
            state: a.set ? 'set' : 'clear',
            category: a.alcd & 0x7f,
            text: a.altx,
            equipmentTimeMs: receivedMs,
            receivedTimeMs: receivedMs,
          },
        ];
      }
      case 'trace':
        return this.trace(p.trace, receivedMs);
    }
  }

  private event(e: Extract<DataPrimary, { kind: 'event' }>['event'], receivedMs: number): FabRecord[] {
    const data = eventData(e.values);
    const clock = text(data[this.timeName]);
    const at = clock === undefined ? undefined : this.parseClock(clock);
    const dataId = typeof e.dataId === 'number' ? e.dataId : Number.parseInt(e.dataId, 10);
    const equipmentTimeMs = at ?? this.firstReceived(`${dataId}:${e.ceid}`, receivedMs);
    const name = this.facts.ceidNames.get(e.ceid) ?? e.name;
    const out: FabRecord[] = [];
    const reportId = Number.isSafeInteger(dataId) && dataId >= 0 ? dataId : 0;
    out.push({
      type: 'event',
      toolId: this.toolId,
      dataId: reportId,
      ceid: e.ceid,
      name,
      equipmentTimeMs,
      receivedTimeMs: receivedMs,
      data,
    });
    switch (name) {
      case 'LotStarted':
        out.push(...this.lotStarted(data, equipmentTimeMs));
        break;
      case 'LotEnded':
        out.push(...this.lotEnded(data, equipmentTimeMs));
        break;
      case 'PairResult':
        out.push(...this.pair(data, this.itemsByName(e.reports), equipmentTimeMs));
        break;
      case CONSTANT_CHANGED:
        out.push(...this.constantChanged(data, equipmentTimeMs, receivedMs, reportId));
        break;
      default: {
        const state = ALARM_EVENTS[name];
        if (state !== undefined && this.alarmsFromEvents)
          out.push(...this.alarmEvent(data, state, equipmentTimeMs, receivedMs, reportId));
      }
    }
    return out;
  }

  /** The report items by variable name (only a pair's maps need the items themselves). */
  private itemsByName(reports: readonly { rptid: number; items: Item[] }[]): Map<string, Item> {
    const items = new Map<string, Item>();
    for (const r of reports) {
      const names = this.reportNames.get(r.rptid);
      if (names === undefined) continue;
      for (const [i, it] of r.items.entries()) items.set(names[i] ?? `R${r.rptid}[${i}]`, it);
    }
    return items;
  }

  /**
   * An event without the time variable (raised before the reports were defined: the first setup's
   * S1F17 event) keeps the time it was first received in this process, so that its redelivery has
   * the same key. Bounded: the newest 10,000.
   */
  private firstReceived(key: string, receivedMs: number): number {
    const known = this.timeless.get(key);
    if (known !== undefined) return known;
    if (this.timeless.size >= 10_000) {
      const oldest = this.timeless.keys().next().value;
      if (oldest !== undefined) this.timeless.delete(oldest);
    }
    this.timeless.set(key, receivedMs);
    return receivedMs;
  }

  private get timeName(): string {
    return this.facts.vidNames.get(this.plan.timeVid) ?? '';
  }

  /** parseGemTime, remembering the last text: the events of one tick carry the same Clock. */
  private parseClock(clock: string): number | undefined {
    if (clock !== this.lastClock) {
      this.lastClock = clock;
      this.lastClockMs = parseGemTime(clock);
    }
    return this.lastClockMs;
  }

  private lotStarted(d: JsonObject, at: number): FabRecord[] {
    const id = text(d.LotId);
    if (id === undefined || id === '') return [];
    const lot: LotRecord = {
      type: 'lot',
      id,
      toolId: this.toolId,
      recipe: text(d.LotRecipe) ?? '',
      plannedPairs: num(d.LotPairs) ?? 0,
      startedMs: at,
    };
    this.facts.lots.set(id, lot);
    return [lot];
  }

  private lotEnded(d: JsonObject, at: number): FabRecord[] {
    const id = text(d.LotId);
    if (id === undefined || id === '') return [];
    const known = this.facts.lots.get(id);
    const outcome = text(d.LotOutcome);
    const spanS = (num(d.LotEndedS) ?? 0) - (num(d.LotStartedS) ?? 0);
    const lot: LotRecord = {
      type: 'lot',
      id,
      toolId: this.toolId,
      recipe: known?.recipe ?? text(d.LotRecipe) ?? '',
      plannedPairs: known?.plannedPairs ?? num(d.LotPairsDone) ?? 0,
      startedMs: known?.startedMs ?? Math.round(at - Math.max(0, spanS) * 1000),
      endedMs: at,
      ...(outcome === 'completed' || outcome === 'stopped' || outcome === 'aborted' ? { outcome } : {}),
      summary: d,
    };
    this.facts.lots.delete(id);
    return [lot];
  }

  /** A lot record for a pair whose lot this process has not seen start (the collector started mid-lot). */
  private lotOf(id: string, recipe: string, at: number): FabRecord[] {
    if (this.facts.lots.has(id)) return [];
    const lot: LotRecord = { type: 'lot', id, toolId: this.toolId, recipe, plannedPairs: 0, startedMs: at };
    this.facts.lots.set(id, lot);
    return [lot];
  }

  private pair(d: JsonObject, items: ReadonlyMap<string, Item>, at: number): FabRecord[] {
    const id = text(d.PairId);
    const lotId = text(d.LotId);
    const topId = text(d.TopId);
    const bottomId = text(d.BottomId);
    const stackId = text(d.StackId);
    if (
      id === undefined ||
      lotId === undefined ||
      topId === undefined ||
      bottomId === undefined ||
      stackId === undefined
    )
      return [];
    const recipe = text(d.PairRecipe) ?? '';
    const slotText = text(d.StackSlot)?.split(':').at(-1);
    const slotNo = slotText === undefined ? Number.NaN : Number(slotText);
    const slot = Number.isInteger(slotNo) && slotNo >= 1 ? slotNo : (num(d.PairIndex) ?? 1);
    const out: FabRecord[] = [...this.lotOf(lotId, recipe, at)];
    out.push(
      { type: 'substrate', id: topId, kind: 'top', lotId },
      { type: 'substrate', id: bottomId, kind: 'bottom', lotId },
      { type: 'substrate', id: stackId, kind: 'stack', lotId, slot, topId, bottomId },
      {
        type: 'pair',
        id,
        toolId: this.toolId,
        lotId,
        slot,
        recipe,
        topId,
        bottomId,
        stackId,
        startedMs: at,
        endedMs: at,
      },
    );
    const y = num(d.PairYield);
    const overlayMap = rowsOf4(items.get('PairOverlayMap'));
    const voidMap = rowsOf4(items.get('PairVoidMap'));
    const dieYieldMap = gridOf(items.get('PairDieMap'), d.PairDieRows, d.PairDieCols);
    const summary: Record<string, JsonObject[string]> = {};
    for (const k of [
      'OverlayTx',
      'OverlayTy',
      'OverlayRot',
      'OverlayMag',
      'OverlayXM3s',
      'OverlayYM3s',
      'OverlaySites',
      'VoidCount',
      'PairAlarms',
    ])
      if (d[k] !== undefined) summary[k] = d[k];
    out.push({
      type: 'pair-result',
      pairId: id,
      yield: y === undefined ? 0 : Math.min(1, Math.max(0, y)),
      summary,
      ...(overlayMap === undefined ? {} : { overlayMap }),
      ...(voidMap === undefined ? {} : { voidMap }),
      ...(dieYieldMap === undefined ? {} : { dieYieldMap }),
    });
    return out;
  }

  private alarmEvent(
    d: JsonObject,
    state: 'set' | 'clear',
    at: number,
    receivedMs: number,
    dataId: number,
  ): FabRecord[] {
    const alid = num(d.AlarmAlid);
    if (alid === undefined) return [];
    const known = this.facts.alarmTexts.get(alid);
    return [
      {
        type: 'alarm',
        toolId: this.toolId,
        alid,
        state,
        category: known?.category ?? 0,
        text: known?.text ?? text(d.AlarmFaultId) ?? '',
        equipmentTimeMs: at,
        receivedTimeMs: receivedMs,
        dataId,
      },
    ];
  }

  private constantChanged(d: JsonObject, at: number, receivedMs: number, dataId: number): FabRecord[] {
    const ecid = num(d.ChangedEcid);
    if (ecid === undefined) return [];
    const name = this.facts.vidNames.get(ecid) ?? `EC${ecid}`;
    const newValue = d[name] ?? null;
    const before = this.facts.constants.get(ecid);
    this.facts.constants.set(ecid, newValue);
    return [
      {
        type: 'ec-change',
        toolId: this.toolId,
        ecid,
        name,
        oldValue: before ?? null,
        newValue,
        source: 'tool',
        equipmentTimeMs: at,
        receivedTimeMs: receivedMs,
        dataId,
      },
    ];
  }

  private trace(t: Extract<DataPrimary, { kind: 'trace' }>['trace'], receivedMs: number): FabRecord[] {
    const trid = typeof t.trid === 'number' ? t.trid : Number.parseInt(t.trid, 10);
    const def = this.plan.traces.find((x) => x.trid === trid);
    const last = parseGemTime(t.stime) ?? receivedMs;
    const n = t.samples.length;
    return t.samples.map((s, i) => ({
      type: 'trace' as const,
      toolId: this.toolId,
      traceId: trid,
      // SMPLN and STIME are those of the group's last sample (as secs' equipment sends them).
      sampleNo: t.smpln - (n - 1) + i,
      equipmentTimeMs: last - (n - 1 - i) * (def?.periodMs ?? 0),
      receivedTimeMs: receivedMs,
      values: eventData(s),
    }));
  }
}
