import type { BondParams } from '../params.js';
import type { McResult } from '../results.js';
import { LotRun } from './lot-run.js';

export interface MonteCarloOptions {
  /** Wafer pairs to simulate (>= 1). */
  wafers: number;
  /** Seed of the generator (integer in [0, 2^53)); the same seed gives the same result. */
  seed: number;
  /** Called after every wafer pair with (done, total), e.g. to draw a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between wafer pairs: an aborted signal stops the run with MonteCarloCancelled. */
  signal?: AbortSignal;
}

/** The run was cancelled through its signal; `wafersDone` pairs had finished. */
export class MonteCarloCancelled extends Error {
  readonly code = 'cancelled' as const;
  constructor(readonly wafersDone: number) {
    super(`Monte Carlo cancelled after ${wafersDone} wafer pairs`);
    this.name = 'MonteCarloCancelled';
  }
}

function checkWafers(wafers: number): void {
  if (!Number.isInteger(wafers) || wafers < 1)
    throw new RangeError(`wafers must be an integer >= 1, got ${wafers}`);
}

/**
 * Monte Carlo over a lot of wafer pairs, synchronously (see LotRun for what is
 * drawn). Reproducible: the same params and seed give an identical result.
 * The signal can only fire from inside `onProgress` here; use
 * runMonteCarloAsync to cancel from timers or signal handlers.
 */
export function runMonteCarlo(params: BondParams, options: MonteCarloOptions): McResult {
  checkWafers(options.wafers);
  const run = new LotRun(params, options.seed);
  for (let w = 0; w < options.wafers; w++) {
    if (options.signal?.aborted) throw new MonteCarloCancelled(w);
    run.next();
    options.onProgress?.(w + 1, options.wafers);
  }
  return run.result();
}

/**
 * As runMonteCarlo, but returns to the event loop every `yieldEvery` pairs
 * (default 8) through the injected `pause` (default: setImmediate), so a
 * progress bar redraws and an AbortSignal from a timer or SIGINT handler stops
 * the run. Same result as runMonteCarlo for the same seed.
 */
export async function runMonteCarloAsync(
  params: BondParams,
  options: MonteCarloOptions & { yieldEvery?: number; pause?: () => Promise<void> },
): Promise<McResult> {
  checkWafers(options.wafers);
  const every = Math.max(1, Math.floor(options.yieldEvery ?? 8));
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const run = new LotRun(params, options.seed);
  for (let w = 0; w < options.wafers; w++) {
    if (w > 0 && w % every === 0) await pause();
    if (options.signal?.aborted) throw new MonteCarloCancelled(w);
    run.next();
    options.onProgress?.(w + 1, options.wafers);
  }
  return run.result();
}
