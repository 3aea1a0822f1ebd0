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

/** A row that could not be read: where, which column, which value, and what is wrong. */
export interface BadRow {
  line: number;
  column?: string;
  value?: string;
  message: string;
}

export type ReadSitesResult =
  | { ok: true; sites: OverlaySite[]; hasField: boolean; skipped: BadRow[] }
  | { ok: false; code: 'bad-header' | 'bad-rows' | 'bad-syntax' | 'no-rows'; issues: BadRow[] };

/** "line 12, column dx: 'abc' is not a number". */
export function formatBadRow(r: BadRow): string {
  const col = r.column === undefined ? '' : `, column ${r.column}`;
  const val = r.value === undefined ? '' : ` ('${r.value}')`;
  return `line ${r.line}${col}: ${r.message}${val}`;
}

/** A short label of a site for messages: "line 7 (X=1000, Y=-2000 µm)". */
export function siteLabel(s: OverlaySite): string {
  const where = `X=${s.X}, Y=${s.Y}${s.field === undefined ? '' : `, field ${s.field} x=${s.x}, y=${s.y}`} µm`;
  return s.line === undefined ? `(${where})` : `line ${s.line} (${where})`;
}
