// What the model loader says about a bad model file: core's Issue with a kebab-case code, a message
// that says `file:line:column: key.path: problem`, and the key path (`equipmentConstants[2].max`).

import { type Issue, issue, keyPath, type SchemaIssueCode, type YamlIssueCode } from '@bondline/core';

/**
 * Why a model was refused: the file's syntax (`syntax`, `too-many-aliases`), a field (`missing`,
 * `wrong-type`, `out-of-range`, `unknown-key`, `invalid-value`), or the model as a whole (`duplicate`
 * ids or names, `unknown-reference` to something the model does not declare).
 */
export type ModelIssueCode = YamlIssueCode | SchemaIssueCode | 'duplicate' | 'unknown-reference';

/** A key path in the model, `['equipmentConstants', 2, 'max']`. */
export type ModelPath = readonly (string | number)[];

/** Where issues are reported: the file named in messages and the line:column of a key path. */
export interface ModelSource {
  source?: string;
  locate?: (path: readonly PropertyKey[]) => string | undefined;
}

/** Collects the issues of the checks that look at the model as a whole (cross references, builtins). */
export class ModelIssues {
  readonly issues: Issue<ModelIssueCode>[] = [];

  constructor(private readonly where: ModelSource) {}

  /** Record an issue about the field at `path`. */
  add(code: ModelIssueCode, path: ModelPath, message: string): void {
    const key = keyPath(path);
    const at = [this.where.source, this.where.locate?.(path)].filter((s) => s !== undefined && s !== '');
    this.issues.push(issue(code, `${at.length === 0 ? '' : `${at.join(':')}: `}${key}: ${message}`, key));
  }

  /** A key path as a message names another field: `statusVariables[0].name (line 12)`. */
  name(path: ModelPath): string {
    const line = this.where.locate?.(path)?.split(':')[0];
    return `${keyPath(path)}${line === undefined ? '' : ` (line ${line})`}`;
  }
}
