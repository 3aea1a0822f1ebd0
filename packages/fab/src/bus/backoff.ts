// Waits that grow while something keeps failing (the store is down) and start small again after a
// success, with jitter so that several store writers do not retry in step.

export interface BackoffOptions {
  /** The first wait, ms. Default 100. */
  readonly initialMs?: number;
  /** The longest wait, ms. Default 5000. */
  readonly maxMs?: number;
}

export class Backoff {
  readonly #initial: number;
  readonly #max: number;
  #failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.#initial = options.initialMs ?? 100;
    this.#max = options.maxMs ?? 5000;
    if (!(this.#initial > 0 && this.#max >= this.#initial)) {
      throw new RangeError(`backoff: need 0 < initialMs (${this.#initial}) <= maxMs (${this.#max})`);
    }
  }

  /** The wait after one more failure, ms: doubling from `initialMs` up to `maxMs`, less up to a quarter of jitter. */
  next(): number {
    const full = Math.min(this.#max, this.#initial * 2 ** Math.min(this.#failures, 30));
    this.#failures++;
    return Math.round(full * (1 - Math.random() * 0.25));
  }

  reset(): void {
    this.#failures = 0;
  }
}
