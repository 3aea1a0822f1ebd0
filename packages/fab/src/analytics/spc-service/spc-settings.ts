// The `spc:` block of the fab configuration (docs/fab.md §8.6): whether the running SPC service
// charts, how many points the first phase's baseline takes, the chart kind and rules of each
// parameter, its subgroup (X-bar R / X-bar S: n consecutive pairs of a context), spec limits, and
// parameters added from any collected event variable. Validated with the rest of the file, every bad
// field named by its path (`spc.parameters[2].chart.lambda`).
import { z } from 'zod';
import {
  type ChartSettings,
  cusumSettingsSchema,
  ewmaSettingsSchema,
  imrSettingsSchema,
} from '../spc/chart-settings.js';
import { ruleConfigSchema } from '../spc/rule-config.js';

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

/**
 * Subgroup sizes the service takes: Montgomery's Appendix VI (Introduction to Statistical Quality
 * Control, 7th ed.) tabulates the chart constants to n = 25, and rational subgroups of pairs are small
 * (4 or 5 is usual); the library itself computes them to 50.
 */
const MAX_SERVICE_SUBGROUP = 25;

/**
 * How a parameter's observations form subgroups. `pairs`: `size` consecutive pairs of the chart's
 * context, the chart getting a point when the subgroup is full. `sites` (a pair's overlay sites) is
 * named so that it is refused with the reason (docs/fab.md §8.6): the stored analysis holds only the
 * fit's per-site residuals, whose mean is 0 by construction, and sites of one pair are not a rational
 * subgroup.
 */
const subgroupSchema = z.strictObject({
  by: z.enum(['pairs', 'sites']),
  size: z.number().int().min(2).max(MAX_SERVICE_SUBGROUP),
});

/** The chart kinds of the library; a subgrouped one may leave its size to `subgroup`. */
const subgroupSize = z.number().int().min(2).max(MAX_SERVICE_SUBGROUP).optional();
const serviceChartSchema = z.discriminatedUnion('kind', [
  imrSettingsSchema,
  z.strictObject({ kind: z.literal('xbar-r'), subgroupSize, rules: ruleConfigSchema }),
  z.strictObject({ kind: z.literal('xbar-s'), subgroupSize, rules: ruleConfigSchema }),
  ewmaSettingsSchema,
  cusumSettingsSchema,
]);
type ServiceChart = z.output<typeof serviceChartSchema>;
type SubgroupFile = z.output<typeof subgroupSchema>;

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
  chart: serviceChartSchema.optional(),
  /** For xbar-r / xbar-s: `{ by: pairs, size }` (default the block's `subgroup`). */
  subgroup: subgroupSchema.optional(),
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
    chart: serviceChartSchema.prefault({ kind: 'imr' }),
    /** The subgroup of every xbar-r / xbar-s parameter that names none. */
    subgroup: subgroupSchema.optional(),
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
      // A parameter with neither its own chart nor its own subgroup is the block's: checked once below.
      if (p.chart === undefined && p.subgroup === undefined) return;
      const chartAt = (...rest: Path) =>
        p.chart === undefined ? ['chart', ...rest] : ['parameters', i, 'chart', ...rest];
      const found = subgroupIssues(
        p.chart ?? s.chart,
        p.subgroup ?? s.subgroup,
        ['parameters', i],
        p.subgroup !== undefined,
        chartAt,
      );
      for (const x of found) ctx.addIssue({ ...x });
    });
    const block = subgroupIssues(s.chart, s.subgroup, [], false, (...rest) => ['chart', ...rest]);
    for (const x of block) ctx.addIssue({ ...x });
    // The block's subgroup is the default of every xbar parameter: refused here even when none uses it.
    if (s.subgroup?.by === 'sites') ctx.addIssue({ ...sitesRefused(['subgroup', 'by']) });
  });

type Path = (string | number)[];
interface SettingsIssue {
  code: 'custom';
  message: string;
  path: Path;
  params: { code: string };
}

