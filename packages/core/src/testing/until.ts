// Waiting in tests: for a condition, never for a fixed time. A test that sleeps "long enough" fails on
// a loaded machine (too short) or wastes time on an idle one (too long); polling with a deadline does
// neither: it goes on as soon as the condition holds and fails only when it never does.

/**
 * How long a test waits for something that should happen before it calls it missing, ms. A deadline
 * for a hang, not a speed target: far beyond what anything takes on a loaded 2-core machine, and
 * within vitest's per-test timeout (120 s in vitest.config.ts), so the failure names what was missing.
 */
export const TEST_DEADLINE_MS = 60_000;

/** How `until` polls. */
export interface UntilOptions {
  /** Give up after this long, ms (default `TEST_DEADLINE_MS`). */
  timeoutMs?: number;
  /** Pause between two checks, ms (default 5): the event loop runs in between. */
  intervalMs?: number;
  /** Said after `what` when the deadline passes (the state the test saw, for the failure message). */
  detail?: () => string;
}

/**
 * Resolve once `condition()` holds, checking now and then every `intervalMs`; reject with an error
 * naming `what` when it still does not hold after `timeoutMs`.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: UntilOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? TEST_DEADLINE_MS;
  const intervalMs = options.intervalMs ?? 5;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (performance.now() > deadline) {
      const detail = options.detail === undefined ? '' : `: ${options.detail()}`;
      throw new Error(`not within ${timeoutMs} ms: ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
