// Unwrap core Results in tests: the value of a success, the issues of a refusal, or a failed test
// that shows what came instead.
import type { Issue, Result } from '@bondline/core';

export function okValue<T, C extends string>(r: Result<T, C>): T {
  if (!r.ok)
    throw new Error(`expected success, got: ${r.issues.map((i) => `${i.code}: ${i.message}`).join('; ')}`);
  return r.value;
}

export function issuesOf<T, C extends string>(r: Result<T, C>): readonly Issue<C>[] {
  if (r.ok) throw new Error(`expected a refusal, got success: ${JSON.stringify(r.value)}`);
  return r.issues;
}