function sitesRefused(path: Path): SettingsIssue {
  return {
    code: 'custom',
    message:
      "by: sites is not supported: the stored pair analysis holds the fit's per-site residuals, whose mean is 0 by construction, and the sites of one pair are not a rational subgroup (their spread is the overlay model's pattern, not the pair-to-pair variation): use by: pairs (docs/fab.md §8.6)",
    path,
    params: { code: 'invalid-value' },
  };
}

/**
 * The cross-field checks of a chart and its subgroup. `where` is the parameter's path (empty for the
 * block's own chart); `own` whether the subgroup was given there rather than taken from the block.
 */
function subgroupIssues(
  chart: ServiceChart,
  subgroup: SubgroupFile | undefined,
  where: Path,
  own: boolean,
  chartAt: (...rest: Path) => Path,
): SettingsIssue[] {
  if (chart.kind !== 'xbar-r' && chart.kind !== 'xbar-s') {
    // The block's subgroup is only the default of xbar parameters; a parameter's own is wrong here.
    if (!own) return [];
    return [
      {
        code: 'custom',
        message: `a subgroup is for xbar-r and xbar-s charts; a ${chart.kind} chart takes one value per pair`,
        path: [...where, 'subgroup'],
        params: { code: 'invalid-value' },
      },
    ];
  }
  if (subgroup === undefined)
    return [
      {
        code: 'custom',
        message: `an ${chart.kind} chart needs a subgroup: { by: pairs, size: 2..${MAX_SERVICE_SUBGROUP} }`,
        path: [...where, 'subgroup'],
        params: { code: 'missing' },
      },
    ];
  if (subgroup.by === 'sites') return own ? [sitesRefused([...where, 'subgroup', 'by'])] : [];
  if (chart.subgroupSize !== undefined && chart.subgroupSize !== subgroup.size)
    return [
      {
        code: 'custom',
        message: `subgroupSize ${chart.subgroupSize} differs from subgroup.size ${subgroup.size}: give the size once, in subgroup`,
        path: chartAt('subgroupSize'),
        params: { code: 'invalid-value' },
      },
    ];
  return [];
}

export type SpcSettingsFile = z.output<typeof spcSettingsSchema>;

/** One parameter as the service charts it. */
export interface SpcParameter {
  readonly name: string;
  /** Absent: taken from the pair's analysis. */
  readonly source?: EventVariable;
  /** The library's settings; a subgrouped chart's `subgroupSize` is the subgroup's size. */
  readonly chart: ChartSettings;
  /** X-bar R / X-bar S: `size` consecutive pairs of the context form one subgroup (one chart point). */
  readonly subgroup?: SpcSubgroup;
  readonly spec?: { readonly lsl?: number; readonly usl?: number; readonly target?: number };
  readonly baselinePoints: number;
}

interface SpcSubgroup {
  readonly by: 'pairs';
  readonly size: number;
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
        ...charted(s.chart, s.subgroup),
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
      ...charted(p.chart ?? s.chart, p.subgroup ?? s.subgroup),
      ...(spec === undefined ? {} : { spec }),
      baselinePoints: p.baselinePoints ?? s.baselinePoints,
    });
  }
  return [...out.values()];
}

/** The library's chart settings and the subgroup, from a validated block (the checks above ran). */
function charted(
  chart: ServiceChart,
  subgroup: SubgroupFile | undefined,
): { chart: ChartSettings; subgroup?: SpcSubgroup } {
  if (chart.kind !== 'xbar-r' && chart.kind !== 'xbar-s') return { chart };
  // Validation refused a subgrouped chart without a `by: pairs` subgroup; the fallback keeps the types honest.
  const size = subgroup?.size ?? chart.subgroupSize ?? 2;
  return {
    chart: { kind: chart.kind, subgroupSize: size, rules: chart.rules },
    subgroup: { by: 'pairs', size },
  };
}

/** Spec limits without their absent fields (exactOptionalPropertyTypes). */
export function withoutUndefined(s: {
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
