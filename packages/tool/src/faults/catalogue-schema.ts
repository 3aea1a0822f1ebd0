// The zod schema of a fault catalogue file (examples/tool/faults.yaml, docs/tool.md §5): what one
// fault point may hold, field by field. Checks across points (unique ids and ALIDs, an id prefix that
// matches its module, silent points without alarms) need the whole file and live in
// catalogue-checks.ts.
import { shown } from '@bondline/core';
import { z } from 'zod';

/** E5 ALTX is an ASCII item of at most 120 characters; the fault text is the alarm text. */
const ALARM_TEXT_MAX = 120;
/** ALID is a U4 (E5); 0 is kept out, hosts read it as "no alarm". */
const ALID_MAX = 4294967295;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Number in min..max (inclusive); `unit` is named in the message. */
const bounded = (min: number, max: number, unit: string) =>
  z.number().refine((v) => Number.isFinite(v) && v >= min && v <= max, {
    error: (iss) => `${shown(iss.input)} is outside ${min}..${max} ${unit}`,
    params: { code: 'out-of-range' },
  });

/** Integer in min..max, one issue per mistake. */
const integer = (min: number, max: number) =>
  z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) => `${shown(iss.input)} is not an integer ${min}..${max}`,
    params: { code: 'out-of-range' },
  });

/** Printable ASCII (GEM's ALTX is an A item) of 1..max characters. */
const asciiText = (max: number) =>
  z
    .string()
    .refine((s) => s.trim() !== '', { error: 'is empty', params: { code: 'missing' } })
    .refine((s) => s.length <= max, {
      error: (iss) => `has ${String(iss.input).length} characters; at most ${max} allowed (E5 ALTX)`,
      params: { code: 'out-of-range' },
    })
    .refine((s) => PRINTABLE_ASCII.test(s), {
      error: 'holds a character outside printable ASCII (GEM alarm text is ASCII: write um, urad, degC)',
      params: { code: 'invalid-value' },
    });

/** `BD-ALIGN-017`: module prefix, subsystem, three-digit number. */
const FAULT_ID_PATTERN = /^[A-Z]{2}-[A-Z0-9]{2,8}-\d{3}$/;

export const faultIdSchema = z.string().refine((s) => FAULT_ID_PATTERN.test(s), {
  error: (iss) =>
    `${shown(iss.input)} is not a fault id; write PREFIX-SUBSYSTEM-NNN (e.g. BD-ALIGN-017, two capital letters for the module)`,
  params: { code: 'invalid-value' },
});

const overlayDriftSchema = z.strictObject({
  Tx: bounded(-10_000, 10_000, 'nm').optional(),
  Ty: bounded(-10_000, 10_000, 'nm').optional(),
  Rot: bounded(-1000, 1000, 'urad').optional(),
  Mag: bounded(-100, 100, 'ppm').optional(),
});

const effectSchema = z.strictObject({
  stopsModule: z.boolean(),
  extraParticles: bounded(0, 1000, 'particles per wafer').optional(),
  particleRateFactor: bounded(0, 100, '(factor)').optional(),
  overlayDrift: overlayDriftSchema.optional(),
  alignNoiseFactor: bounded(0, 100, '(factor)').optional(),
  edgeVoidProbability: bounded(0, 1, '(probability)').optional(),
  timeFactor: bounded(0.1, 100, '(factor)').optional(),
  activeS: bounded(1, 30 * 86_400, 's').optional(),
});

const faultPointSchema = z.strictObject({
  id: faultIdSchema,
  name: asciiText(60),
  text: asciiText(ALARM_TEXT_MAX),
  severity: z.enum(['info', 'warning', 'error', 'critical']),
  detection: z.enum(['sensor', 'interlock', 'timeout', 'metrology', 'none']),
  recovery: z.enum(['auto-retry', 'operator-clear', 'maintenance']),
  recoveryS: bounded(0, 7 * 86_400, 's'),
  alarm: z
    .strictObject({
      alid: integer(1, ALID_MAX),
      // E5 ALCD categories 1..8 (1 personal safety .. 8 data integrity); see fault-source.ts.
      alcd: integer(1, 8),
    })
    .optional(),
  effect: effectSchema,
});

const pointList = z.array(faultPointSchema).optional();

/** The catalogue file: a version and the points grouped by module kind. */
export const catalogueFileSchema = z.strictObject({
  version: z.literal(1),
  points: z.strictObject({
    loadport: pointList,
    robot: pointList,
    prealigner: pointList,
    plasma: pointList,
    clean: pointList,
    flipper: pointList,
    bonder: pointList,
    inspection: pointList,
  }),
});

export type CatalogueFile = z.output<typeof catalogueFileSchema>;
export type FaultPointEntry = z.output<typeof faultPointSchema>;
