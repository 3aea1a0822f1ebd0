// What the API answers, as zod schemas: the OpenAPI document describes them, and a server built with
// `checkResponses` (the tests) checks every answer against them, so the document cannot drift from
// what the routes send. Records have the store's shapes (docs/fab.md §1.1); times are milliseconds.
import { z } from 'zod';
import type { JsonValue } from '../store/json-value.js';
import { MAP_DTYPES } from './map-json.js';

/** A list the routes send: the store's lists are readonly. */
function list<T extends z.ZodType>(item: T) {
  return z.array(item).readonly();
}

const ms = z.number().int().meta({ description: 'ms since 1970-01-01T00:00:00Z' });
// Any JSON value (the store keeps report variables and summaries as JSON), one schema in components.
const jsonValue: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.null(),
      z.boolean(),
      z.number(),
      z.string(),
      list(jsonValue),
      z.record(z.string(), jsonValue),
    ]),
  )
  .meta({ id: 'JsonValue' });
const jsonObject = z.record(z.string(), jsonValue);

export const apiError = z
  .object({
    code: z.string().meta({ description: 'kebab-case; a program switches on it' }),
    message: z.string(),
    path: z.string().meta({ description: 'the query or route parameter at fault' }).optional(),
  })
  .meta({ id: 'ApiError' });

const toolRecord = z
  .object({
    type: z.literal('tool'),
    id: z.string(),
    name: z.string(),
    organisationId: z.string(),
    address: z.string().optional(),
    port: z.number().int().optional(),
    deviceId: z.number().int().optional(),
  })
  .meta({ id: 'Tool' });

const toolStatus = z
  .object({
    toolId: z.string(),
    link: z.enum(['disconnected', 'connecting', 'selected', 'communicating']),
    control: z.string().optional(),
    processing: z.string().optional(),
    e10: z.string().optional(),
    lotId: z.string().optional(),
    lastMessageMs: ms.optional(),
    updatedMs: ms,
  })
  .meta({ id: 'ToolStatus', description: 'as the tool’s collector last reported it' });

const moduleRecord = z.object({
  type: z.literal('module'),
  toolId: z.string(),
  id: z.string(),
  kind: z.string(),
});

const recipeRecord = z.object({
  type: z.literal('recipe'),
  toolId: z.string(),
  name: z.string(),
  version: z.number().int(),
  body: z.string(),
  createdMs: ms,
});

const lotRecord = z
  .object({
    type: z.literal('lot'),
    id: z.string(),
    toolId: z.string(),
    recipe: z.string(),
    recipeVersion: z.number().int().optional(),
    plannedPairs: z.number().int(),
    startedMs: ms,
    endedMs: ms.optional(),
    outcome: z.enum(['completed', 'stopped', 'aborted']).optional(),
    summary: jsonObject.optional(),
  })
  .meta({ id: 'Lot' });

const carrierRecord = z.object({
  type: z.literal('carrier'),
  id: z.string(),
  capacity: z.number().int(),
  role: z.enum(['top', 'bottom', 'stack']).optional(),
});

const substrateRecord = z.object({
  type: z.literal('substrate'),
  id: z.string(),
  kind: z.enum(['top', 'bottom', 'stack']),
  lotId: z.string(),
  carrierId: z.string().optional(),
  slot: z.number().int().optional(),
  topId: z.string().optional(),
  bottomId: z.string().optional(),
});

const pairRecord = z
  .object({
    type: z.literal('pair'),
    id: z.string(),
    toolId: z.string(),
    lotId: z.string(),
    slot: z.number().int(),
    recipe: z.string(),
    recipeVersion: z.number().int().optional(),
    topId: z.string(),
    bottomId: z.string(),
    stackId: z.string(),
    startedMs: ms,
    endedMs: ms.optional(),
  })
  .meta({ id: 'Pair' });

const jsonMap = z
  .object({
    shape: list(z.number().int().min(0)),
    dtype: z.enum(MAP_DTYPES),
    data: list(z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])])),
  })
  .meta({
    id: 'Map',
    description:
      "a map's elements row-major; non-finite elements as the strings 'NaN', 'Infinity', '-Infinity'",
  });

const pairResult = z.object({
  pairId: z.string(),
  yield: z.number().meta({ description: 'fraction of good dies, 0..1' }),
  summary: jsonObject,
  overlayMap: jsonMap.meta({ description: '[sites, 4] f64: X µm, Y µm, dx nm, dy nm' }).optional(),
  voidMap: jsonMap.meta({ description: '[voids, 4] f64: x mm, y mm, diameter µm, cause code' }).optional(),
  dieYieldMap: jsonMap
    .meta({ description: '[rows, cols] u8: 0 good, else a cause code; 255 off the wafer' })
    .optional(),
});

const eventRecord = z
  .object({
    type: z.literal('event'),
    toolId: z.string(),
    dataId: z.number().int(),
    ceid: z.number().int(),
    name: z.string(),
    equipmentTimeMs: ms,
    receivedTimeMs: ms,
    data: jsonObject.meta({ description: 'report variables by name' }),
  })
  .meta({ id: 'Event' });

const alarmRecord = z
  .object({
    type: z.literal('alarm'),
    toolId: z.string(),
    alid: z.number().int(),
    state: z.enum(['set', 'clear']),
    category: z.number().int(),
    text: z.string(),
    equipmentTimeMs: ms,
    receivedTimeMs: ms,
    dataId: z.number().int().optional().meta({ description: 'DATAID of the AlarmSet/AlarmCleared report' }),
  })
  .meta({ id: 'Alarm' });

const traceRecord = z
  .object({
    type: z.literal('trace'),
    toolId: z.string(),
    traceId: z.number().int(),
    sampleNo: z.number().int(),
    equipmentTimeMs: ms,
    receivedTimeMs: ms,
    values: jsonObject,
  })
  .meta({ id: 'TraceSample' });

const ecChangeRecord = z
  .object({
    type: z.literal('ec-change'),
    toolId: z.string(),
    ecid: z.number().int(),
    name: z.string(),
    oldValue: jsonValue,
    newValue: jsonValue,
    source: z.enum(['host', 'tool']),
    equipmentTimeMs: ms,
    receivedTimeMs: ms,
    dataId: z.number().int().optional().meta({ description: 'DATAID of the ConstantChanged report' }),
  })
  .meta({ id: 'EcChange' });

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: list(item),
    nextCursor: z
      .string()
      .meta({ description: 'present when more rows follow: pass it as cursor' })
      .optional(),
  });
}

const toolListItem = z.object({ tool: toolRecord, status: toolStatus.optional() });

export const responses = {
  tools: pageOf(toolListItem),
  tool: z.object({
    tool: toolRecord,
    modules: list(moduleRecord),
    recipes: list(recipeRecord),
    status: toolStatus.optional(),
  }),
  lots: pageOf(lotRecord),
  lot: z.object({ lot: lotRecord, substrates: list(substrateRecord), carriers: list(carrierRecord) }),
  pairs: pageOf(z.object({ pair: pairRecord, yield: z.number().optional() })),
  pair: z.object({ pair: pairRecord, result: pairResult.optional() }),
  events: pageOf(eventRecord),
  alarms: pageOf(alarmRecord),
  trace: pageOf(traceRecord),
  ecChanges: pageOf(ecChangeRecord),
};

/** The refusals a read route can answer besides its 200. */
export const readErrors = { 400: apiError, 404: apiError, 503: apiError };
