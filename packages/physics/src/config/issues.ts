/** Kinds of configuration problems, each a literal code. */
export type ConfigIssueCode =
  | 'file_not_found'
  | 'file_unreadable'
  | 'syntax'
  | 'not_an_object'
  | 'unknown_section'
  | 'unknown_key'
  | 'invalid_type'
  | 'out_of_range'
  | 'inconsistent'
  | 'invalid_layout'
  | 'unsupported';

/** One problem found in a configuration; all are collected, not just the first. */
export interface ConfigIssue {
  code: ConfigIssueCode;
  /** Key path inside the file, e.g. ['overlay', 'sigmaR']; empty for the whole file. */
  path: (string | number)[];
  message: string;
  /** 1-based position in the file when known. */
  line?: number;
  column?: number;
}

/** Something the user should know that does not stop the run (e.g. an ignored YAP key). */
export interface ConfigNote {
  path: (string | number)[];
  message: string;
}

/** Result of reading a configuration: parameters, or every issue found. */
export type ConfigResult<T> =
  | { ok: true; value: T; notes: ConfigNote[] }
  | { ok: false; issues: ConfigIssue[] };

/** "file:line:col: path: message" (parts omitted when unknown). */
export function formatIssue(issue: ConfigIssue, file?: string): string {
  const where =
    file === undefined
      ? issue.line === undefined
        ? ''
        : `line ${issue.line}:${issue.column ?? 1}: `
      : `${file}${issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`}: `;
  const key = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${key}${issue.message}`;
}
