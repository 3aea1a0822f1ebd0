// lot.json and pairs.csv of `bondline fab report`: the lot, its yield and loss Pareto, its alarms, and
// per pair the figures the fab's analysis stored (docs/fab.md §7): the same numbers the store and the
// API give, units in the names (nm, µrad, ppm, µm²).
import type { PairFigures } from '@bondline/fab';
import type { LotData, ReportPair } from './fab-report-read.js';
import type { RunCharts } from './fab-report-runs.js';

/** Format version of lot.json: a reader can tell a later layout. */
const LOT_REPORT_FORMAT = 'bondline-fab-lot-report/1';

/** The figures of one pair as lot.json lists them (null where the analysis could not give one). */
function pairJson(p: ReportPair) {
  const a = p.analysis;
  const f: PairFigures | undefined = a?.figures;
  const overlay = a?.analysis.overlay ?? null;
  return {
    id: p.pair.id,
    slot: p.pair.slot,
    recipe: p.pair.recipe,
    ...(p.pair.recipeVersion === undefined ? {} : { recipeVersion: p.pair.recipeVersion }),
    topId: p.pair.topId,
    bottomId: p.pair.bottomId,
    stackId: p.pair.stackId,
    startedMs: p.pair.startedMs,
    endedMs: p.pair.endedMs ?? null,
    /** The yield the tool reported with its result (its own die map). */
    toolYield: p.result?.yield ?? null,
    analysed: a !== undefined,
    analysis:
      a === undefined || f === undefined
        ? null
        : {
            version: a.version,
            computedMs: a.computedMs,
            faultPoints: a.faultPoints,
            yield: f.yield,
            expectedYield: f.expectedYield,
            dies: f.dies,
            goodDies: f.goodDies,
            lostDies: f.lostDies,
            expectedLoss: f.expectedLoss,
            overlay: {
              fit: overlay === null ? null : overlay.robust === null ? 'plain' : 'robust',
              sites: overlay?.sites ?? null,
              rejectedSites: overlay?.robust?.rejected.length ?? null,
              txNm: f.txNm,
              tyNm: f.tyNm,
              rotationUrad: f.rotUrad,
              magnificationPpm: f.magPpm,
              residualXM3sNm: f.residualXM3sNm,
              residualYM3sNm: f.residualYM3sNm,
            },
            voids: { count: f.voidCount, areaUm2: f.voidAreaUm2 },
            issues: a.analysis.issues,
          },
  };
}

/** The lot.json document. */
export function lotReportJson(data: LotData, runs: RunCharts, files: readonly string[]): unknown {
  const { lot, substrates, carriers } = data.detail;
  return {
    format: LOT_REPORT_FORMAT,
    lot: {
      id: lot.id,
      toolId: lot.toolId,
      recipe: lot.recipe,
      ...(lot.recipeVersion === undefined ? {} : { recipeVersion: lot.recipeVersion }),
      plannedPairs: lot.plannedPairs,
      startedMs: lot.startedMs,
      endedMs: lot.endedMs ?? null,
      outcome: lot.outcome ?? null,
      summary: lot.summary ?? null,
      substrates: substrates.length,
      carriers: carriers.map((c) => c.id),
    },
    pairs: data.pairs.length,
    analysedPairs: data.pairs.filter((p) => p.analysis !== undefined).length,
    /** yieldSummary of the lot: dies and losses over its analysed pairs. */
    yield: data.yield,
    /** yieldPareto of the lot: loss by cause and by the fault points its pairs name. */
    pareto: data.pareto,
    runCharts: runs.json,
    alarms: {
      fromMs: lot.startedMs,
      toMs: lot.endedMs ?? null,
      truncated: data.alarmsTruncated,
      items: data.alarms.map((a) => ({
        alid: a.alid,
        state: a.state,
        category: a.category,
        text: a.text,
        equipmentTimeMs: a.equipmentTimeMs,
      })),
    },
    pairList: data.pairs.map(pairJson),
    files,
  };
}

const CSV_HEADER = [
  'pair',
  'slot',
  'stack',
  'top',
  'bottom',
  'recipe',
  'tool_yield',
  'yield',
  'expected_yield',
  'dies',
  'good_dies',
  'lost_overlay_dies',
  'lost_void_dies',
  'lost_cu_dies',
  'overlay_fit',
  'tx_nm',
  'ty_nm',
  'rotation_urad',
  'magnification_ppm',
  'residual_x_m3s_nm',
  'residual_y_m3s_nm',
  'void_count',
  'void_area_um2',
  'fault_points',
  'analysis_issues',
  'started_ms',
];

/** A CSV field: quoted (RFC 4180) when it holds a comma, a quote or a line break. */
function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const num = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);

/** pairs.csv: one row per pair in slot order, empty fields where a figure is missing; fault points separated by ';'. */
export function pairsCsv(pairs: readonly ReportPair[]): string {
  const rows = pairs.map((p) => {
    const f = p.analysis?.figures;
    const overlay = p.analysis?.analysis.overlay;
    const fit = overlay === undefined || overlay === null ? '' : overlay.robust === null ? 'plain' : 'robust';
    return [
      p.pair.id,
      String(p.pair.slot),
      p.pair.stackId,
      p.pair.topId,
      p.pair.bottomId,
      p.pair.recipe,
      num(p.result?.yield),
      num(f?.yield),
      num(f?.expectedYield),
      num(f?.dies),
      num(f?.goodDies),
      num(f?.lostDies?.overlay),
      num(f?.lostDies?.void),
      num(f?.lostDies?.cu),
      fit,
      num(f?.txNm),
      num(f?.tyNm),
      num(f?.rotUrad),
      num(f?.magPpm),
      num(f?.residualXM3sNm),
      num(f?.residualYM3sNm),
      num(f?.voidCount),
      num(f?.voidAreaUm2),
      (p.analysis?.faultPoints ?? []).join(';'),
      num(f?.issueCount),
      String(p.pair.startedMs),
    ]
      .map(field)
      .join(',');
  });
  return `${[CSV_HEADER.join(','), ...rows].join('\n')}\n`;
}
