export { parseKlarf } from './parse.js';
export type { KlarfDefect, KlarfFile, KlarfIssue, KlarfResult, KlarfWafer } from './types.js';
