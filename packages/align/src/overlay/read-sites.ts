import { readSitesCsv } from './read-csv.js';
import { readSitesJson } from './read-json.js';
import type { ReadSitesResult } from './site.js';

/** Read a site file's text as JSON when it starts with `[`, otherwise as CSV. */
export function readSites(text: string, options: { skipBad?: boolean } = {}): ReadSitesResult {
  return text.trimStart().startsWith('[') ? readSitesJson(text, options) : readSitesCsv(text, options);
}
