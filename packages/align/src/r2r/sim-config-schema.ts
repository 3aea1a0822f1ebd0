// A run-to-run simulation configuration as a YAML or JSON file writes it, as a zod schema: defaults,
// plausible ranges, and the checks that involve several keys (lastN and maintenance within the runs,
// the size of the whole simulation).
import { hasInvisible, nameSchema, shown } from '@bondline/core';
import { z } from 'zod';
import { boundedNumber, controllerConfigSchema, R2R_LIMITS } from './controller-config.js';
import type { SimConfig } from './simulate.js';

/** Size limits of a simulation: every run of every correctable is kept (rows and audit records). */
export const SIM_LIMITS = {
  runs: 100_000,
  /** Runs × correctables: the rows and audit records a simulation keeps. */
  steps: 400_000,
  correctables: 64,
  nameChars: 40,
  /** Characters of the configuration text (the example has 1 600; 64 correctables need about 20 000). */
  textChars: 256 * 1024,
} as const;

const value = boundedNumber(R2R_LIMITS.value);

const processSchema = z.strictObject({
  offset: value.default(0),
  drift: value.default(0),
  noise: boundedNumber(R2R_LIMITS.value, true).default(0),
  gain: boundedNumber(R2R_LIMITS.gain).default(1),
  maintenanceStep: value.default(0),
});

const DEFAULT_CONTEXT = { tool: 'sim', chamber: 'A', product: 'P1', layer: 'L1' };
const part = nameSchema(100);
const contextSchema = z.strictObject({
  tool: part.default(DEFAULT_CONTEXT.tool),
  chamber: part.default(DEFAULT_CONTEXT.chamber),
  product: part.default(DEFAULT_CONTEXT.product),
  layer: part.default(DEFAULT_CONTEXT.layer),
});

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The simulation file: runs 50 (at most 100 000), seed 1, lastN min(20, runs), context
 * 'sim/A/P1/L1', no maintenance; per correctable `process` {offset, drift 0, noise 0, gain 1,
 * maintenanceStep 0} and `controller` (see `controllerConfigSchema`).
 */
export const simConfigSchema = z
  .strictObject({
    runs: int(1, SIM_LIMITS.runs).default(50),
    seed: int(0, 2 ** 32 - 1).default(1),
    lastN: int(1, SIM_LIMITS.runs).optional(),
    context: contextSchema.default(DEFAULT_CONTEXT),
    maintenance: z.array(int(1, SIM_LIMITS.runs)).max(SIM_LIMITS.runs).default([]),
    correctables: z
      .record(z.string(), z.strictObject({ process: processSchema, controller: controllerConfigSchema }))
      .refine((r) => Object.keys(r).length > 0, {
        error: 'must name at least one correctable',
        params: { code: 'missing' },
      }),
  })
  .check(
    z.superRefine(
      (raw, ctx) => {
        // Runs even when another key is bad (`when`), so a file's problems are all named at once;
        // each value is checked for its type before use.
        const c = raw as Record<string, unknown>;
        const runs = typeof c.runs === 'number' && Number.isInteger(c.runs) ? c.runs : undefined;
        const add = (path: PropertyKey[], message: string, input: unknown, code = 'out-of-range') =>
          ctx.addIssue({ code: 'custom', path, message, input, params: { code } });
        if (runs !== undefined && typeof c.lastN === 'number' && c.lastN > runs) {
          add(['lastN'], `${c.lastN} is more than the ${runs} runs`, c.lastN);
        }
        if (runs !== undefined && Array.isArray(c.maintenance)) {
          c.maintenance.forEach((m: unknown, i) => {
            if (typeof m === 'number' && m > runs)
              add(['maintenance', i], `run ${m} is after the last run ${runs}`, m);
          });
        }
        const names =
          typeof c.correctables === 'object' && c.correctables !== null ? Object.keys(c.correctables) : [];
        for (const name of names) {
          if (name.trim() === '' || name.length > SIM_LIMITS.nameChars || hasInvisible(name)) {
            add(
              ['correctables', name],
              `the name ${shown(name)} must be 1 to ${SIM_LIMITS.nameChars} visible characters`,
              name,
              'invalid-value',
            );
          }
        }
        if (names.length > SIM_LIMITS.correctables) {
          add(
            ['correctables'],
            `${names.length} correctables; at most ${SIM_LIMITS.correctables} allowed`,
            names.length,
          );
        } else if (runs !== undefined && runs * names.length > SIM_LIMITS.steps) {
          add(
            ['runs'],
            `${runs} runs of ${names.length} correctables are ${runs * names.length} steps; at most ${SIM_LIMITS.steps} are kept`,
            runs,
          );
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  )
  .transform(
    (c): SimConfig => ({
      runs: c.runs,
      seed: c.seed,
      lastN: c.lastN ?? Math.min(20, c.runs),
      context: c.context,
      maintenance: c.maintenance,
      correctables: c.correctables,
    }),
  );
