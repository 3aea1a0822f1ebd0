import type { BondParams } from '@bondline/physics';
import type { NumericMap } from '../../store/map-codec.js';
import { pairDieYield, pairSeed, type SystematicTerms } from './die-yield.js';
import { siteRows, voidRows } from './map-rows.js';
import { fitPairOverlay } from './overlay-fit.js';
import type { PairAnalysis, PairAnalysisIssue } from './pair-analysis-schema.js';
import { voidStats } from './void-stats.js';

/** What the store holds for a pair that the analysis reads (a `PairResultRecord` is one). */
export interface PairMaps {
  readonly pairId: string;
  readonly overlayMap?: NumericMap | undefined;
  readonly voidMap?: NumericMap | undefined;
  readonly dieYieldMap?: NumericMap | undefined;
}

export interface PairAnalysisOptions {
  /**
   * The product's physics model (@bondline/physics BondParams: wafer, dies, pads, overlay, voids,
   * copper), as the tool's configuration `bond` holds it: the die grid, the field grid of the fit and
   * the yield model all come from it.
   */
  readonly bond: BondParams;
  /** Robust pass threshold, robust sigmas, > 0 (a programmer's setting: align throws on k <= 0). Default 4. */
  readonly robustK?: number;
  /** Seed of the per-die draws, taken as a u32 (`>>> 0`). Default: 32-bit FNV-1a of the pair id. */
  readonly seed?: number;
}

/**
 * Analyse one pair from what the store holds for it (docs/fab.md §7): the 10-term overlay fit of its
 * site map, plain and robust; its void statistics; its die yield map by cause from the fitted overlay
 * and the voids, with the pair yield and the loss by cause, and the tool's own map compared. Pure: no
 * I/O, no clock. Bad data never throws: each part that cannot be computed is null and `issues` says
 * why (a missing or malformed map, too few sites for 10 terms, ...); the other parts are still given.
 */
export function analysePair(maps: PairMaps, options: PairAnalysisOptions): PairAnalysis {
  const { bond } = options;
  const issues: PairAnalysisIssue[] = [];
  const paramsIssue = checkBond(bond);
  const sites = siteRows(maps.overlayMap);
  const voids = voidRows(maps.voidMap);
  issues.push(...sites.issues, ...voids.issues);
  if (paramsIssue !== undefined) {
    issues.push(paramsIssue);
    return { pairId: maps.pairId, overlay: null, voids: null, dieYield: null, issues };
  }
  const vs = voids.rows === undefined ? null : voidStats(voids.rows, bond.wafer.R);

  let overlay: PairAnalysis['overlay'] = null;
  if (sites.rows !== undefined) {
    const fitted = fitPairOverlay(maps.pairId, sites.rows, bond, {
      ...(options.robustK === undefined ? {} : { robustK: options.robustK }),
    });
    overlay = fitted.overlay;
    issues.push(...fitted.issues);
  }

  let dieYield: PairAnalysis['dieYield'] = null;
  const chosen = overlay === null ? undefined : (overlay.robust ?? overlay.fit);
  const terms = chosen === undefined ? undefined : systematic(chosen.terms);
  if (terms === undefined || voids.rows === undefined) {
    const missing = [terms === undefined ? 'overlay terms' : '', voids.rows === undefined ? 'voids' : '']
      .filter((s) => s !== '')
      .join(' and ');
    issues.push({
      code: 'no-die-yield',
      message: `no die yield map: the pair's ${missing} could not be read (see the other issues)`,
      path: 'dieYield',
    });
  } else {
    const dy = pairDieYield(bond, {
      terms,
      overlayFit: overlay?.robust === null ? 'plain' : 'robust',
      voids: voids.rows,
      seed: (options.seed ?? pairSeed(maps.pairId)) >>> 0,
      toolMap: maps.dieYieldMap,
    });
    dieYield = dy.dieYield;
    issues.push(...dy.issues);
  }
  return { pairId: maps.pairId, overlay, voids: vs, dieYield, issues };
}

function systematic(t: Record<string, { value: number }>): SystematicTerms | undefined {
  const { Tx, Ty, Rot, Mag } = t;
  if (Tx === undefined || Ty === undefined || Rot === undefined || Mag === undefined) return undefined;
  return { Tx: Tx.value, Ty: Ty.value, Rot: Rot.value, Mag: Mag.value };
}

/**
 * The parts of BondParams the grid and the fit divide by, and a cap on the grid (1024 dies a side: a
 * 300 mm wafer of 1 mm dies is 300) so that bad parameters cannot ask for a huge map.
 */
function checkBond(bond: BondParams): PairAnalysisIssue | undefined {
  const { R, e } = bond.wafer;
  const { W, L, s } = bond.die;
  const good =
    [R, W, L].every((v) => Number.isFinite(v) && v > 0) && [e, s].every((v) => Number.isFinite(v) && v >= 0);
  if (good && (2 * R) / Math.min(W + s, L + s) <= 1024) return undefined;
  return {
    code: 'invalid-params',
    message: `bond parameters: need finite R, W, L > 0, e, s >= 0 and at most 1024 dies a side (got R=${R}, e=${e}, W=${W}, L=${L}, s=${s})`,
    path: 'bond',
  };
}
