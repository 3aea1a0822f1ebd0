export { configReferenceMarkdown } from './docs.js';
export type { ConfigIssue, ConfigIssueCode, ConfigNote } from './issues.js';
export type { ReadBytes } from './layout-file.js';
export { type LoadedConfig, type LoadOptions, loadBondConfig } from './load.js';
export { type KeySpec, keySpecs } from './spec.js';
export { parseBondConfig } from './validate.js';
export { isYapConfig, parseYapConfig, type YapConfig, type YapSection, yapSections } from './yap.js';
