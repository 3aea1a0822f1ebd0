import { type Issue, issue } from '@bondline/core';

/** Why a wafer could not be fitted (an expected failure, returned as an issue naming the wafer). */
export type OverlayFitIssueCode =
  | 'too-few-sites'
  | 'degenerate-layout'
  | 'duplicate-site'
  | 'missing-field-coordinates'
  | 'non-finite';

/** "wafer P01: <detail>". */
export function fitIssue<C extends OverlayFitIssueCode>(code: C, wafer: string, detail: string): Issue<C> {
  return issue(code, `wafer ${wafer}: ${detail}`);
}
