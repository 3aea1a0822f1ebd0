// What kind of chart a series gets and its parameters, validated with zod so that a bad value in a
// configuration is named by its path (docs/fab.md §8.1).
import { parseWithSchema, type Result } from '@bondline/core';
import { z } from 'zod';
import { ruleConfigSchema } from './rule-config.js';
import { MAX_SUBGROUP_SIZE, MIN_SUBGROUP_SIZE } from './spc-constants.js';

const subgroupSize = z.number().int().min(MIN_SUBGROUP_SIZE).max(MAX_SUBGROUP_SIZE);

/** The individuals / moving range chart. */
export const imrSettingsSchema = z.strictObject({ kind: z.literal('imr'), rules: ruleConfigSchema });

/** The EWMA chart of individual values. */
export const ewmaSettingsSchema = z.strictObject({
  kind: z.literal('ewma'),
  /** Weight of the newest point, 0 < λ ≤ 1 (λ = 1 is the individuals chart). */
  lambda: z.number().gt(0).max(1).default(0.2),
  /** Width of the limits in standard deviations of the EWMA statistic. */
  L: z.number().gt(0).max(10).default(3),
});

/** The tabular CUSUM of individual values. */
export const cusumSettingsSchema = z.strictObject({
  kind: z.literal('cusum'),
  /** Reference value (allowance) in process sigmas: half the shift to detect. */
  k: z.number().min(0).max(10).default(0.5),
  /** Decision interval in process sigmas. */
  h: z.number().gt(0).max(100).default(5),
});

/** Chart settings: the kind, its parameters and (for Shewhart charts) the run rules. */
export const chartSettingsSchema = z.discriminatedUnion('kind', [
  imrSettingsSchema,
  z.strictObject({ kind: z.literal('xbar-r'), subgroupSize, rules: ruleConfigSchema }),
  z.strictObject({ kind: z.literal('xbar-s'), subgroupSize, rules: ruleConfigSchema }),
  ewmaSettingsSchema,
  cusumSettingsSchema,
]);

export type ChartSettings = z.output<typeof chartSettingsSchema>;
export type ChartSettingsInput = z.input<typeof chartSettingsSchema>;
export type ChartKind = ChartSettings['kind'];

/** Validate chart settings (from a configuration or a request); every bad field named by path. */
export function parseChartSettings(input: unknown): Result<ChartSettings> {
  return parseWithSchema(chartSettingsSchema, input);
}

/** Whether the chart plots subgroups (X-bar R / X-bar S) rather than individual values. */
export function isSubgrouped(s: ChartSettings): s is Extract<ChartSettings, { kind: 'xbar-r' | 'xbar-s' }> {
  return s.kind === 'xbar-r' || s.kind === 'xbar-s';
}
