import { checkRow, FIELD_COLUMNS, type RawRow } from './check-row.js';
import type { BadRow, OverlaySite, ReadSitesResult } from './site.js';

/**
 * Read overlay sites from JSON text: a top-level array of objects with the CSV
 * column names (`wafer, X, Y, [field, x, y,] dx, dy`). Bad elements are reported
 * with the line on which the element starts; the file is refused unless
 * `skipBad` is set. The field columns count as present when the first element has
 * any of them.
 */
export function readSitesJson(text: string, options: { skipBad?: boolean } = {}): ReadSitesResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const line = lineOf(text, pos === null ? syntaxErrorOffset(text) : Number(pos[1]));
    return { ok: false, code: 'bad-syntax', issues: [{ line, message: `invalid JSON: ${msg}` }] };
  }
  if (!Array.isArray(data)) {
    return {
      ok: false,
      code: 'bad-syntax',
      issues: [{ line: 1, message: 'expected a top-level array of sites' }],
    };
  }
  if (data.length === 0)
    return { ok: false, code: 'no-rows', issues: [{ line: 1, message: 'the array is empty' }] };
  const lines = elementLines(text);
  const first = data[0] as unknown;
  const hasField =
    typeof first === 'object' && first !== null && FIELD_COLUMNS.some((c) => c in (first as RawRow));
  const allowed = new Set(['wafer', 'X', 'Y', 'dx', 'dy', ...(hasField ? FIELD_COLUMNS : [])]);
  const sites: OverlaySite[] = [];
  const bad: BadRow[] = [];
  data.forEach((el: unknown, i) => {
    const line = lines[i] ?? 1;
    if (typeof el !== 'object' || el === null || Array.isArray(el)) {
      bad.push({ line, message: `element ${i} is not an object` });
      return;
    }
    const unknownKey = Object.keys(el).find((k) => !allowed.has(k));
    if (unknownKey !== undefined) {
      bad.push({ line, column: unknownKey, message: `unexpected key in element ${i}` });
      return;
    }
    const checked = checkRow(el as RawRow, line, hasField);
    if (checked.ok) sites.push(checked.site);
    else bad.push(checked.issue);
  });
  if (bad.length > 0 && options.skipBad !== true) return { ok: false, code: 'bad-rows', issues: bad };
  if (sites.length === 0)
    return { ok: false, code: 'no-rows', issues: [{ line: 1, message: 'no valid sites' }] };
  return { ok: true, sites, hasField, skipped: bad };
}

/**
 * Offset of the first syntax error, for engines whose message gives no position:
 * the shortest prefix that fails for a reason other than ending early. Bisection,
 * so about log2(length) parses, on the error path only.
 */
function syntaxErrorOffset(text: string): number {
  const failsInside = (len: number) => {
    try {
      JSON.parse(text.slice(0, len));
      return false;
    } catch (err) {
      return !/end of (JSON )?input|Unterminated/i.test(err instanceof Error ? err.message : '');
    }
  };
  let lo = 0;
  let hi = text.length;
  if (!failsInside(hi)) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * 1-based start line of each element of the top-level array. A small scanner
 * (depth and string tracking) run on text already known to be valid JSON.
 */
function elementLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && expectElement && c !== ']') {
      out.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return out;
}
