// The zod schema of an equipment model file (YAML or JSON): every section, its fields, their types,
// ranges and defaults. What needs the whole model (ids declared twice, references between sections,
// builtin types) is checked afterwards on the typed result (model-references.ts, builtin-types.ts).

import { z } from 'zod';
import type { ControlState } from '../state/control-state.js';
import {
  alarmSchema,
  boundedText,
  choice,
  constantSchema,
  eventSchema,
  id,
  integer,
  limitVariableSchema,
  remoteCommandSchema,
  U4_MAX,
  variableSchema,
} from './model-entry-schemas.js';

const CONTROL_STATES: readonly ControlState[] = [
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
];

const controlSchema = z.strictObject({
  initial: choice(CONTROL_STATES)
    .refine((s) => s !== 'attempt-online', {
      message: 'the control state cannot start in attempt-online',
      params: { code: 'out-of-range' },
    })
    .default('equipment-offline'),
  onlineFailed: choice(['equipment-offline', 'host-offline'] as const).default('equipment-offline'),
  remote: z.boolean().default(false),
  events: z.strictObject(Object.fromEntries(CONTROL_STATES.map((s) => [s, id().optional()]))).default({}),
});

const processingSchema = z.strictObject({
  states: z.array(z.string()).refine((s) => s.length > 0, {
    message: 'declare at least one state',
    params: { code: 'missing' },
  }),
  /** Default: the first state. */
  initial: z.string().optional(),
  transitions: z
    .array(z.strictObject({ from: z.string(), on: z.string(), to: z.string(), ceid: id().optional() }))
    .default([]),
});

const spoolSchema = z.strictObject({
  maxMessages: integer(1, U4_MAX).default(100_000),
  maxBytes: integer(1, Number.MAX_SAFE_INTEGER).default(256 << 20),
  activatedCeid: id().optional(),
  deactivatedCeid: id().optional(),
});

const processProgramsSchema = z.strictObject({
  directory: z.string().default('recipes'),
  maxBytes: integer(1, 2 ** 31).default(1 << 20),
  changeCeid: id().optional(),
});

const limitsSchema = z.strictObject({ ceid: id(), variables: z.array(limitVariableSchema) });

/** The whole file. */
export const modelSchema = z.strictObject({
  mdln: boundedText(20, 'MDLN'),
  softrev: boundedText(20, 'SOFTREV'),
  deviceId: integer(0, 32767).default(0),
  communication: z.strictObject({ establishRetryS: integer(1, 240).default(10) }).prefault({}),
  control: controlSchema.prefault({}),
  processing: processingSchema,
  statusVariables: z.array(variableSchema).default([]),
  dataVariables: z.array(variableSchema).default([]),
  equipmentConstants: z.array(constantSchema).default([]),
  constantChangedCeid: id().optional(),
  events: z.array(eventSchema).default([]),
  alarms: z.array(alarmSchema).default([]),
  remoteCommands: z.array(remoteCommandSchema).default([]),
  processPrograms: processProgramsSchema.prefault({}),
  limits: limitsSchema.optional(),
  spool: spoolSchema.prefault({}),
});

export type ModelFile = z.output<typeof modelSchema>;

/**
 * The keys each mapping of the file may have, by the key path of the mapping with list indices left
 * out (`equipmentConstants[]`), for the hint of an unknown key.
 */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(modelSchema.shape),
  communication: ['establishRetryS'],
  control: Object.keys(controlSchema.shape),
  'control.events': CONTROL_STATES,
  processing: Object.keys(processingSchema.shape),
  'processing.transitions[]': ['from', 'on', 'to', 'ceid'],
  'statusVariables[]': Object.keys(variableSchema.shape),
  'dataVariables[]': Object.keys(variableSchema.shape),
  'equipmentConstants[]': Object.keys(constantSchema.shape),
  'events[]': Object.keys(eventSchema.shape),
  'alarms[]': Object.keys(alarmSchema.shape),
  'remoteCommands[]': Object.keys(remoteCommandSchema.shape),
  'remoteCommands[].params[]': ['name', 'type', 'required'],
  processPrograms: Object.keys(processProgramsSchema.shape),
  limits: Object.keys(limitsSchema.shape),
  'limits.variables[]': Object.keys(limitVariableSchema.shape),
  spool: Object.keys(spoolSchema.shape),
};
