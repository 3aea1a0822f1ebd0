export { MAX_KLARF_LENGTH, parseKlarf } from './parse.js';
export type {
  KlarfDefect,
  KlarfFile,
  KlarfIssue,
  KlarfIssueCode,
  KlarfOptions,
  KlarfResult,
  KlarfWafer,
} from './types.js';
