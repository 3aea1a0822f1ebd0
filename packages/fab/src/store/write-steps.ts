// Statements run in one transaction, for the store's read-modify-write parts (tickets: create a row
// and its first history line; change a row under its version and add the history line). The same SQL
// (`?` placeholders) runs on both engines. A step may take a value from a row an earlier step
// returned (`RETURNING`), and may require that it changed exactly one row: when it did not, the
// transaction is rolled back and the outcome names the step (a stale version, a missing row).
import type { SqlValue } from './record-rows.js';
import type { DbRow } from './row-decode.js';

/** A value from the first row an earlier step returned. */
interface StepRef {
  readonly fromStep: number;
  readonly column: string;
}

type StepValue = SqlValue | StepRef;

export interface WriteStep {
  readonly sql: string;
  readonly params: readonly StepValue[];
  /** Roll back unless this step changed (or returned) exactly one row. */
  readonly exactlyOne?: boolean;
}

export type StepsOutcome =
  | { readonly done: true; readonly rows: readonly (readonly DbRow[])[] }
  | { readonly done: false; readonly step: number };

/** An engine's transaction runner; an engine failure throws (the store's guard maps it). */
export interface StepRunner {
  run(steps: readonly WriteStep[]): Promise<StepsOutcome>;
}

/** The bound values of `step`, resolving references to earlier steps' rows. */
export function bindStep(step: WriteStep, earlier: readonly (readonly DbRow[])[]): (SqlValue | Uint8Array)[] {
  return step.params.map((p) => {
    if (p === null || typeof p !== 'object' || p instanceof Uint8Array) return p;
    const row = earlier[p.fromStep]?.[0];
    const v = row?.[p.column];
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new RangeError(`step reference ${p.fromStep}.${p.column}: no text or number there`);
    return v;
  });
}
