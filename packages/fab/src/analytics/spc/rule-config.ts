// Which run rules a chart applies and with what run lengths: Western Electric (we1–we4) and
// Nelson (nelson1–nelson8), each on or off with its counts as parameters (docs/fab.md §8.2).
import { z } from 'zod';

const runLength = (d: number) => z.number().int().min(2).max(100).default(d);

const onOff = (enabled: boolean) => z.boolean().default(enabled);

/** k of the last m points beyond a zone, on one side; k ≤ m is checked below. */
/** k of m points; m at most 30 (the rules keep the last m points as the bits of one integer). */
const kOfM = (enabled: boolean, count: number, of: number) =>
  z
    .strictObject({
      enabled: onOff(enabled),
      count: z.number().int().min(1).max(30).default(count),
      of: z.number().int().min(2).max(30).default(of),
    })
    .refine((r) => r.count <= r.of, {
      message: 'count must not exceed of (k of m points)',
      path: ['count'],
      params: { code: 'out-of-range' },
    })
    .prefault({});

const run = (enabled: boolean, length: number) =>
  z.strictObject({ enabled: onOff(enabled), run: runLength(length) }).prefault({});

const single = (enabled: boolean) => z.strictObject({ enabled: onOff(enabled) }).prefault({});

/**
 * The rule settings. Defaults: the four Western Electric rules on, the Nelson rules off (they
 * repeat WE 1–3 and would report the same points twice); turn on what a chart needs.
 */
export const ruleConfigSchema = z
  .strictObject({
    we1: single(true),
    we2: kOfM(true, 2, 3),
    we3: kOfM(true, 4, 5),
    we4: run(true, 8),
    nelson1: single(false),
    nelson2: run(false, 9),
    nelson3: run(false, 6),
    nelson4: run(false, 14),
    nelson5: kOfM(false, 2, 3),
    nelson6: kOfM(false, 4, 5),
    nelson7: run(false, 15),
    nelson8: z
      .strictObject({ enabled: onOff(false), run: runLength(8), bothSides: z.boolean().default(false) })
      .prefault({}),
  })
  .prefault({});

/** Rule settings with every default filled in. */
export type RuleConfig = z.output<typeof ruleConfigSchema>;
/** Rule settings as written in a configuration: every key optional. */
export type RuleConfigInput = z.input<typeof ruleConfigSchema>;

/** The id of a run rule. */
export type RunRuleId = keyof RuleConfig;

/** A configuration with every rule on (Western Electric and Nelson, default counts). */
export function allRulesOn(): RuleConfig {
  const c = ruleConfigSchema.parse({});
  return {
    we1: { enabled: true },
    we2: { ...c.we2, enabled: true },
    we3: { ...c.we3, enabled: true },
    we4: { ...c.we4, enabled: true },
    nelson1: { enabled: true },
    nelson2: { ...c.nelson2, enabled: true },
    nelson3: { ...c.nelson3, enabled: true },
    nelson4: { ...c.nelson4, enabled: true },
    nelson5: { ...c.nelson5, enabled: true },
    nelson6: { ...c.nelson6, enabled: true },
    nelson7: { ...c.nelson7, enabled: true },
    nelson8: { ...c.nelson8, enabled: true },
  };
}
