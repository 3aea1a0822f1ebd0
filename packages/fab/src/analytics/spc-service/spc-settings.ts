// The `spc:` block of the fab configuration (docs/fab.md §8.6): whether the running SPC service
// charts, how many points the first phase's baseline takes, the chart kind and rules of each
// parameter, spec limits, and parameters added from any collected event variable. Validated with the
// rest of the file, every bad field named by its path (`spc.parameters[2].chart.lambda`).
import { z } from 'zod';
import { chartSettingsSchema } from '../spc/chart-settings.js';

/** The parameters charted by default, from each pair's stored analysis and its bond step. */
export const DEFAULT_SPC_PARAMETERS = [
  'yield',
  'tx',
  'ty',
  'rotation',
  'magnification',
  'residualX3s',
  'residualY3s',
  'voidCount',
  'bondForce',
  'chamberPressure',
] as const;

/** The overlay parameters: an open violation on one of them holds the context's R2R. */
export const OVERLAY_SPC_PARAMETERS: readonly string[] = [
  'tx',
  'ty',
  'rotation',
  'magnification',
  'residualX3s',
  'residualY3s',
];

/** Where bond force and chamber pressure come from: the tool's bond step (docs/tool.md §8). */
const BOND_STEP_VARIABLES: Readonly<Record<'bondForce' | 'chamberPressure', EventVariable>> = {
  bondForce: { event: 'BonderStepEnded', variable: 'StepBondForce' },
  chamberPressure: { event: 'BonderStepEnded', variable: 'StepChamberPressure' },
};

export interface EventVariable {
  readonly event: string;
  readonly variable: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const nameSchema = z
  .string()
  .regex(NAME, 'a parameter name: 1 to 64 of A-Z a-z 0-9 _ -, starting with a letter');
const gemName = z.string().min(1).max(100);
const baselinePoints = z.number().int().min(2).max(100_000);

const specSchema = z
  .strictObject({
    lsl: z.number().finite().optional(),
    usl: z.number().finite().optional(),
    target: z.number().finite().optional(),
  })
  .refine((s) => s.lsl === undefined || s.usl === undefined || s.lsl < s.usl, {
    message: 'lsl must be below usl',
    path: ['usl'],
    params: { code: 'out-of-range' },
  });

const parameterSchema = z.strictObject({
  /** A default parameter's name to change its chart, or a new name (then `event` and `variable`). */
  name: nameSchema,
  /** The event (CENAME) whose report carries the value; it must name the pair or its wafers. */
  event: gemName.optional(),
  variable: gemName.optional(),
  chart: chartSettingsSchema.optional(),
  spec: specSchema.optional(),
  baselinePoints: baselinePoints.optional(),
});

export const spcSettingsSchema = z
  .strictObject({
    /** Default true where the block is given; `fab up --demo` charts without one. */
    enabled: z.boolean().default(true),
    /** Points the first phase's limits are computed on, then frozen (default 25). */
    baselinePoints: baselinePoints.default(25),
    /** The chart of every parameter that names none (default I-MR with the Western Electric rules). */
    chart: chartSettingsSchema.prefault({ kind: 'imr' }),
    /** Chart the default parameters (default true). */
    defaults: z.boolean().default(true),
    parameters: z.array(parameterSchema).max(200).default([]),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.parameters.forEach((p, i) => {
      if (seen.has(p.name))
        ctx.addIssue({
          code: 'custom',
          message: `parameter ${p.name} is listed twice`,
          path: ['parameters', i, 'name'],
          params: { code: 'duplicate' },
        });
      seen.add(p.name);
      const builtIn = (DEFAULT_SPC_PARAMETERS as readonly string[]).includes(p.name);
      if (!builtIn && (p.event === undefined || p.variable === undefined))
        ctx.addIssue({
          code: 'custom',
          message: `${p.name} is not a default parameter (${DEFAULT_SPC_PARAMETERS.join(', ')}): give event and variable`,
          path: ['parameters', i, p.event === undefined ? 'event' : 'variable'],
          params: { code: 'missing' },
        });
      const sg = p.chart ?? s.chart;
      if (sg.kind === 'xbar-r' || sg.kind === 'xbar-s')
        ctx.addIssue({
          code: 'custom',
          message: 'each pair gives one value: use imr, ewma or cusum (subgroup charts are for the library)',
          path: p.chart === undefined ? ['chart', 'kind'] : ['parameters', i, 'chart', 'kind'],
          params: { code: 'invalid-value' },
        });
    });
  });

export type SpcSettingsFile = z.output<typeof spcSettingsSchema>;
type SpcChartSettings = z.output<typeof chartSettingsSchema>;

/** One parameter as the service charts it. */
export interface SpcParameter {
  readonly name: string;
  /** Absent: taken from the pair's analysis. */
  readonly source?: EventVariable;
  readonly chart: SpcChartSettings;
  readonly spec?: { readonly lsl?: number; readonly usl?: number; readonly target?: number };
  readonly baselinePoints: number;
}

/** The parameters charted: the defaults (unless turned off), changed or added by `parameters`. */
export function spcParameters(s: SpcSettingsFile): SpcParameter[] {
  const out = new Map<string, SpcParameter>();
  if (s.defaults)
    for (const name of DEFAULT_SPC_PARAMETERS) {
      const source = builtInSource(name);
      out.set(name, {
        name,
        ...(source === undefined ? {} : { source }),
        chart: s.chart,
        baselinePoints: s.baselinePoints,
      });
    }
  for (const p of s.parameters) {
    const base = out.get(p.name);
    const source =
      p.event !== undefined && p.variable !== undefined
        ? { event: p.event, variable: p.variable }
        : (base?.source ?? builtInSource(p.name));
    const spec = p.spec === undefined ? undefined : withoutUndefined(p.spec);
    out.set(p.name, {
      name: p.name,
      ...(source === undefined ? {} : { source }),
      chart: p.chart ?? s.chart,
      ...(spec === undefined ? {} : { spec }),
      baselinePoints: p.baselinePoints ?? s.baselinePoints,
    });
  }
  return [...out.values()];
}

function withoutUndefined(s: {
  lsl?: number | undefined;
  usl?: number | undefined;
  target?: number | undefined;
}) {
  return {
    ...(s.lsl === undefined ? {} : { lsl: s.lsl }),
    ...(s.usl === undefined ? {} : { usl: s.usl }),
    ...(s.target === undefined ? {} : { target: s.target }),
  };
}

function builtInSource(name: string): EventVariable | undefined {
  return name === 'bondForce' || name === 'chamberPressure' ? BOND_STEP_VARIABLES[name] : undefined;
}
