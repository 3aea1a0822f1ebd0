// What the per-pair analysis answers (docs/fab.md §7), as zod schemas: plain JSON-serialisable data
// (numbers, strings, arrays, objects; no typed arrays, no NaN), so a route can send it and the
// OpenAPI document can describe it from the same schemas. The TypeScript types are inferred here.
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'a finite number');
const count = z.number().int().min(0);

const pairAnalysisIssueCodes = [
  'missing-map',
  'malformed-map',
  'bad-site',
  'bad-void',
  'too-few-sites',
  'degenerate-layout',
  'duplicate-site',
  'missing-field-coordinates',
  'non-finite',
  'invalid-params',
  'no-die-yield',
  'tool-map-mismatch',
] as const;

/** Why part of a pair could not be analysed; the other parts are still answered. */
export type PairAnalysisIssueCode = (typeof pairAnalysisIssueCodes)[number];

const pairAnalysisIssueSchema = z
  .object({
    code: z.enum(pairAnalysisIssueCodes),
    message: z.string(),
    path: z
      .string()
      .meta({ description: 'the map or part at fault: overlayMap[3], overlay.robust' })
      .optional(),
  })
  .meta({ id: 'PairAnalysisIssue' });

const termSchema = z.object({ value: finite, stderr: finite, unit: z.string() });

const axisStatsSchema = z
  .object({
    n: count,
    mean: finite.meta({ description: 'nm' }),
    sigma: finite.meta({ description: 'sample standard deviation, nm' }),
    mean3sigma: finite.meta({ description: '|mean| + 3 sigma, nm' }),
    maxAbs: finite.meta({ description: 'largest |residual|, nm' }),
    r2: finite
      .nullable()
      .meta({ description: '1 - SS_res/SS_tot; null when the measured values are all equal' }),
  })
  .meta({ id: 'OverlayAxisStats' });

const fitSummarySchema = z.object({
  terms: z.record(z.string(), termSchema).meta({
    description:
      'Tx, Ty (nm), Mx, My (ppm), Rx, Ry (µrad), mx, my (ppm), rx, ry (µrad), then the derived Rot, NonOrth (µrad), Mag, MagAsym (ppm)',
  }),
  residual: z.object({ x: axisStatsSchema, y: axisStatsSchema }),
  residuals: z
    .object({
      site: z.array(count).meta({ description: 'row of the overlay site map' }),
      x: z.array(finite).meta({ description: 'nm' }),
      y: z.array(finite).meta({ description: 'nm' }),
    })
    .meta({ description: 'per site of the fit, measured minus model' }),
});

const rejectedSiteSchema = z.object({
  site: count.meta({ description: 'row of the overlay site map' }),
  X: finite.meta({ description: 'µm' }),
  Y: finite.meta({ description: 'µm' }),
  dx: finite.meta({ description: 'nm' }),
  dy: finite.meta({ description: 'nm' }),
});

const overlayAnalysisSchema = z
  .object({
    model: z.literal('10'),
    sites: count.meta({ description: 'sites fitted (rows of the map that are usable)' }),
    radiusUm: finite.meta({ description: 'wafer radius the coordinates were normalised by' }),
    fieldPitchUm: z
      .tuple([finite, finite])
      .meta({ description: 'the field grid (the die pitch) the in-field coordinates come from' }),
    fit: fitSummarySchema.meta({ description: 'least squares over every usable site' }),
    robust: fitSummarySchema
      .extend({
        k: finite.meta({ description: 'rejection threshold, robust sigmas (1.4826 MAD)' }),
        rejected: z.array(rejectedSiteSchema).meta({ description: 'sites left out, in rejection order' }),
      })
      .nullable()
      .meta({ description: 'refit after rejecting outliers; null when the rejection left too few sites' }),
  })
  .meta({ id: 'PairOverlayAnalysis' });

const largestVoidSchema = z.object({
  void: count.meta({ description: 'row of the void map' }),
  xMm: finite,
  yMm: finite,
  diameterUm: finite,
  cause: z.enum(['particle', 'edge', 'fault']),
});

const voidStatsSchema = z
  .object({
    count,
    byCause: z.object({ particle: count, edge: count, fault: count }),
    totalAreaUm2: finite.meta({
      description: 'sum of the voids’ disc areas π d²/4 (overlaps counted twice)',
    }),
    areaFraction: finite.meta({ description: 'total area / wafer area' }),
    largest: largestVoidSchema.nullable(),
  })
  .meta({ id: 'PairVoidStats' });

const causeCounts = z.object({ overlay: count, void: count, cu: count });
const causeFractions = z.object({ overlay: finite, void: finite, cu: finite });

const dieYieldAnalysisSchema = z
  .object({
    rows: count,
    cols: count,
    causes: z.array(z.number().int().min(0).max(255)).meta({
      description: 'row-major, rows x cols: 0 good, 1 overlay, 2 void, 3 cu (@bondline/physics), 255 no die',
    }),
    dies: count,
    good: count,
    yield: finite.meta({ description: 'good / dies of this map, 0..1' }),
    lostDies: causeCounts,
    expected: z
      .object({
        yield: finite,
        lost: causeFractions.meta({ description: 'fractions of dies; they sum to 1 - yield' }),
      })
      .meta({
        description: 'the probabilities the map was drawn from (no draw noise): what SPC should chart',
      }),
    inputs: z.object({
      overlayFit: z.enum(['robust', 'plain']),
      Tx: finite.meta({ description: 'nm' }),
      Ty: finite.meta({ description: 'nm' }),
      Rot: finite.meta({ description: 'µrad' }),
      Mag: finite.meta({ description: 'ppm' }),
      voids: count,
      seed: z.number().int().min(0).max(0xffffffff),
    }),
    tool: z
      .object({
        yield: finite,
        lostDies: causeCounts,
        sameCause: count.meta({ description: 'dies with the same code in both maps' }),
        confusion: z.array(z.array(count)).meta({
          description: 'confusion[fab code][tool code], codes 0..3: how the two maps differ',
        }),
      })
      .nullable()
      .meta({ description: 'the tool’s own die yield map compared, when it sent one on the same grid' }),
  })
  .meta({ id: 'PairDieYield' });

export const pairAnalysisSchema = z
  .object({
    pairId: z.string(),
    overlay: overlayAnalysisSchema.nullable(),
    voids: voidStatsSchema.nullable(),
    dieYield: dieYieldAnalysisSchema.nullable(),
    issues: z.array(pairAnalysisIssueSchema),
  })
  .meta({ id: 'PairAnalysis' });

export type PairAnalysisIssue = z.infer<typeof pairAnalysisIssueSchema>;
export type OverlayAnalysis = z.infer<typeof overlayAnalysisSchema>;
export type FitSummary = z.infer<typeof fitSummarySchema>;
export type VoidStats = z.infer<typeof voidStatsSchema>;
export type DieYieldAnalysis = z.infer<typeof dieYieldAnalysisSchema>;
export type PairAnalysis = z.infer<typeof pairAnalysisSchema>;
