// The wafer maps of `bondline fab report`, drawn with the renderers `tool run --out` uses: per pair
// the fab's die map by cause, the void map and the overlay vectors of the fab's fit (measured and
// residual), and the lot's die map (each die's dominant loss cause over the pairs). What the fab
// analysed (docs/fab.md §7), not the tool's own figures, so the maps agree with lot.json.
import type { NumericMap, PairAnalysis } from '@bondline/fab';
import type { BondParams } from '@bondline/physics';
import {
  bondGeometry,
  type DieCauses,
  type DieGridGeometry,
  drawDieCauseMap,
  drawLotCauseMap,
} from '../render/die-cause-map.js';
import { type OverlayPlotFit, renderOverlayPlot } from '../render/overlay-plot.js';
import { encodePng } from '../render/png.js';
import { drawVoidMap, type MapVoid } from '../render/void-map.js';
import type { ReportPair } from './fab-report-read.js';
import { percent } from './percent.js';

export interface MapFile {
  readonly name: string;
  readonly data: Uint8Array;
}

const VOID_CAUSES: readonly (MapVoid['cause'] | undefined)[] = [undefined, 'particle', 'edge', 'fault'];

/**
 * The rows of a stored void map [voids, 4] (x mm, y mm, diameter µm, cause code 1..3, docs/fab.md
 * §1.4) as map voids; a row the analysis would leave out (not finite, unknown cause) is left out here.
 * Every stored void is one the tool's infrared scan found.
 */
function mapVoids(map: NumericMap | undefined): MapVoid[] {
  if (map === undefined || map.dims.length !== 2 || map.dims[1] !== 4) return [];
  const d = map.data;
  const out: MapVoid[] = [];
  for (let i = 0; 4 * i + 3 < d.length; i++) {
    const [xMm, yMm, diameterUm, code] = [d[4 * i], d[4 * i + 1], d[4 * i + 2], d[4 * i + 3]] as number[];
    const cause = Number.isInteger(code) ? VOID_CAUSES[code as number] : undefined;
    if (cause === undefined || ![xMm, yMm, diameterUm].every((v) => Number.isFinite(v))) continue;
    out.push({
      xMm: xMm as number,
      yMm: yMm as number,
      diameterUm: diameterUm as number,
      cause,
      detected: true,
    });
  }
  return out;
}

/** The fab's die map of an analysis, as the renderers take it. */
function dieCauses(a: PairAnalysis): DieCauses | undefined {
  const d = a.dieYield;
  return d === null ? undefined : { rows: d.rows, cols: d.cols, causes: Uint8Array.from(d.causes) };
}

/**
 * The fab's overlay fit of a pair (robust, else plain) with the measured sites it used, for the
 * vector plot; undefined without a fit or without the site map it was made from.
 */
function storedFit(
  pairId: string,
  a: PairAnalysis,
  overlayMap: NumericMap | undefined,
): OverlayPlotFit | undefined {
  const o = a.overlay;
  if (o === null || overlayMap === undefined || overlayMap.dims[1] !== 4) return undefined;
  const fit = o.robust ?? o.fit;
  const d = overlayMap.data;
  const sites = fit.residuals.site.map((row) => ({
    X: d[4 * row] ?? Number.NaN,
    Y: d[4 * row + 1] ?? Number.NaN,
    dx: d[4 * row + 2] ?? Number.NaN,
    dy: d[4 * row + 3] ?? Number.NaN,
  }));
  if (!sites.every((s) => [s.X, s.Y, s.dx, s.dy].every(Number.isFinite))) return undefined;
  return {
    id: pairId,
    model: o.model,
    sites,
    residualX: fit.residuals.x,
    residualY: fit.residuals.y,
    rejected: o.robust?.rejected ?? [],
    residual: fit.residual,
  };
}

const pct = (f: number): string => `${percent(f)} %`;

/** The maps of one pair (`file`: the pair id as a file name): `<pair>-dies.png`, `<pair>-voids.png`, `<pair>-overlay.png`, those it has data for. */
function pairMaps(p: ReportPair, geom: DieGridGeometry, file: string): MapFile[] {
  const a = p.analysis?.analysis;
  if (a === undefined) return [];
  const id = p.pair.id;
  const files: MapFile[] = [];
  const dies = dieCauses(a);
  if (dies !== undefined && a.dieYield !== null) {
    const canvas = drawDieCauseMap(
      geom,
      dies,
      `${id} die yield ${pct(a.dieYield.yield)}`,
      `stack ${p.pair.stackId}; the fab's die map, dies by what killed them`,
    );
    files.push({ name: `${file}-dies.png`, data: encodePng(canvas) });
    const voids = mapVoids(p.result?.voidMap);
    const voidCanvas = drawVoidMap(
      geom,
      dies,
      voids,
      `${id} voids: ${voids.length} found`,
      `stack ${p.pair.stackId}; positions in bonded coordinates`,
    );
    files.push({ name: `${file}-voids.png`, data: encodePng(voidCanvas) });
  }
  const fit = storedFit(id, a, p.result?.overlayMap);
  if (fit !== undefined) files.push({ name: `${file}-overlay.png`, data: renderOverlayPlot(fit, geom.R) });
  return files;
}

/**
 * Every map of the lot: the pairs' in slot order (each pair's files named by `fileName(pair id)`),
 * then `lot-dies.png`; `progress` is told of each pair drawn.
 */
export function lotMaps(
  lotId: string,
  pairs: readonly ReportPair[],
  bond: BondParams,
  fileName: (pairId: string) => string,
  progress: (done: number) => void,
): MapFile[] {
  const geom = bondGeometry(bond);
  const files: MapFile[] = [];
  pairs.forEach((p, i) => {
    files.push(...pairMaps(p, geom, fileName(p.pair.id)));
    progress(i + 1);
  });
  const analysed = pairs.flatMap((p) => (p.analysis?.analysis.dieYield == null ? [] : [p.analysis.analysis]));
  const maps = analysed.flatMap((a) => dieCauses(a) ?? []);
  const mean = analysed.reduce((s, a) => s + (a.dieYield?.yield ?? 0), 0) / Math.max(1, analysed.length);
  const canvas = drawLotCauseMap(
    geom,
    maps,
    `Lot ${lotId}: dies lost, by cause`,
    (n) => `${n.wafers} analysed pairs, ${n.dies} dies each; mean die yield ${pct(mean)}`,
  );
  if (canvas !== undefined) files.push({ name: 'lot-dies.png', data: encodePng(canvas) });
  return files;
}
