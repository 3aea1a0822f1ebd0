// Issues about one place in a file, worded as core's schema issues are (`file:line:col: key.path:
// what is wrong`), for the checks that need more than one field (duplicates, references).
import { type Issue, issue, keyPath, visible } from '@bondline/core';

/** Where issues of one file are placed: its name and a way from a key path to `line:col`. */
export interface FilePlace {
  source: string;
  locate?: (path: readonly PropertyKey[]) => string | undefined;
}

/**
 * An issue at `path` in the file `where` describes; the message names file, line:col and key (with
 * its invisible characters named, as core's `visible` does).
 */
export function placedIssue<C extends string>(
  code: C,
  where: FilePlace,
  path: readonly PropertyKey[],
  text: string,
): Issue<C> {
  const key = keyPath(path);
  const at = where.locate?.(path);
  const prefix = [where.source, at].filter((s) => s !== undefined && s !== '').join(':');
  // The key as core's schema issues show it: a character a person cannot see is named, never printed.
  return issue(
    code,
    `${prefix}: ${key === '' ? '(top level)' : visible(key)}: ${text}`,
    key === '' ? undefined : key,
  );
}
