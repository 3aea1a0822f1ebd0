import { readSitesCsv } from './read-csv.js';
import { readSitesJson } from './read-json.js';
import type { ReadSitesOptions, ReadSitesResult } from './site.js';

/**
 * Read a site file's text: JSON when it starts with `[` or `{`, otherwise CSV. A leading
 * byte-order mark is dropped (spreadsheets write one before the CSV header).
 */
export function readSites(text: string, options: ReadSitesOptions): ReadSitesResult {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /^\s*[[{]/.test(t) ? readSitesJson(t, options) : readSitesCsv(t, options);
}
