// Every record is checked before anything of its batch is written: records come from a tool over GEM
// and, at scale, across a bus from another process. A bad field is named (`records[3].dataId`) and
// the whole batch is refused, so a store never holds half of a batch.
import { hasInvisible } from '@bondline/core';
import { z } from 'zod';
import type { JsonObject } from './json-value.js';
import type { NumericMap } from './map-codec.js';

/** Ids are at most this long: a SEMI E5 text item a tool sends for an id is far shorter. */
const MAX_ID_CHARS = 200;

const id = z
  .string()
  .min(1)
  .max(MAX_ID_CHARS)
  .refine((s) => !hasInvisible(s) && s.trim() === s, {
    error: 'holds a character that cannot be seen, or leading or trailing spaces',
  });
const text = z.string().max(100_000);
/** Integers a driver reads back exactly (≤ 2^53 - 1); GEM's U4/U8 ids in practice. */
const count = z.int().min(0);
/** Milliseconds since the Unix epoch; 0 .. year 2286 keeps every value a safe 13-digit integer. */
const timeMs = z.int().min(0).max(9_999_999_999_999);
const jsonObject = z.custom<JsonObject>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected a JSON object',
);
const anyJson = z.unknown().refine((v) => v !== undefined, { error: 'is required (a JSON value)' });
const numericMap = z.custom<NumericMap>(
  (v) => typeof v === 'object' && v !== null && 'dims' in v && 'data' in v && ArrayBuffer.isView(v.data),
  'expected a map { dims, data: typed array }',
);

const organisation = z.strictObject({
  type: z.literal('organisation'),
  id,
  name: text.min(1),
  role: z.enum(['fab', 'maker']),
});

const tool = z.strictObject({
  type: z.literal('tool'),
  id,
  name: text.min(1),
  organisationId: id,
  address: text.optional(),
  port: z.int().min(1).max(65_535).optional(),
  deviceId: z.int().min(0).max(32_767).optional(),
});

const module_ = z.strictObject({ type: z.literal('module'), toolId: id, id, kind: id });

const recipe = z.strictObject({
  type: z.literal('recipe'),
  toolId: id,
  name: id,
  version: z.int().min(0).max(2_147_483_647),
  body: z.string().max(10_000_000),
  createdMs: timeMs,
});

const lot = z.strictObject({
  type: z.literal('lot'),
  id,
  toolId: id,
  recipe: id,
  recipeVersion: z.int().min(0).max(2_147_483_647).optional(),
  plannedPairs: z.int().min(0).max(1_000_000),
  startedMs: timeMs,
  endedMs: timeMs.optional(),
  outcome: z.enum(['completed', 'stopped', 'aborted']).optional(),
  summary: jsonObject.optional(),
});

const carrier = z.strictObject({
  type: z.literal('carrier'),
  id,
  capacity: z.int().min(1).max(1000),
  role: z.enum(['top', 'bottom', 'stack']).optional(),
});

const slot = z.int().min(1).max(1000);

const substrate = z.strictObject({
  type: z.literal('substrate'),
  id,
  kind: z.enum(['top', 'bottom', 'stack']),
  lotId: id,
  carrierId: id.optional(),
  slot: slot.optional(),
  topId: id.optional(),
  bottomId: id.optional(),
});

const pair = z.strictObject({
  type: z.literal('pair'),
  id,
  toolId: id,
  lotId: id,
  slot,
  recipe: id,
  recipeVersion: z.int().min(0).max(2_147_483_647).optional(),
  topId: id,
  bottomId: id,
  stackId: id,
  startedMs: timeMs,
  endedMs: timeMs.optional(),
});

const pairResult = z.strictObject({
  type: z.literal('pair-result'),
  pairId: id,
  yield: z.number().min(0).max(1),
  summary: jsonObject,
  overlayMap: numericMap.optional(),
  voidMap: numericMap.optional(),
  dieYieldMap: numericMap.optional(),
});

const stamped = { toolId: id, equipmentTimeMs: timeMs, receivedTimeMs: timeMs };

const event = z.strictObject({
  type: z.literal('event'),
  ...stamped,
  dataId: count,
  ceid: count,
  name: text,
  data: jsonObject,
});

const alarm = z.strictObject({
  type: z.literal('alarm'),
  ...stamped,
  alid: count,
  state: z.enum(['set', 'clear']),
  category: z.int().min(0).max(127),
  text,
  dataId: count.optional(),
});

const trace = z.strictObject({
  type: z.literal('trace'),
  ...stamped,
  traceId: count,
  sampleNo: count,
  values: jsonObject,
});

const ecChange = z.strictObject({
  type: z.literal('ec-change'),
  ...stamped,
  ecid: count,
  name: text,
  // Any JSON value (null when the constant had none); checked by jsonText when the row is built.
  oldValue: anyJson,
  newValue: anyJson,
  source: z.enum(['host', 'tool']),
  dataId: count.optional(),
});

const r2rAction = z.strictObject({
  type: z.literal('r2r-action'),
  context: text.min(1).max(1000),
  actionNo: count.min(1),
  toolId: id,
  recipe: id,
  product: id,
  atMs: timeMs,
  action: z
    .string()
    .regex(/^[a-z]+(-[a-z]+)*$/)
    .max(40),
  pairId: id.optional(),
  detail: jsonObject,
});

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });

const fdcModel = z.strictObject({
  type: z.literal('fdc-model'),
  recipe: id,
  version: count.min(1),
  createdMs: timeMs,
  goldenPairIds: z.array(id).max(100_000),
  model: jsonObject,
});

const fdcCheck = z.strictObject({
  type: z.literal('fdc-check'),
  pairId: id,
  toolId: id,
  recipe: id,
  modelVersion: count.min(1),
  atMs: timeMs,
  flagged: z.boolean(),
  faultCount: count,
  result: jsonObject,
});

const fdcFault = z.strictObject({
  type: z.literal('fdc-fault'),
  pairId: id,
  toolId: id,
  recipe: id,
  step: id,
  moduleId: id,
  modelVersion: count.min(1),
  atMs: timeMs,
  t2: finite,
  t2Ucl: finite,
  reasons: z
    .array(z.enum(['t2', 'limits']))
    .min(1)
    .max(2),
  traces: z
    .array(
      z.strictObject({
        trace: text.min(1).max(MAX_ID_CHARS),
        contribution: finite,
        share: finite,
        outOfLimits: z.array(text.max(MAX_ID_CHARS)).max(1000),
      }),
    )
    .max(10_000),
});

const spcViolation = z.strictObject({
  type: z.literal('spc-violation'),
  chartId: text.min(1).max(1000),
  part: z.enum(['location', 'dispersion', 'ewma', 'cusum']),
  rule: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(40),
  pointIndex: count,
  toolId: id,
  parameter: id,
  context: text.min(1).max(1000),
  phase: count.min(1),
  description: text.max(1000),
  indexes: z.array(count).min(1).max(1000),
  side: z.string().max(20).optional(),
  pairId: id.optional(),
  value: z.number().finite(),
  atMs: timeMs,
  closedMs: timeMs.optional(),
  closeReason: text.max(1000).optional(),
});

/** One schema for every record type, told apart by `type`. */
export const recordSchema = z.discriminatedUnion('type', [
  organisation,
  tool,
  module_,
  recipe,
  lot,
  carrier,
  substrate,
  pair,
  pairResult,
  event,
  alarm,
  trace,
  ecChange,
  r2rAction,
  fdcModel,
  fdcCheck,
  fdcFault,
  spcViolation,
]);
