// The `r2r:` block of the fab configuration (docs/fab.md §10): whether the fab's run-to-run loop
// runs, its EWMA settings, deadband and largest step per run of each correctable, the constants the
// tool takes them in, and per-context overrides. Validated with the rest of the file.
import { z } from 'zod';

/** The correctables of a bonder's aligner (align's correctablesFromFit): nm, nm, µrad, ppm. */
export const R2R_TERMS = ['Tx', 'Ty', 'Rot', 'Mag'] as const;
export type R2rTerm = (typeof R2R_TERMS)[number];
export type PerTerm = Record<R2rTerm, number>;

/**
 * The aligner's R2R offset constants of a Bondline bonder (docs/tool.md §7, ECIDs 2001-2004). The stage
 * subtracts them from the pair's overlay, so the process gain of each is -1.
 */
export const BONDLINE_R2R_CONSTANTS: Readonly<Record<R2rTerm, string>> = {
  Tx: 'R2R_TX_NM',
  Ty: 'R2R_TY_NM',
  Rot: 'R2R_ROT_URAD',
  Mag: 'R2R_MAG_PPM',
};

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const idSchema = z.string().regex(ID, 'an id: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit');
/** |values| far past any bonder (1 mm, 100 % scale) are a unit mistake. */
const MAX_VALUE = 1e6;
const nonNegative = z.number().min(0).max(MAX_VALUE);
const weight = z.number().gt(0).max(1);

const perTermSchema = z.strictObject({
  Tx: nonNegative.optional(),
  Ty: nonNegative.optional(),
  Rot: nonNegative.optional(),
  Mag: nonNegative.optional(),
});

const controllerSchema = z.strictObject({
  /** 'ewma': offset only; 'dewma': offset and drift (double EWMA). */
  kind: z.enum(['ewma', 'dewma']).optional(),
  /** Offset weight, 0 < w ≤ 1. */
  w: weight.optional(),
  /** Drift weight, 0 < w2 ≤ 1 (dewma only). */
  w2: weight.optional(),
  /**
   * Model gain: overlay change per unit of offset. -1 for a Bondline bonder, whose stage subtracts the
   * offsets; |gain| from 0.01 to 100.
   */
  gain: z
    .number()
    .min(-100)
    .max(100)
    .refine((v) => Math.abs(v) >= 0.01, {
      message: 'must be at least 0.01 in size',
      params: { code: 'out-of-range' },
    })
    .optional(),
});

const contextSchema = z.strictObject({
  tool: idSchema,
  /** A recipe name; absent: every recipe of the tool. */
  recipe: z.string().min(1).max(200).optional(),
  product: idSchema.optional(),
  controller: controllerSchema.optional(),
  deadband: perTermSchema.optional(),
  maxStep: perTermSchema.optional(),
  /** Start held (nothing sent until released through the API). */
  hold: z.boolean().optional(),
});

export const r2rSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** The product of every context (the store keeps no product per pair). */
    product: idSchema.default('default'),
    controller: controllerSchema.default({}),
    /** A change smaller than this (per term) is not sent. */
    deadband: perTermSchema.default({}),
    /** The largest change sent after one pair (per term). */
    maxStep: perTermSchema.default({}),
    /** Robust pass of the 4-term fit, robust sigmas. */
    robustK: z.number().min(1).max(100).default(4),
    contexts: z.array(contextSchema).max(10_000).default([]),
  })
  .superRefine((s, ctx) => {
    const check = (c: z.output<typeof controllerSchema>, path: (string | number)[]): void => {
      if (c.kind === 'dewma' && c.w2 === undefined && s.controller.w2 === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'w2'],
          params: { code: 'missing' },
          message: "is required with kind 'dewma'",
        });
    };
    check(s.controller, ['controller']);
    s.contexts.forEach((c, i) => {
      if (c.controller !== undefined)
        check({ ...s.controller, ...c.controller }, ['contexts', i, 'controller']);
    });
  });

export type R2rSettingsFile = z.output<typeof r2rSettingsSchema>;

/** One context's settings, every default filled in. */
export interface ContextSettings {
  readonly kind: 'ewma' | 'dewma';
  readonly w: number;
  readonly w2: number;
  readonly gain: number;
  readonly deadband: PerTerm;
  readonly maxStep: PerTerm;
  readonly holdAtStart: boolean;
}

/** Defaults: EWMA w 0.5; deadband 2 nm, 0.02 µrad, 0.02 ppm; at most 200 nm, 2 µrad, 2 ppm a run. */
const DEFAULT_DEADBAND: PerTerm = { Tx: 2, Ty: 2, Rot: 0.02, Mag: 0.02 };
const DEFAULT_MAX_STEP: PerTerm = { Tx: 200, Ty: 200, Rot: 2, Mag: 2 };

/** The settings of context (tool, recipe): the file's, then its first matching `contexts` entry. */
export function contextSettings(s: R2rSettingsFile, toolId: string, recipe: string): ContextSettings {
  const o = s.contexts.find((c) => c.tool === toolId && (c.recipe === undefined || c.recipe === recipe));
  const ctl = { ...s.controller, ...o?.controller };
  return {
    kind: ctl.kind ?? 'ewma',
    w: ctl.w ?? 0.5,
    w2: ctl.w2 ?? 0.3,
    gain: ctl.gain ?? -1,
    deadband: merged(DEFAULT_DEADBAND, s.deadband, o?.deadband),
    maxStep: merged(DEFAULT_MAX_STEP, s.maxStep, o?.maxStep),
    holdAtStart: o?.hold ?? false,
  };
}

function merged(...layers: (Partial<Record<R2rTerm, number | undefined>> | undefined)[]): PerTerm {
  const out = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };
  for (const l of layers) for (const t of R2R_TERMS) out[t] = l?.[t] ?? out[t];
  return out;
}

/** The product of context (tool, recipe). */
export function contextProduct(s: R2rSettingsFile, toolId: string, recipe: string): string {
  const o = s.contexts.find((c) => c.tool === toolId && (c.recipe === undefined || c.recipe === recipe));
  return o?.product ?? s.product;
}
