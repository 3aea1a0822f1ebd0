import { fail, issue, type SchemaIssueCode, visible, zodIssues } from '@bondline/core';
import { checkRow, FIELD_COLUMNS, type LineIssue, siteFileResult } from './check-row.js';
import { elementOffsets, keyOffsets, textPositions } from './json-positions.js';
import { type OverlaySite, type ReadSitesOptions, type ReadSitesResult, SITE_LIMITS } from './site.js';
import { fieldSiteSchema, siteSchema } from './site-schema.js';

/**
 * Read overlay sites from JSON text: a top-level array of objects with the CSV
 * column names (`wafer, X, Y, [field, x, y,] dx, dy`). The field columns count
 * as present when the first element has any of them. Every problem names
 * `source:line:column` and the key path (`[3].dx`); bad elements refuse the
 * file unless `skipBad` is set, in which case they are listed in `skipped`.
 */
export function readSitesJson(text: string, options: ReadSitesOptions): ReadSitesResult {
  const { source } = options;
  const { at, line } = textPositions(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const where = at(pos === null ? syntaxErrorOffset(text) : Number(pos[1]));
    // V8 quotes the text around the error, line breaks and invisible characters included: keep the
    // message on one line, every character in it visible.
    const clean = visible(msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\r?\n/g, '\\n'));
    return fail(issue('syntax', `${source}:${where}: JSON syntax: ${clean}`, where));
  }
  if (!Array.isArray(data)) {
    return fail(
      issue(
        'not-an-array',
        `${source}: expected a JSON array of sites ([{"wafer": ..., "X": ..., ...}, ...]), got ${describe(data)}`,
      ),
    );
  }
  if (data.length === 0) return fail(issue('no-rows', `${source}: the array of sites is empty`));
  if (data.length > SITE_LIMITS.rows) {
    return fail(
      issue(
        'too-many-rows',
        `${source}: ${data.length} sites, more than the ${SITE_LIMITS.rows} allowed; split the file`,
      ),
    );
  }
  const first: unknown = data[0];
  const hasField =
    typeof first === 'object' && first !== null && FIELD_COLUMNS.some((c) => Object.hasOwn(first, c));
  const offsets = elementOffsets(text);
  const schema = (hasField ? fieldSiteSchema : siteSchema).array();
  const sites: OverlaySite[] = [];
  const problems: LineIssue[] = [];
  data.forEach((element: unknown, index) => {
    const start = offsets[index] ?? 0;
    const site = checkRow(element, line(start), hasField, problems, (zis) => {
      // Paths as key paths of the whole file: `[3].dx`.
      const own = zis.map((zi) => ({ ...zi, path: [index, ...zi.path] }));
      let keys: Map<string, number> | undefined;
      const locate = (path: readonly PropertyKey[]) => {
        const key = path[1];
        keys ??= keyOffsets(text, start);
        return at((typeof key === 'string' ? keys.get(key) : undefined) ?? start);
      };
      return zodIssues(own, { source, locate }, schema).map((p) => ({
        ...p,
        code: p.code as SchemaIssueCode,
      }));
    });
    if (site !== undefined) sites.push(site);
  });
  return siteFileResult(sites, problems, hasField, options, () =>
    issue('no-rows', `${source}: no readable sites`),
  );
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object (put the sites in a top-level array)';
  return `a ${typeof v}`;
}

/**
 * Offset of the first syntax error, for engines whose message gives no position:
 * the shortest prefix that fails for a reason other than ending early. Bisection,
 * so about log2(length) parses, on the error path only; beyond 16 MB the end of
 * the text is named instead (the parses would take too long).
 */
function syntaxErrorOffset(text: string): number {
  if (text.length > 16 * 1024 * 1024) return text.length;
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
