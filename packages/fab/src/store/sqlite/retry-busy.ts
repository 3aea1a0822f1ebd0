// Another connection holds the SQLite file's write lock (another process, or a second store on the
// same file in this one): wait for it without holding the event loop, as SQLite's own busy timeout
// would, by retrying with a growing pause until a deadline.
import { setTimeout as pause } from 'node:timers/promises';

/** Pauses between attempts start here and double up to `MAX_PAUSE_MS`, ms. */
const FIRST_PAUSE_MS = 1;
const MAX_PAUSE_MS = 50;

/** True for SQLite's "database is locked" family of errors. */
function isBusy(e: unknown): boolean {
  if (!(e instanceof Error) || !('code' in e) || typeof e.code !== 'string') return false;
  return e.code === 'SQLITE_BUSY' || e.code.startsWith('SQLITE_BUSY_');
}

/**
 * Run `attempt` until it does not fail busy, or until `timeoutMs` has passed (then the last busy
 * error is thrown, for the caller to report as `store-busy`). `attempt` must leave nothing half done
 * when it fails busy (it failed at BEGIN, or its transaction was rolled back).
 */
export async function retryBusy<T>(
  attempt: () => T | Promise<T>,
  timeoutMs: number,
  nowMs: () => number,
): Promise<T> {
  const deadline = nowMs() + timeoutMs;
  let wait = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBusy(e) || nowMs() >= deadline) throw e;
    }
    await pause(wait);
    wait = Math.min(MAX_PAUSE_MS, wait * 2);
  }
}
