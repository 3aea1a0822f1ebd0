import { checkRow, FIELD_COLUMNS, type RawRow, REQUIRED_COLUMNS } from './check-row.js';
import type { BadRow, OverlaySite, ReadSitesResult } from './site.js';

/**
 * Read overlay sites from CSV text with the header `wafer,X,Y,field,x,y,dx,dy`
 * (columns in any order; `field,x,y` all present or all absent). Blank lines
 * and lines starting with `#` are ignored; fields may be double-quoted.
 * Bad rows refuse the file unless `skipBad` is set, in which case they are
 * returned in `skipped`.
 */
export function readSitesCsv(text: string, options: { skipBad?: boolean } = {}): ReadSitesResult {
  const lines = text.split(/\r?\n/);
  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t !== '' && !t.startsWith('#')) {
      headerLine = i;
      break;
    }
  }
  if (headerLine < 0) return { ok: false, code: 'no-rows', issues: [{ line: 1, message: 'file is empty' }] };
  const header = splitCsvLine(lines[headerLine] as string).map((h) => h.trim());
  const headerIssue = checkHeader(header, headerLine + 1);
  if (headerIssue !== undefined) return { ok: false, code: 'bad-header', issues: [headerIssue] };
  const hasField = header.includes('field');

  const sites: OverlaySite[] = [];
  const bad: BadRow[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const cells = splitCsvLine(raw);
    const line = i + 1;
    if (cells.length !== header.length) {
      bad.push({
        line,
        message: `expected ${header.length} columns (${header.join(',')}), found ${cells.length}`,
      });
      continue;
    }
    const row: RawRow = {};
    header.forEach((h, k) => {
      row[h] = (cells[k] as string).trim();
    });
    const checked = checkRow(row, line, hasField);
    if (checked.ok) sites.push(checked.site);
    else bad.push(checked.issue);
  }
  if (bad.length > 0 && options.skipBad !== true) return { ok: false, code: 'bad-rows', issues: bad };
  if (sites.length === 0) {
    return {
      ok: false,
      code: 'no-rows',
      issues: [{ line: headerLine + 1, message: 'no valid data rows after the header' }],
    };
  }
  return { ok: true, sites, hasField, skipped: bad };
}

function checkHeader(header: string[], line: number): BadRow | undefined {
  const known = new Set<string>([...REQUIRED_COLUMNS, ...FIELD_COLUMNS]);
  const seen = new Set<string>();
  for (const h of header) {
    if (!known.has(h)) {
      return { line, column: h, message: `unknown column in header (expected wafer,X,Y,field,x,y,dx,dy)` };
    }
    if (seen.has(h)) return { line, column: h, message: 'column appears twice in header' };
    seen.add(h);
  }
  for (const r of REQUIRED_COLUMNS) {
    if (!seen.has(r)) return { line, column: r, message: 'required column missing from header' };
  }
  const nField = FIELD_COLUMNS.filter((f) => seen.has(f)).length;
  if (nField !== 0 && nField !== FIELD_COLUMNS.length) {
    const missing = FIELD_COLUMNS.filter((f) => !seen.has(f));
    return {
      line,
      column: missing.join(','),
      message: 'field columns must be all present (field,x,y) or all absent',
    };
  }
  return undefined;
}

/** Split one CSV line on commas, honouring double quotes ("" is a literal quote). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
