import { fail, failAll, type Issue, issue, type SchemaIssueCode, shown, zodIssues } from '@bondline/core';
import { checkRow, FIELD_COLUMNS, type LineIssue, REQUIRED_COLUMNS, siteFileResult } from './check-row.js';
import { splitCsvLine } from './csv-line.js';
import {
  type OverlaySite,
  type ReadSitesOptions,
  type ReadSitesResult,
  SITE_LIMITS,
  type SiteIssueCode,
} from './site.js';

const NUMERIC = new Set(['X', 'Y', 'x', 'y', 'dx', 'dy']);
const HEADER = 'wafer,X,Y,field,x,y,dx,dy';
// A plain decimal number: what a metrology export writes. Not hex, not Infinity, not empty.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Read overlay sites from CSV text with the header `wafer,X,Y,field,x,y,dx,dy`
 * (columns in any order; `field,x,y` all present or all absent). Blank lines
 * and lines starting with `#` are ignored; fields may be double-quoted.
 * Every problem names `source:line:column` and the column; bad rows refuse the
 * file unless `skipBad` is set, in which case they are listed in `skipped`.
 */
export function readSitesCsv(text: string, options: ReadSitesOptions): ReadSitesResult {
  const { source } = options;
  const lines = text.split(/\r?\n/);
  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('#')) {
      headerLine = i;
      break;
    }
  }
  if (headerLine < 0) {
    const what = text.trim() === '' ? 'the file is empty' : 'the file has only comment lines';
    return fail(
      issue(
        'empty-file',
        `${source}: ${what}; expected a CSV header ${HEADER} (field,x,y optional) and rows, or a JSON array of sites`,
      ),
    );
  }
  const headerColumns: number[] = [];
  const header = splitCsvLine(lines[headerLine]!, headerColumns);
  const headerIssues = checkHeader(header.cells, headerColumns, headerLine + 1, source);
  if (headerIssues.length > 0) return failAll(headerIssues);
  const names = header.cells.map((c) => c.trim());
  const hasField = names.includes('field');

  const tooMany = lines.length - headerLine - 1 > SITE_LIMITS.rows ? lineBeyondLimit(lines, headerLine) : 0;
  if (tooMany > 0) {
    // Counted before any row is checked: a file far over the limit is refused at once.
    return fail(
      issue(
        'too-many-rows',
        `${source}:${tooMany}:1: more than ${SITE_LIMITS.rows} data rows; split the file`,
        `${tooMany}:1`,
      ),
    );
  }
  const sites: OverlaySite[] = [];
  const problems: LineIssue[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const line = i + 1;
    const split = splitCsvLine(raw);
    if (split.openQuote !== undefined) {
      const at = `${line}:${split.openQuote}`;
      problems.push({
        line,
        issue: issue(
          'unterminated-quote',
          `${source}:${at}: the quoted field is not closed on this line (a field cannot span lines)`,
          at,
        ),
      });
      continue;
    }
    if (split.cells.length !== names.length) {
      problems.push({
        line,
        issue: issue(
          'wrong-column-count',
          `${source}:${line}:1: expected ${names.length} columns (${names.join(',')}), found ${split.cells.length}` +
            (split.cells.length < names.length ? ' (is the line cut short?)' : ''),
          `${line}:1`,
        ),
      });
      continue;
    }
    const row: Record<string, unknown> = {};
    for (let k = 0; k < names.length; k++) row[names[k]!] = cellValue(names[k]!, split.cells[k]!);
    const site = checkRow(row, line, hasField, problems, (zis) => {
      // Only a bad row needs the columns where its cells start.
      const columns: number[] = [];
      splitCsvLine(raw, columns);
      const at = (path: readonly PropertyKey[]) => `${line}:${columns[names.indexOf(String(path[0]))] ?? 1}`;
      return zodIssues(zis, { source, locate: at }).map((p) =>
        issue(p.code as SchemaIssueCode, p.message, at([p.path ?? ''])),
      );
    });
    if (site !== undefined) sites.push(site);
  }
  return siteFileResult(sites, problems, hasField, options, () =>
    issue('no-rows', `${source}:${headerLine + 1}:1: no data rows after the header`, `${headerLine + 1}:1`),
  );
}

/** The 1-based line of the first data row beyond `SITE_LIMITS.rows`, or 0 when there is none. */
function lineBeyondLimit(lines: readonly string[], headerLine: number): number {
  let rows = 0;
  for (let i = headerLine + 1; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('#') && ++rows > SITE_LIMITS.rows) return i + 1;
  }
  return 0;
}

/** What a cell holds for the schema: a number where the column is numeric and the text is one. */
function cellValue(name: string, raw: string): unknown {
  const t = raw.trim();
  if (t === '') return undefined;
  if (!NUMERIC.has(name) || !NUMBER.test(t)) return t;
  const v = Number(t);
  // 1e999 overflows: keep the text so the message shows what the file says.
  return Number.isFinite(v) ? v : t;
}

function checkHeader(
  cells: readonly string[],
  columns: readonly number[],
  line: number,
  source: string,
): Issue<SiteIssueCode>[] {
  const out: Issue<SiteIssueCode>[] = [];
  const at = (column: number) => `${line}:${column}`;
  const known = new Set<string>([...REQUIRED_COLUMNS, ...FIELD_COLUMNS]);
  const seen = new Set<string>();
  if (cells.length === 1 && /[;\t]/.test(cells[0]!)) {
    const sep = cells[0]!.includes(';') ? 'semicolons' : 'tabs';
    return [
      issue(
        'unknown-column',
        `${source}:${at(1)}: the header is separated by ${sep}; columns must be separated by commas (${HEADER})`,
        at(1),
      ),
    ];
  }
  cells.forEach((cell, k) => {
    const name = cell.trim();
    const column = columns[k] ?? 1;
    if (!known.has(name)) {
      out.push(
        issue(
          'unknown-column',
          `${source}:${at(column)}: unknown column ${shown(name)} in the header (expected ${HEADER})`,
          at(column),
        ),
      );
    } else if (seen.has(name)) {
      out.push(
        issue(
          'duplicate-column',
          `${source}:${at(column)}: column ${name} appears twice in the header`,
          at(column),
        ),
      );
    }
    seen.add(name);
  });
  for (const r of REQUIRED_COLUMNS) {
    if (!seen.has(r)) {
      out.push(
        issue(
          'missing-column',
          `${source}:${at(1)}: the header has no column ${r} (expected ${HEADER})`,
          at(1),
        ),
      );
    }
  }
  const missing = FIELD_COLUMNS.filter((f) => !seen.has(f));
  if (missing.length > 0 && missing.length < FIELD_COLUMNS.length) {
    out.push(
      issue(
        'partial-field-columns',
        `${source}:${at(1)}: the field columns must be all present (field,x,y) or all absent; missing ${missing.join(',')}`,
        at(1),
      ),
    );
  }
  return out.slice(0, SITE_LIMITS.listedIssues);
}
