// The zod schema of a replay file (docs/tool.md §8.4): what a fab's ticket captured, as the simulated
// tool takes it to reproduce the conditions of the fault. References that need the tool's files (fault
// ids in the catalogue, pairs against the carrier, the recipe in the store) are checked when the
// replay is opened (open-replay.ts); the recipe body and the constants are checked here.
import { shown } from '@bondline/core';
import { z } from 'zod';
import { faultIdSchema } from '../faults/catalogue-schema.js';
import { rateSpecSchema } from '../faults/profile-schema.js';

/** The value of `format`: the document's kind and version. */
export const REPLAY_FORMAT = 'bondline-replay/1';

const text = (max: number) =>
  z
    .string()
    .refine((s) => s.trim() !== '', { error: 'is empty', params: { code: 'missing' } })
    .refine((s) => s.length <= max, {
      error: `is longer than ${max} characters`,
      params: { code: 'out-of-range' },
    });

const integer = (min: number, max: number, what: string) =>
  z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) => `${shown(iss.input)} is not ${what}: an integer from ${min} to ${max}`,
    params: { code: 'out-of-range' },
  });

/** An ISO 8601 date and time with its offset from UTC (`2026-12-07T09:14:03Z`, `...+08:00`). */
const isoTime = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    {
      error: (iss) =>
        `${shown(iss.input)} is not an ISO 8601 time with its offset (write e.g. 2026-12-07T09:14:03Z)`,
      params: { code: 'invalid-value' },
    },
  );

/** Where the replay comes from: shown with the run, never acted on. */
const sourceSchema = z.strictObject({
  /** The fab's ticket id. */
  ticket: text(80).optional(),
  /** The tool the ticket was opened on (the fab's tool id). */
  tool: text(80).optional(),
  /** The module the fault was seen at (PL1, BD1, ...). */
  module: text(40).optional(),
  /** When the ticket's data was captured. */
  capturedAt: isoTime.optional(),
  /** The fault point the ticket is about (a catalogue id). */
  faultId: faultIdSchema.optional(),
  /** The alarm that opened the ticket, when one did (a silent fault point raises none). */
  alarm: z
    .strictObject({
      alid: integer(0, 4294967295, 'an ALID (U4)'),
      text: text(120).optional(),
    })
    .optional(),
  note: text(2000).optional(),
});

/** The recipe the lot runs: a name of the tool's store, or that name with the body it had then. */
const recipeSchema = z.strictObject({
  name: text(80),
  /**
   * The recipe document as the tool stores it (docs/tool.md §3): the process program text (a string,
   * as a host's S7F5 upload gives it) or the same document written in place (a mapping).
   */
  body: z.union([text(256 * 1024), z.record(z.string(), z.unknown())]).optional(),
});

export const replayFileSchema = z.strictObject({
  format: z.string().refine((s) => s === REPLAY_FORMAT, {
    error: (iss) => `${shown(iss.input)} is not a replay format this tool reads; expected ${REPLAY_FORMAT}`,
    params: { code: 'invalid-value' },
  }),
  source: sourceSchema.optional(),
  /** Tool configuration, relative to the replay file; default the shipped examples/tool/tool.yaml. */
  config: text(1000).optional(),
  /** immature, mature, or a profile file relative to the replay file; default the configuration's. */
  profile: text(1000).optional(),
  /** Apply only the profile's first `fixes` fix records (a point of its learning curve). */
  fixes: integer(0, 100000, 'a count of fix records').optional(),
  recipe: recipeSchema.optional(),
  /** Equipment constants by name (docs/tool.md §7.4), set on the tool before the lot. */
  constants: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  /** Rate overrides by fault id, as a profile writes rates: the points the replay makes fire. */
  faults: z.record(z.string(), rateSpecSchema).optional(),
  seed: integer(0, 4294967295, 'a seed').optional(),
  pairs: integer(1, 1000, 'a count of pairs').optional(),
});

export type ReplayFileData = z.output<typeof replayFileSchema>;
export type ReplaySource = z.output<typeof sourceSchema>;
