// What a ticket opened from a tool alarm carries (docs/fab.md §11.5), read from the store at opening:
// the fault point (ALID, the catalogue id the tool's alarm text starts with, the module), the recipe
// of the tool's last lot, the equipment constants as last changed, the stored trace window before the
// alarm, the tool's last alarms, its last pairs with their yield (maps by pair id: the API serves
// them), and a replay object for the simulated tool (`bondline tool run --replay`).
import type { FabStore, PairListItem, StoreResult } from '../store/fab-store.js';
import type { JsonObject, JsonValue } from '../store/json-value.js';
import type { Page } from '../store/page-cursor.js';
import type { AlarmRecord, ModuleRecord, TraceSampleRecord } from '../store/records.js';
import type { TicketSettings } from './ticket-settings.js';

/**
 * Module kinds by the fault point id's prefix (docs/tool.md §5.1): the first is the kind a Bondline
 * bonder reports (collector/tool-setup.ts), the others names a configuration may use.
 */
const PREFIX_KINDS: Readonly<Record<string, readonly string[]>> = {
  LP: ['loadport', 'load-port'],
  TR: ['robot'],
  PA: ['prealigner', 'pre-aligner'],
  PL: ['plasma'],
  CL: ['clean'],
  FL: ['flipper'],
  BD: ['bonder', 'aligner-bonder'],
  IN: ['inspection'],
};

/** The tool's alarm text is `<fault point id> <text>` (docs/tool.md §7); the id when it is one. */
export function faultPointOf(text: string): string | undefined {
  const m = /^([A-Z]{2}-[A-Z0-9]+-\d{3})(\s|$)/.exec(text);
  return m?.[1];
}

/** The module an alarm names: the tool's module of the fault point's kind, else the kind, else none. */
export function moduleOf(
  faultPoint: string | undefined,
  modules: readonly ModuleRecord[],
): string | undefined {
  if (faultPoint === undefined) return undefined;
  const prefix = faultPoint.slice(0, 2);
  const kinds = PREFIX_KINDS[prefix];
  if (kinds === undefined) return undefined;
  const found = modules.filter((m) => kinds.includes(m.kind));
  return found.length === 1 ? found[0]?.id : kinds[0];
}

/** The tool's replay format (docs/tool.md §8.4), which `bondline tool run --replay` reads. */
const REPLAY_FORMAT = 'bondline-replay/1';

/**
 * The ticket's conditions as a replay document: where it was seen (the ticket id is added when it is
 * served, GET /api/tickets/{id}/replay), the recipe and its body as stored, the constants as last
 * changed, the fault point forced at every step. No seed: the fab does not know the tool's.
 */
function replayOf(
  alarm: AlarmRecord,
  module: string | undefined,
  faultPoint: string | undefined,
  recipeName: string | undefined,
  body: string | undefined,
  constants: JsonObject,
): JsonObject {
  const fits = (v: string | undefined, max: number): v is string => v !== undefined && v.length <= max;
  return {
    format: REPLAY_FORMAT,
    source: {
      ...(fits(alarm.toolId, 80) ? { tool: alarm.toolId } : {}),
      ...(fits(module, 40) ? { module } : {}),
      capturedAt: new Date(alarm.receivedTimeMs).toISOString(),
      ...(faultPoint === undefined ? {} : { faultId: faultPoint }),
      alarm: { alid: alarm.alid, ...(fits(alarm.text, 120) ? { text: alarm.text } : {}) },
    },
    ...(recipeName === undefined
      ? {}
      : { recipe: { name: recipeName, ...(body === undefined ? {} : { body }) } }),
    // The replay takes numbers and booleans (the tool checks them as S2F15 would).
    constants: Object.fromEntries(
      Object.entries(constants).filter(([, v]) => typeof v === 'number' || typeof v === 'boolean'),
    ),
    ...(faultPoint === undefined ? {} : { faults: { [faultPoint]: { perStep: 1 } } }),
  };
}

/** A part not asked for (its setting is 0). */
const none = <T>(): StoreResult<Page<T>> => Promise.resolve({ ok: true, value: { items: [] } });

export interface AlarmCapture {
  readonly module?: string;
  readonly title: string;
  readonly data: JsonObject;
}

