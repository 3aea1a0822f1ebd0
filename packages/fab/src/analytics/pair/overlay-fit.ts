// The 10-term overlay fit of a pair's site map with @bondline/align (docs/align.md §2), plain and
// robust. The stored map has wafer positions only (X, Y); the 10-term model's intra-field terms need
// each site's position in its field, so the field grid is taken to be the product's die grid
// (@bondline/physics' dieGrid: tiles of W+s by L+s centred on the wafer): a site's field is the tile
// it lies in, its in-field position its offset from that tile's centre.
import { fitWafer, type OverlaySite, type WaferFit } from '@bondline/align';
import type { BondParams } from '@bondline/physics';
import type { SiteRow } from './map-rows.js';
import type { FitSummary, OverlayAnalysis, PairAnalysisIssue } from './pair-analysis-schema.js';

/** Default rejection threshold of the robust pass, robust sigmas (align's own default). */
const DEFAULT_ROBUST_K = 4;

export interface OverlayFitOptions {
  /** Robust pass: reject sites beyond k robust sigmas (1.4826 MAD) and refit, iterated. Default 4. */
  robustK?: number;
}

export interface OverlayFitOutcome {
  readonly overlay: OverlayAnalysis | null;
  readonly issues: readonly PairAnalysisIssue[];
}

/** Sites in align's format, with field and in-field coordinates from the die grid. */
function sitesWithFields(pairId: string, rows: readonly SiteRow[], bond: BondParams): OverlaySite[] {
  const px = bond.die.W + bond.die.s;
  const py = bond.die.L + bond.die.s;
  // dieGrid's tile centres: (i - (n-1)/2) pitch, n = floor(2R/pitch) + 1 a side.
  const hx = (Math.floor((2 * bond.wafer.R) / px) + 1 - 1) / 2;
  const hy = (Math.floor((2 * bond.wafer.R) / py) + 1 - 1) / 2;
  return rows.map((r) => {
    const col = Math.round(r.X / px + hx);
    const row = Math.round(r.Y / py + hy);
    return {
      wafer: pairId,
      X: r.X,
      Y: r.Y,
      field: `${col},${row}`,
      x: r.X - (col - hx) * px,
      y: r.Y - (row - hy) * py,
      dx: r.dx,
      dy: r.dy,
      // align names a site by its line in messages: the map's row, 1-based.
      line: r.row + 1,
    };
  });
}

function summary(fit: WaferFit, rowOf: ReadonlyMap<OverlaySite, number>): FitSummary {
  return {
    terms: Object.fromEntries(Object.entries(fit.terms).map(([k, t]) => [k, { ...t }])),
    residual: { x: { ...fit.residual.x }, y: { ...fit.residual.y } },
    residuals: {
      site: fit.sites.map((s) => rowOf.get(s) ?? -1),
      x: Array.from(fit.residualX),
      y: Array.from(fit.residualY),
    },
  };
}

/**
 * Fit the 10-term model to the usable sites, then again with align's robust pass. A fit that cannot
 * be made (too few sites for 10 terms, a degenerate layout) gives `overlay: null` and align's issue;
 * a robust pass that would reject too much gives `robust: null` and its issue, the plain fit stays.
 */
export function fitPairOverlay(
  pairId: string,
  rows: readonly SiteRow[],
  bond: BondParams,
  options: OverlayFitOptions = {},
): OverlayFitOutcome {
  const sites = sitesWithFields(pairId, rows, bond);
  const rowOf = new Map(sites.map((s, i) => [s, (rows[i] as SiteRow).row]));
  const radiusUm = bond.wafer.R;
  const plain = fitWafer(pairId, sites, { model: '10', radiusUm });
  if (!plain.ok) {
    return {
      overlay: null,
      issues: plain.issues.map((i) => ({ code: i.code, message: i.message, path: 'overlayMap' })),
    };
  }
  const k = options.robustK ?? DEFAULT_ROBUST_K;
  const robust = fitWafer(pairId, sites, { model: '10', radiusUm, robust: { k } });
  const issues: PairAnalysisIssue[] = robust.ok
    ? []
    : robust.issues.map((i) => ({ code: i.code, message: i.message, path: 'overlay.robust' }));
  return {
    overlay: {
      model: '10',
      sites: sites.length,
      radiusUm,
      fieldPitchUm: [bond.die.W + bond.die.s, bond.die.L + bond.die.s],
      fit: summary(plain.value, rowOf),
      robust: robust.ok
        ? {
            ...summary(robust.value, rowOf),
            k,
            rejected: robust.value.rejected.map((s) => ({
              site: rowOf.get(s) ?? -1,
              X: s.X,
              Y: s.Y,
              dx: s.dx,
              dy: s.dy,
            })),
          }
        : null,
    },
    issues,
  };
}
