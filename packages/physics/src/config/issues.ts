import {
  type Issue,
  issue,
  keyPath,
  type ReadFileIssueCode,
  type TextIssueCode,
  visible,
  type YamlIssueCode,
} from '@bondline/core';

/** Kinds of configuration problems, each a kebab-case literal (reading and parsing codes from core). */
export type ConfigIssueCode =
  | ReadFileIssueCode
  | TextIssueCode
  | YamlIssueCode
  | 'not-an-object'
  | 'unknown-section'
  | 'unknown-key'
  | 'wrong-type'
  | 'out-of-range'
  | 'inconsistent'
  | 'invalid-layout'
  | 'too-large'
  | 'unsupported';

/**
 * One problem found in a configuration; all are collected, not just the first. `message` reads
 * `file:line:column: key.path: what is wrong` (parts left out when unknown); `path` is the key path
 * (`overlay.sigmaR`, `pads.layout.rows[1]`), or `line:column` for a syntax error.
 */
export type ConfigIssue = Issue<ConfigIssueCode>;

/** Something the user should know that does not stop the run (e.g. an ignored YAP key). */
export interface ConfigNote {
  /** Key path it is about (`w2w_modeling.num_samples`), '' for the whole file. */
  readonly path: string;
  /** `key.path: what happens`, printed as it stands. */
  readonly message: string;
}

/** Where a key sits, as the prefix of a message: `file:line:column`, `file`, or undefined. */
export type Place = (at: readonly (string | number)[]) => string | undefined;

/** A problem found by a validator, before it is placed in a file. */
export interface Finding {
  code: ConfigIssueCode;
  /** Key path as parts, e.g. ['overlay', 'sigmaR']; empty for the whole document. */
  at: readonly (string | number)[];
  /** What is wrong, without the key: `-2 µm is out of range (...)`. */
  text: string;
}

/** A key path as a message shows it: invisible characters named, at most 80 characters. */
function shownKey(at: readonly (string | number)[]): string {
  const key = visible(keyPath(at));
  // 80 characters take at most 160 code units: spread only those (never half a surrogate pair).
  const chars = [...key.slice(0, 161)];
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : key;
}

/** The issue a person reads for a finding: `place: key.path: text`. */
export function placed(f: Finding, place?: Place): ConfigIssue {
  const key = keyPath(f.at);
  const where = place?.(f.at);
  const message = `${where === undefined ? '' : `${where}: `}${key === '' ? '' : `${shownKey(f.at)}: `}${f.text}`;
  return issue(f.code, message, key === '' ? undefined : key);
}

/** A note about a key path. */
export function note(at: readonly (string | number)[], text: string): ConfigNote {
  const key = keyPath(at);
  return { path: key, message: `${key === '' ? '' : `${shownKey(at)}: `}${text}` };
}
