// The contract every reader keeps whatever it is given: it returns core's Result (a value, or at least
// one issue in the one failure shape) and every message can be read as it stands: one line, every
// character visible. Written as a list of problems rather than assertions, so that it runs where no
// test framework does (the worker of the reader harness) and says everything wrong at once.
import { visible } from '../text.js';

/** What a reader's result must hold besides the one shape. */
export interface ResultRules {
  /** Every issue path must match (default: any non-empty string). */
  path?: RegExp;
  /** A value may hold no NaN or infinite number (default true). */
  finiteValues?: boolean;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Ways `result` breaks the reader contract ([] when it keeps it), each a sentence for a failure message. */
export function resultProblems(result: unknown, rules: ResultRules = {}): string[] {
  if (typeof result !== 'object' || result === null) return ['the result is not an object'];
  const r = result as { ok?: unknown; value?: unknown; issues?: unknown };
  if (r.ok === true) {
    if (!('value' in r)) return ['ok without a value'];
    const bad = rules.finiteValues === false ? undefined : nonFinite(r.value, 'value', 0);
    return bad === undefined ? [] : [`a number that is not finite at ${bad}`];
  }
  if (r.ok !== false) return ['ok is neither true nor false'];
  if (!Array.isArray(r.issues) || r.issues.length === 0) return ['a refusal without issues'];
  const out: string[] = [];
  for (const i of r.issues as { code?: unknown; message?: unknown; path?: unknown }[]) {
    if (typeof i.code !== 'string' || !KEBAB.test(i.code))
      out.push(`code ${String(i.code)} is not kebab-case`);
    if (typeof i.message !== 'string' || i.message.trim() === '') out.push('an issue without a message');
    else if (i.message.includes('\n'))
      out.push(`a message of more than one line: ${JSON.stringify(i.message)}`);
    else if (visible(i.message) !== i.message) out.push(`an invisible character in: ${visible(i.message)}`);
    if (i.path !== undefined && (typeof i.path !== 'string' || !(rules.path ?? /./su).test(i.path)))
      out.push(`path ${JSON.stringify(i.path)} of "${String(i.message)}" is not of the expected form`);
  }
  return out;
}

/** The key path of the first number that is NaN or infinite in `v`, if any (12 levels deep at most). */
function nonFinite(v: unknown, at: string, depth: number): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : at;
  if (typeof v !== 'object' || v === null || depth > 12) return undefined;
  if (ArrayBuffer.isView(v)) {
    if (!(v instanceof Float64Array || v instanceof Float32Array)) return undefined;
    const i = v.findIndex((x) => !Number.isFinite(x));
    return i < 0 ? undefined : `${at}[${i}]`;
  }
  for (const [k, x] of Object.entries(v)) {
    const bad = nonFinite(x, `${at}.${k}`, depth + 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
