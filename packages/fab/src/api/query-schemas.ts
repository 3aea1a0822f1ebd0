// The query strings and route parameters of the API as zod schemas: validated once at the boundary,
// typed for the handlers, and described in the OpenAPI document. Every value arrives as text; a
// repeated key arrives as a list and is refused. Unknown keys are refused too (a misspelt filter
// would otherwise return everything). Codes follow the store's where they mean the same
// (`bad-limit`, `bad-filter`, `bad-range`).
import { z } from 'zod';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../store/page-cursor.js';

const MAX_ID_CHARS = 200;
const MAX_CURSOR_CHARS = 2000;
const DIGITS = /^[0-9]{1,16}$/;
// A date and time with seconds (fraction optional) and a zone: a time without a zone would be read in
// the server's zone, which a client cannot know.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An id as the store keeps them: 1..200 characters. */
export const idText = z.string().min(1).max(MAX_ID_CHARS);

/** An integer in min..max written in decimal digits; refused with `code`. */
function integerText(min: number, max: number, code: string, description: string) {
  return z
    .string()
    .meta({ description, pattern: DIGITS.source })
    .transform((text, ctx) => {
      const n = DIGITS.test(text) ? Number(text) : Number.NaN;
      if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(text.slice(0, 40))} is not an integer ${min}..${max}`,
        params: { code },
        input: text,
      });
      return z.NEVER;
    });
}

/** A time: ISO 8601 with a zone (`2026-01-05T08:00:00Z`) or integer milliseconds since the epoch. */
function timeText(description: string) {
  return z
    .string()
    .meta({ description, examples: ['2026-01-05T08:00:00Z', '1767600000000'] })
    .transform((text, ctx) => {
      const ms = DIGITS.test(text) ? Number(text) : ISO_8601.test(text) ? Date.parse(text) : Number.NaN;
      if (Number.isSafeInteger(ms)) return ms;
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(text.slice(0, 40))} is not a time: ISO 8601 with a zone (2026-01-05T08:00:00Z) or integer milliseconds since 1970`,
        params: { code: 'bad-range' },
        input: text,
      });
      return z.NEVER;
    });
}

export const page = {
  limit: integerText(
    1,
    MAX_PAGE_LIMIT,
    'bad-limit',
    `rows per page, 1..${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT})`,
  ).optional(),
  cursor: z
    .string()
    .min(1)
    .max(MAX_CURSOR_CHARS)
    .meta({ description: 'the nextCursor of the previous page (opaque)' })
    .optional(),
  order: z.enum(['asc', 'desc']).meta({ description: 'oldest first (default) or newest first' }).optional(),
};

const toolFilter = idText.meta({ description: 'only this tool' }).optional();

function idFilter(name: string) {
  return integerText(0, Number.MAX_SAFE_INTEGER, 'bad-filter', `only this ${name}`).optional();
}

const timeRange = {
  from: timeText('equipment time from (inclusive)').optional(),
  to: timeText('equipment time to (exclusive)').optional(),
};

function withRange<S extends z.ZodObject>(schema: S) {
  return schema.superRefine((q, ctx) => {
    const { from, to } = q as { from?: number; to?: number };
    if (from !== undefined && to !== undefined && to < from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `${new Date(to).toISOString()} is before from (${new Date(from).toISOString()})`,
        params: { code: 'bad-range' },
      });
    }
  });
}

export const pageQuery = z.strictObject(page);
export const lotsQuery = z.strictObject({ ...page, tool: toolFilter });
export const pairsQuery = z.strictObject({
  ...page,
  tool: toolFilter,
  lot: idText.meta({ description: 'only this lot' }).optional(),
});
export const eventsQuery = withRange(
  z.strictObject({
    ...page,
    ...timeRange,
    tool: toolFilter,
    ceid: idFilter('CEID'),
    name: idText.meta({ description: 'only events of this name (E10StateChanged, ...)' }).optional(),
  }),
);
export const alarmsQuery = withRange(
  z.strictObject({ ...page, ...timeRange, tool: toolFilter, alid: idFilter('ALID') }),
);
export const traceQuery = withRange(
  z.strictObject({ ...page, ...timeRange, tool: toolFilter, trid: idFilter('trace id (TRID)') }),
);
export const ecChangesQuery = withRange(
  z.strictObject({ ...page, ...timeRange, tool: toolFilter, ecid: idFilter('ECID') }),
);
export const pairQuery = z.strictObject({
  maps: z
    .enum(['all', 'none'])
    .meta({ description: "'none' leaves the maps out (default 'all')" })
    .optional(),
});
export const emptyQuery = z.strictObject({});
export const idParams = z.strictObject({ id: idText });

// Yield (docs/fab.md §7.6): which analysed pairs, by the pair's tool, recipe, lot and start time.
const yieldFilters = {
  tool: toolFilter,
  recipe: idText.meta({ description: 'only pairs of this recipe' }).optional(),
  lot: idText.meta({ description: 'only this lot' }).optional(),
  from: timeText('pair start (equipment time) from (inclusive)').optional(),
  to: timeText('pair start (equipment time) to (exclusive)').optional(),
};
export const yieldQuery = withRange(
  z.strictObject({
    ...yieldFilters,
    by: z
      .enum(['tool', 'recipe', 'lot'])
      .meta({ description: "one group per tool, recipe or lot (default 'lot')" })
      .optional(),
  }),
);
export const paretoQuery = withRange(z.strictObject(yieldFilters));
export const curveQuery = withRange(
  z.strictObject({
    ...yieldFilters,
    limit: integerText(1, 1000, 'bad-limit', 'the newest lots, 1..1000 (default 1000)').optional(),
  }),
);

/** GET /api/tools/{id}/reliability: a period and the clock that times the moves. */
export const reliabilityQuery = withRange(
  z.strictObject({
    ...timeRange,
    clock: z
      .enum(['tool', 'equipment'])
      .meta({ description: "the tool's own time (ToolTimeS, default) or its equipment time stamps" })
      .optional(),
  }),
);
