// Rows of a site file (CSV or JSON, already split into key → value objects) checked against the site
// schemas, and the file's verdict from its good rows and its problems.
import { fail, failAll, type Issue, issue, type SchemaIssueCode } from '@bondline/core';
import type { z } from 'zod';
import {
  type OverlaySite,
  type ReadSitesOptions,
  type ReadSitesResult,
  SITE_LIMITS,
  type SiteIssueCode,
} from './site.js';
import { fieldSiteSchema, siteSchema } from './site-schema.js';

export const REQUIRED_COLUMNS = ['wafer', 'X', 'Y', 'dx', 'dy'] as const;
export const FIELD_COLUMNS = ['field', 'x', 'y'] as const;

/** A problem and the line it is on, so the problems of a file can be listed in line order. */
export interface LineIssue {
  line: number;
  issue: Issue<SiteIssueCode>;
}

/** Turns the zod issues of one row (paths relative to the row) into messages for that row. */
export type DescribeRow = (issues: z.core.$ZodIssue[]) => Issue<SchemaIssueCode>[];

/**
 * Check one row against the site schema (with or without the field columns). A good row becomes a
 * site carrying `line`; the problems of a bad one are described by `describe` and added to `problems`.
 */
export function checkRow(
  row: unknown,
  line: number,
  hasField: boolean,
  problems: LineIssue[],
  describe: DescribeRow,
): OverlaySite | undefined {
  const schema = hasField ? fieldSiteSchema : siteSchema;
  // Without reportInput zod takes its fast path (several times faster); a bad row is parsed again
  // with it, so that the messages can show the values found.
  const r = schema.safeParse(row);
  if (r.success) {
    // zod's output is a fresh object: the line is added to it rather than copied into another.
    const site: OverlaySite = r.data;
    site.line = line;
    return site;
  }
  const again = schema.safeParse(row, { reportInput: true });
  for (const p of describe(again.error?.issues ?? r.error.issues)) problems.push({ line, issue: p });
  return undefined;
}

/**
 * The verdict of a file: refused when any row has a problem (unless `skipBad`) or no row is good;
 * otherwise the sites, with the problems of the rows left out in `skipped`. At most
 * `SITE_LIMITS.listedIssues` problems are listed, the rest counted in one last issue.
 */
export function siteFileResult(
  sites: OverlaySite[],
  problems: LineIssue[],
  hasField: boolean,
  options: ReadSitesOptions,
  noRows: () => Issue<SiteIssueCode>,
): ReadSitesResult {
  const listed = capped(
    [...problems].sort((a, b) => a.line - b.line).map((p) => p.issue),
    options.source,
  );
  if (problems.length > 0 && options.skipBad !== true) return failAll(listed);
  if (sites.length === 0) return fail(noRows(), ...listed);
  return { ok: true, value: { sites, hasField, skipped: listed } };
}

function capped(issues: Issue<SiteIssueCode>[], source: string): Issue<SiteIssueCode>[] {
  const max = SITE_LIMITS.listedIssues;
  if (issues.length <= max) return issues;
  const more = issues.length - max;
  return [
    ...issues.slice(0, max),
    issue('too-many-problems', `${source}: ${more} more problem${more === 1 ? '' : 's'} not listed`),
  ];
}
