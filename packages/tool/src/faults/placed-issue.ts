// Issues about one place in a file, worded as core's schema issues are (`file:line:col: key.path:
// what is wrong`), for the checks that need more than one field (duplicates, references).
import { type Issue, issue, keyPath } from '@bondline/core';

/** Where issues of one file are placed: its name and a way from a key path to `line:col`. */
export interface FilePlace {
  source: string;
  locate?: (path: readonly PropertyKey[]) => string | undefined;
}

/** An issue at `path` in the file `where` describes; the message names file, line:col and key. */
export function placedIssue<C extends string>(
  code: C,
  where: FilePlace,
  path: readonly PropertyKey[],
  text: string,
): Issue<C> {
  const key = keyPath(path);
  const at = where.locate?.(path);
  const prefix = [where.source, at].filter((s) => s !== undefined && s !== '').join(':');
  return issue(code, `${prefix}: ${key === '' ? '(top level)' : key}: ${text}`, key === '' ? undefined : key);
}
