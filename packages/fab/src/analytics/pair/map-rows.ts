// The rows of a pair's stored maps (docs/fab.md §1.4) read back as values, each row checked: a map of
// the wrong shape is refused whole (`malformed-map`); a row that is not finite or out of its range is
// left out with an issue naming it (`bad-site`, `bad-void`), and the rest is used.
import { SITE_LIMITS } from '@bondline/align';
import type { NumericMap } from '../../store/map-codec.js';
import type { PairAnalysisIssue } from './pair-analysis-schema.js';

/** Row issues listed one by one per map; the rest are counted in one last issue. */
const LISTED_ROW_ISSUES = 20;

/** One usable overlay site: the row of the map it came from, position µm, overlay nm. */
export interface SiteRow {
  readonly row: number;
  readonly X: number;
  readonly Y: number;
  readonly dx: number;
  readonly dy: number;
}

type VoidCause = 'particle' | 'edge' | 'fault';
/** Cause codes of the void map's fourth column (docs/tool.md §7.5), index = code. */
const VOID_CAUSES: readonly (VoidCause | undefined)[] = [undefined, 'particle', 'edge', 'fault'];

/** One usable void: the row of the map, centre mm, diameter µm, cause. */
export interface VoidRow {
  readonly row: number;
  readonly xMm: number;
  readonly yMm: number;
  readonly diameterUm: number;
  readonly cause: VoidCause;
}

export interface Rows<T> {
  /** Undefined when the map is missing or malformed (an issue says which). */
  readonly rows: readonly T[] | undefined;
  readonly issues: readonly PairAnalysisIssue[];
}

/** A map of `columns` columns: [n, columns] (or an empty [0] / [0, columns]). */
function shapeIssue(
  map: NumericMap | undefined,
  name: string,
  columns: number,
): PairAnalysisIssue | undefined {
  if (map === undefined) return { code: 'missing-map', message: `the pair has no ${name}`, path: name };
  const { dims, data } = map;
  const empty = data.length === 0 && dims.length >= 1 && dims[0] === 0;
  const ok = (dims.length === 2 && dims[1] === columns) || empty;
  if (!ok || data.length !== (dims[0] ?? 0) * columns) {
    return {
      code: 'malformed-map',
      message: `${name}: dims [${dims.join(', ')}] with ${data.length} values, expected [n, ${columns}]`,
      path: name,
    };
  }
  return undefined;
}

/** Row i of a 4-column map (the caller checked the length). */
function row4(d: ArrayLike<number>, i: number): [number, number, number, number] {
  const at = 4 * i;
  return [d[at] as number, d[at + 1] as number, d[at + 2] as number, d[at + 3] as number];
}

function rowIssues(
  code: 'bad-site' | 'bad-void',
  name: string,
  bad: readonly { row: number; why: string }[],
): PairAnalysisIssue[] {
  const out: PairAnalysisIssue[] = bad.slice(0, LISTED_ROW_ISSUES).map((b) => ({
    code,
    message: `${name}[${b.row}]: ${b.why}; left out`,
    path: `${name}[${b.row}]`,
  }));
  if (bad.length > LISTED_ROW_ISSUES) {
    out.push({
      code,
      message: `${name}: ${bad.length - LISTED_ROW_ISSUES} more rows left out for the same kinds of reason`,
      path: name,
    });
  }
  return out;
}

/** The overlay site map [sites, 4] of X µm, Y µm, dx nm, dy nm. */
export function siteRows(map: NumericMap | undefined): Rows<SiteRow> {
  const bad = shapeIssue(map, 'overlayMap', 4);
  if (bad !== undefined || map === undefined)
    return { rows: undefined, issues: bad === undefined ? [] : [bad] };
  const d = map.data;
  const rows: SiteRow[] = [];
  const skipped: { row: number; why: string }[] = [];
  for (let i = 0; i * 4 < d.length; i++) {
    const [X, Y, dx, dy] = row4(d, i);
    if (![X, Y, dx, dy].every(Number.isFinite))
      skipped.push({ row: i, why: 'a value is not a finite number' });
    else if (Math.abs(X) > SITE_LIMITS.waferUm || Math.abs(Y) > SITE_LIMITS.waferUm) {
      skipped.push({ row: i, why: `position (${X}, ${Y}) µm is beyond ${SITE_LIMITS.waferUm} µm` });
    } else if (Math.abs(dx) > SITE_LIMITS.overlayNm || Math.abs(dy) > SITE_LIMITS.overlayNm) {
      skipped.push({ row: i, why: `overlay (${dx}, ${dy}) nm is beyond ${SITE_LIMITS.overlayNm} nm` });
    } else rows.push({ row: i, X, Y, dx, dy });
  }
  return { rows, issues: rowIssues('bad-site', 'overlayMap', skipped) };
}

/** The void map [voids, 4] of x mm, y mm, diameter µm, cause code (1 particle, 2 edge, 3 fault). */
export function voidRows(map: NumericMap | undefined): Rows<VoidRow> {
  const bad = shapeIssue(map, 'voidMap', 4);
  if (bad !== undefined || map === undefined)
    return { rows: undefined, issues: bad === undefined ? [] : [bad] };
  const d = map.data;
  const rows: VoidRow[] = [];
  const skipped: { row: number; why: string }[] = [];
  for (let i = 0; i * 4 < d.length; i++) {
    const [xMm, yMm, diameterUm, code] = row4(d, i);
    const cause = Number.isInteger(code) ? VOID_CAUSES[code] : undefined;
    if (![xMm, yMm, diameterUm].every(Number.isFinite)) {
      skipped.push({ row: i, why: 'a value is not a finite number' });
    } else if (!(diameterUm > 0)) skipped.push({ row: i, why: `diameter ${diameterUm} µm is not positive` });
    else if (Math.abs(xMm) > 1000 || Math.abs(yMm) > 1000) {
      skipped.push({ row: i, why: `centre (${xMm}, ${yMm}) mm is beyond 1000 mm` });
    } else if (cause === undefined) skipped.push({ row: i, why: `cause code ${code} is not 1, 2 or 3` });
    else rows.push({ row: i, xMm, yMm, diameterUm, cause });
  }
  return { rows, issues: rowIssues('bad-void', 'voidMap', skipped) };
}