/** Read what the ticket of `alarm` carries; a read the store refuses leaves its part out, named in `missing`. */
export async function captureAlarm(
  store: FabStore,
  alarm: AlarmRecord,
  capture: TicketSettings['capture'],
): Promise<AlarmCapture> {
  const at = alarm.equipmentTimeMs;
  const toolId = alarm.toolId;
  const missing: string[] = [];
  const value = <T>(part: string, r: { ok: true; value: T } | { ok: false }): T | undefined => {
    if (r.ok) return r.value;
    missing.push(part);
    return undefined;
  };
  const [tool, lots, ecs, trace, alarms, pairs] = await Promise.all([
    store.getTool(toolId),
    store.listLots({ toolId, order: 'desc', limit: 1 }),
    store.listEcChanges({ toolId, toMs: at + 1, order: 'desc', limit: 1000 }),
    capture.traceWindowS === 0 || capture.maxTraceSamples === 0
      ? none<TraceSampleRecord>()
      : store.listTrace({
          toolId,
          fromMs: at - capture.traceWindowS * 1000,
          toMs: at + capture.traceWindowS * 1000 + 1,
          limit: capture.maxTraceSamples,
        }),
    capture.alarmHistory === 0
      ? none<AlarmRecord>()
      : store.listAlarms({ toolId, toMs: at + 1, order: 'desc', limit: capture.alarmHistory }),
    capture.pairs === 0
      ? none<PairListItem>()
      : store.listPairs({ toolId, order: 'desc', limit: capture.pairs }),
  ]);
  const detail = value('tool', tool);
  const lot = value('lot', lots)?.items[0];
  const faultPoint = faultPointOf(alarm.text);
  const module = moduleOf(faultPoint, detail?.modules ?? []);

  // Constants: the newest change of each, read newest first.
  const constants: Record<string, JsonValue> = {};
  for (const c of value('constants', ecs)?.items ?? [])
    if (!(c.name in constants)) constants[c.name] = c.newValue;

  const recipeName = lot?.recipe;
  const versions = (detail?.recipes ?? []).filter((r) => r.name === recipeName);
  const recipe =
    versions.find((r) => r.version === lot?.recipeVersion) ??
    versions.reduce<(typeof versions)[number] | undefined>(
      (a, b) => (a === undefined || b.version > a.version ? b : a),
      undefined,
    );

  const data: JsonObject = {
    toolId,
    ...(module === undefined ? {} : { module }),
    alarm: {
      alid: alarm.alid,
      category: alarm.category,
      text: alarm.text,
      equipmentTimeMs: alarm.equipmentTimeMs,
      receivedTimeMs: alarm.receivedTimeMs,
      ...(faultPoint === undefined ? {} : { faultPoint }),
    },
    ...(lot === undefined
      ? {}
      : {
          lot: {
            id: lot.id,
            recipe: lot.recipe,
            ...(lot.recipeVersion === undefined ? {} : { recipeVersion: lot.recipeVersion }),
            startedMs: lot.startedMs,
          },
        }),
    constants,
    trace: (value('trace', trace)?.items ?? []).map((s) => ({
      traceId: s.traceId,
      sampleNo: s.sampleNo,
      equipmentTimeMs: s.equipmentTimeMs,
      values: s.values,
    })),
    alarmHistory: (value('alarms', alarms)?.items ?? []).map((a) => ({
      alid: a.alid,
      state: a.state,
      text: a.text,
      equipmentTimeMs: a.equipmentTimeMs,
    })),
    pairs: (value('pairs', pairs)?.items ?? []).map((p) => ({
      pairId: p.pair.id,
      lotId: p.pair.lotId,
      slot: p.pair.slot,
      startedMs: p.pair.startedMs,
      ...(p.yield === undefined ? {} : { yield: p.yield }),
    })),
    replay: replayOf(alarm, module, faultPoint, recipeName, recipe?.body, constants),
    ...(missing.length === 0 ? {} : { missing }),
  };
  const title = faultPoint === undefined ? `ALID ${alarm.alid}: ${alarm.text}` : alarm.text;
  return { ...(module === undefined ? {} : { module }), title: title.slice(0, 200), data };
}
