// The files `bondline tool run --out <dir>` and `bondline demo` write for a lot: lot.json (the --json
// document), pairs.csv, one JSON file per pair with everything measured, and per pair three wafer maps
// (die yield by cause, voids, overlay vectors), plus the lot's die map (each die's dominant loss cause
// over the pairs).
import { fitWafer } from '@bondline/align';
import type { FaultCatalogue, LotSummary, PairRecord, ToolConfig, Void } from '@bondline/tool';
import {
  bondGeometry,
  type DieGridGeometry,
  drawDieCauseMap,
  drawLotCauseMap,
} from '../render/die-cause-map.js';
import { renderOverlayPlot } from '../render/overlay-plot.js';
import { encodePng } from '../render/png.js';
import { drawVoidMap, type MapVoid } from '../render/void-map.js';
import { percent } from './percent.js';
import { siteSpread } from './site-spread.js';
import { lotJson, overlayJson, pairAlarms, pairsCsv } from './tool-report.js';

/** A file of the set: its name in the folder and its bytes. */
export interface FolderFile {
  name: string;
  data: string | Uint8Array;
}

/** Characters of a pair's die grid in its JSON file, by cause code (off the wafer: '.'). */
const DIE_CHARS = ['G', 'O', 'V', 'C'];

/** The die grid as text rows, the top row (largest y) first, as the map shows it. */
function dieGridRows(pair: PairRecord): string[] {
  const { cols, rows, causes } = pair.metrology.dieYield;
  const out: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    let line = '';
    for (let col = 0; col < cols; col++) line += DIE_CHARS[causes[row * cols + col] ?? 255] ?? '.';
    out.push(line);
  }
  return out;
}

/** Everything measured on one pair (units in the keys' documentation: docs/tool.md §8). */
function pairDetailJson(pair: PairRecord, catalogue: FaultCatalogue): unknown {
  const m = pair.metrology;
  return {
    id: pair.pairId,
    lotId: pair.lotId,
    index: pair.index,
    recipe: pair.recipe,
    topId: pair.topId,
    bottomId: pair.bottomId,
    stackId: pair.stackId,
    destination: pair.destination,
    yield: pair.yield,
    expectedYield: m.expectedYield ?? null,
    overlay: overlayJson(pair),
    overlaySpread: siteSpread(m.sites),
    realisedOverlay: {
      tx: pair.bond.realised.Tx,
      ty: pair.bond.realised.Ty,
      rotation: pair.bond.realised.Rot,
      magnification: pair.bond.realised.Mag,
    },
    registration: pair.bond.registration,
    voids: m.voids.length,
    voidMap: mapVoids(pair),
    alarms: pairAlarms(pair, catalogue),
    doneS: pair.doneS,
    sites: m.sites.map((s) => ({ X: s.X, Y: s.Y, dx: s.dx, dy: s.dy })),
    dies: {
      cols: m.dieYield.cols,
      rows: m.dieYield.rows,
      legend: { '.': 'no die', G: 'good', O: 'overlay', V: 'void', C: 'Cu recess' },
      grid: dieGridRows(pair),
    },
  };
}

/** Every void of the bond, each marked whether the infrared scan found it (metrology.voids). */
function mapVoids(pair: PairRecord): MapVoid[] {
  const found = pair.metrology.voids;
  const same = (a: Void, b: Void) => a.xMm === b.xMm && a.yMm === b.yMm && a.diameterUm === b.diameterUm;
  return pair.bond.voids.map((v) => ({ ...v, detected: found.some((d) => same(d, v)) }));
}

const geometry = (config: ToolConfig): DieGridGeometry => bondGeometry(config.bond);

const pct = (f: number): string => `${percent(f)} %`;

/** The three wafer maps of one pair, PNG: die causes, voids, overlay vectors (when the sites fit). */
function pairMaps(pair: PairRecord, config: ToolConfig): FolderFile[] {
  const geom = geometry(config);
  const m = pair.metrology;
  const dies = drawDieCauseMap(
    geom,
    m.dieYield,
    `${pair.pairId} die yield ${pct(pair.yield)}`,
    `stack ${pair.stackId} (top ${pair.topId}, bottom ${pair.bottomId}); dies by what killed them`,
  );
  const voids = drawVoidMap(
    geom,
    m.dieYield,
    mapVoids(pair),
    `${pair.pairId} voids: ${m.voids.length} found`,
    `stack ${pair.stackId}; ${pair.bond.voids.length} voids in all, positions in bonded coordinates`,
  );
  const files: FolderFile[] = [
    { name: `${pair.pairId}-dies.png`, data: encodePng(dies) },
    { name: `${pair.pairId}-voids.png`, data: encodePng(voids) },
  ];
  const fit = fitWafer(pair.stackId, m.sites, { model: '4' });
  if (fit.ok) files.push({ name: `${pair.pairId}-overlay.png`, data: renderOverlayPlot(fit.value, geom.R) });
  return files;
}

/** The lot's die map: each die green if no pair lost it, else its most frequent loss cause. */
function lotMap(pairs: readonly PairRecord[], config: ToolConfig, title: string): FolderFile | undefined {
  const canvas = drawLotCauseMap(
    geometry(config),
    pairs.map((p) => p.metrology.dieYield),
    title,
    (n) =>
      `${n.wafers} bonded pairs, ${n.dies} dies each; mean die yield ${pct(pairs.reduce((s, p) => s + p.yield, 0) / pairs.length)}`,
  );
  return canvas === undefined ? undefined : { name: 'lot-dies.png', data: encodePng(canvas) };
}

/** Every file of a lot's output folder, and what they are (for the `wrote` line). */
export function lotFolderFiles(
  summary: LotSummary,
  pairs: readonly PairRecord[],
  tool: { config: ToolConfig; catalogue: FaultCatalogue },
): { files: FolderFile[]; what: string } {
  const files: FolderFile[] = [
    { name: 'lot.json', data: `${JSON.stringify(lotJson(summary, pairs, tool.catalogue), null, 2)}\n` },
    { name: 'pairs.csv', data: pairsCsv(pairs, tool.catalogue, (p) => siteSpread(p.metrology.sites)) },
  ];
  let maps = 0;
  for (const p of pairs) {
    files.push({
      name: `${p.pairId}.json`,
      data: `${JSON.stringify(pairDetailJson(p, tool.catalogue), null, 2)}\n`,
    });
    const png = pairMaps(p, tool.config);
    maps += png.length;
    files.push(...png);
  }
  const lot = lotMap(pairs, tool.config, `Lot ${summary.lotId}: dies lost, by cause`);
  if (lot !== undefined) {
    files.push(lot);
    maps++;
  }
  const what = `lot.json, pairs.csv, ${pairs.length} pair JSON file${pairs.length === 1 ? '' : 's'}, ${maps} PNG map${maps === 1 ? '' : 's'}`;
  return { files, what };
}
