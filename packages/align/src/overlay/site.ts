import type { Issue, Result, SchemaIssueCode } from '@bondline/core';

/** One overlay measurement site of a bonded wafer pair. */
export interface OverlaySite {
  /** Wafer (pair) id. */
  wafer: string;
  /** Site position in bonded wafer coordinates, µm. */
  X: number;
  Y: number;
  /** Field id and in-field position (µm), present when the file has the field columns. */
  field?: string;
  x?: number;
  y?: number;
  /** Measured overlay, nm. */
  dx: number;
  dy: number;
  /** 1-based line of the source file (CSV) or of the array element (JSON), when read from a file. */
  line?: number;
}

/**
 * Plausible ranges of what a site file holds. A number outside them is an export or unit mistake
 * (mm for µm, pm for nm), refused with its name rather than fitted; the ranges also keep every sum of
 * squares in a fit far from overflow.
 */
export const SITE_LIMITS = {
  /** |X|, |Y|: site position on the bonded pair, µm (a 450 mm wafer has a radius of 225 000 µm). */
  waferUm: 250_000,
  /** |x|, |y|: position in the exposure field, µm (a field is at most 26 × 33 mm). */
  fieldUm: 50_000,
  /** |dx|, |dy|: measured overlay, nm (1 mm; a bonded pair that far off is not an overlay measurement). */
  overlayNm: 1_000_000,
  /** Data rows (CSV) or array elements (JSON) in one file. */
  rows: 1_000_000,
  /** Characters of a wafer or field id. */
  idChars: 100,
  /** Problems listed one by one; the rest are counted in one last issue. */
  listedIssues: 1000,
} as const;

/** Why a site file (or one row of it) was refused. Schema codes name a bad value in a row. */
export type SiteIssueCode =
  | SchemaIssueCode
  | 'empty-file'
  | 'syntax'
  | 'not-an-array'
  | 'unknown-column'
  | 'duplicate-column'
  | 'missing-column'
  | 'partial-field-columns'
  | 'wrong-column-count'
  | 'unterminated-quote'
  | 'no-rows'
  | 'too-many-rows'
  | 'too-many-problems';

/** A site file read: the sites, whether it has the field columns, and the rows skipped (`skipBad`). */
export interface SiteFile {
  sites: OverlaySite[];
  hasField: boolean;
  /** One issue per problem of the rows left out; empty unless `skipBad` was set. */
  skipped: Issue<SiteIssueCode>[];
}

export type ReadSitesResult = Result<SiteFile, SiteIssueCode>;

export interface ReadSitesOptions {
  /** Named at the start of every message (the file path). */
  source: string;
  /** Leave out bad rows (listed in `skipped`) instead of refusing the file. */
  skipBad?: boolean;
}

/** A short label of a site for messages: "line 7 (X=1000, Y=-2000 µm)". */
export function siteLabel(s: OverlaySite): string {
  const where = `X=${s.X}, Y=${s.Y}${s.field === undefined ? '' : `, field ${s.field} x=${s.x}, y=${s.y}`} µm`;
  return s.line === undefined ? `(${where})` : `line ${s.line} (${where})`;
}
