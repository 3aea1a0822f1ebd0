// @bondline/core/testing: what the tests of every package share, kept out of the root API. Waiting
// for a condition (or a gate) instead of sleeping, and the hostile-input harness of the readers
// (hostile text and bytes, and a guarded run that reports a hang, a crash, a throw or a result out of
// shape).
export { type Gate, gate } from './testing/gate.js';
export { hostileBytes } from './testing/hostile-bytes.js';
export { extremeNumbers, type HostileTextOptions, hostileText } from './testing/hostile-text.js';
export {
  ReaderHarness,
  type ReaderHarnessOptions,
  type ReaderOutcome,
} from './testing/reader-harness.js';
export { type ResultRules, resultProblems } from './testing/result-problems.js';
export { type Readers, serveReaders } from './testing/serve-readers.js';
export { TEST_DEADLINE_MS, type UntilOptions, until } from './testing/until.js';
