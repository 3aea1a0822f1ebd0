// The tool configuration file as written (examples/tool/tool.yaml): every key validated here, paths
// still relative to the file. tool-config.ts resolves the paths and loads what they name.
import { nameSchema } from '@bondline/core';
import { z } from 'zod';
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import { isRecipeName } from '../recipe/recipe-schema.js';
import { twinParamsSchema } from '../sim/twin-params.js';

/** A module id: it names the module in events, alarms, histories and GEM variable names. */
const MODULE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

const moduleIdSchema = z.string().superRefine((v, ctx) => {
  if (!MODULE_ID.test(v))
    ctx.addIssue({
      code: 'custom',
      input: v,
      params: { code: 'invalid-value' },
      message: `${JSON.stringify(v)} is not a module id: 1 to 32 characters of A-Z a-z 0-9 _ -, starting with a letter`,
    });
});

const pathSchema = z.string().min(1);

const moduleSchema = z.strictObject({ id: moduleIdSchema, kind: z.enum(MODULE_KINDS) });

/** How many modules of each kind a tool must have: [fewest, most]. */
const KIND_COUNTS: Record<ModuleKind, readonly [number, number]> = {
  loadport: [3, Number.POSITIVE_INFINITY],
  robot: [1, 1],
  prealigner: [1, Number.POSITIVE_INFINITY],
  plasma: [1, Number.POSITIVE_INFINITY],
  clean: [1, Number.POSITIVE_INFINITY],
  flipper: [1, Number.POSITIVE_INFINITY],
  bonder: [1, Number.POSITIVE_INFINITY],
  inspection: [1, Number.POSITIVE_INFINITY],
};

/**
 * The module list: unique ids; three or more load ports (top carrier, bottom carrier, stack
 * carrier), exactly one dual-arm robot (the scheduler plans one robot), one or more of every other kind.
 */
const modulesSchema = z
  .array(moduleSchema)
  .max(64)
  .superRefine((modules, ctx) => {
    const firstAt = new Map<string, number>();
    modules.forEach((m, i) => {
      const first = firstAt.get(m.id);
      if (first === undefined) firstAt.set(m.id, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          params: { code: 'duplicate-id' },
          message: `${m.id} is already the id of modules[${first}]; module ids must be unique`,
        });
    });
    for (const kind of MODULE_KINDS) {
      const n = modules.filter((m) => m.kind === kind).length;
      const [fewest, most] = KIND_COUNTS[kind];
      if (n >= fewest && n <= most) continue;
      const need = fewest === most ? `exactly ${fewest}` : `at least ${fewest}`;
      ctx.addIssue({
        code: 'custom',
        params: { code: 'module-count' },
        message: `has ${n} ${kind} module${n === 1 ? '' : 's'}; a tool needs ${need}`,
      });
    }
  });

/** Schema of a tool configuration file (examples/tool/tool.yaml writes out every key). */
export const toolConfigFileSchema = z.strictObject({
  tool: z.strictObject({
    id: nameSchema(40),
    name: nameSchema(100),
    maker: nameSchema(100),
    model: nameSchema(100),
    softwareRevision: nameSchema(40),
  }),
  modules: modulesSchema,
  /** Slots per carrier (25 for a FOUP). */
  carrierSlots: z.number().int().min(1).max(50).default(25),
  /** A @bondline/physics bond configuration, relative to this file. */
  bond: pathSchema,
  twin: twinParamsSchema.prefault({}),
  faults: z.strictObject({
    /** The fault catalogue, relative to this file. */
    catalogue: pathSchema,
    /** A profile name, or a .yaml/.yml file relative to this file. */
    profile: nameSchema(200),
  }),
  /** Directory the recipe store is seeded from, relative to this file. */
  recipeSeeds: pathSchema,
  defaultRecipe: z.string().superRefine((v, ctx) => {
    if (!isRecipeName(v))
      ctx.addIssue({
        code: 'custom',
        input: v,
        params: { code: 'invalid-value' },
        message: `${JSON.stringify(v)} is not a recipe name: 1 to 80 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit`,
      });
  }),
  /** Wafers a plasma or clean module processes between scheduled maintenances. */
  maintenanceEveryWafers: z.number().int().min(1).max(1_000_000),
  gem: z
    .strictObject({
      deviceId: z.number().int().min(0).max(32767).default(0),
      port: z.number().int().min(0).max(65535).default(5000),
    })
    .prefault({}),
});
