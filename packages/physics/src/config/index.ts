export { configReferenceMarkdown } from './docs.js';
export type { ConfigIssue, ConfigIssueCode, ConfigNote, ConfigResult } from './issues.js';
export { formatIssue } from './issues.js';
export { type LoadedConfig, type LoadOptions, loadBondConfig } from './load.js';
export { type KeySpec, keySpecs } from './spec.js';
export { parseBondConfig } from './validate.js';
export { isYapConfig, parseYapConfig, type YapSection, yapSections } from './yap.js';
