// @bondline/core: what every Bondline package shares.
export { formatIssues, type Issue, issue, keyPath } from './issue.js';
export { makeDir } from './make-dir.js';
export { hasInvisible, nameSchema } from './name-schema.js';
export {
  type AtomicWriteOptions,
  checkOutputPath,
  fsyncDirectory,
  isTempFileName,
  type OutputIssueCode,
  writeFileAtomic,
} from './output-file.js';
export { pathExists } from './path-exists.js';
export { type ReadFileIssueCode, type ReadTextOptions, readBytes, readTextFile } from './read-text-file.js';
export { fail, failAll, ok, type Result } from './result.js';
export { decodeText, type TextIssueCode, visible } from './text.js';
export { type FireResult, type Moved, type Transition, TransitionTable } from './transition-table.js';
export {
  type OutputFileData,
  type WriteFilesOptions,
  type WriteIssueCode,
  writeFilesAtomic,
} from './write-files-atomic.js';
export { type ParsedYaml, parseYamlText, type YamlIssueCode, type YamlTextOptions } from './yaml-text.js';
export { parseWithSchema, type SchemaIssueCode, type SchemaOptions, shown, zodIssues } from './zod-issues.js';
