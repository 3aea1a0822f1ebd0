// write-steps.ts on PostgreSQL: the steps in one transaction on one pooled connection, rolled back
// when a step that must change one row does not (or when anything throws).
import type pg from 'pg';
import type { DbRow } from '../row-decode.js';
import { bindStep, type StepsOutcome, type WriteStep } from '../write-steps.js';

export async function runSteps(pool: pg.Pool, steps: readonly WriteStep[]): Promise<StepsOutcome> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (e: Error): void => {
    broken = e;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const rows: DbRow[][] = [];
    for (const [i, step] of steps.entries()) {
      const r = await client.query(numbered(step.sql), bindStep(step, rows));
      if (step.exactlyOne === true && (r.rowCount ?? 0) !== 1) {
        await client.query('ROLLBACK');
        return { done: false, step: i };
      }
      rows.push(r.rows as DbRow[]);
    }
    await client.query('COMMIT');
    return { done: true, rows };
  } catch (e) {
    broken ??= await client.query('ROLLBACK').then(
      () => undefined,
      (r: unknown) => (r instanceof Error ? r : new Error(String(r))),
    );
    throw e;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
