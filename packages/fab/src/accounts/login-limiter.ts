// Login rate limiting (docs/fab.md §14.3): after `maxFailures` failed logins within `windowMs` for one
// key (a user name, or a client address), further attempts on that key are refused until the oldest
// of those failures leaves the window; a success clears the key. Checked for both the name and the
// address, so guessing one user's password from many addresses and many users' from one address are
// both slowed. Memory is bounded: at most `maxKeys` keys are remembered, the least recently failed
// forgotten first.

export interface LoginLimiterOptions {
  /** Failures allowed within the window (default 5). */
  readonly maxFailures?: number;
  /** The window, ms (default 15 minutes). */
  readonly windowMs?: number;
  /** Keys remembered at most (default 100,000). */
  readonly maxKeys?: number;
}

export type LimitCheck =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(o: LoginLimiterOptions = {}) {
    this.maxFailures = o.maxFailures ?? 5;
    this.windowMs = o.windowMs ?? 15 * 60_000;
    this.maxKeys = o.maxKeys ?? 100_000;
    if (!(this.maxFailures >= 1 && this.windowMs > 0 && this.maxKeys >= 1))
      throw new RangeError('login limiter: maxFailures ≥ 1, windowMs > 0, maxKeys ≥ 1');
  }

  /** May an attempt on all of `keys` go ahead at `nowMs`? The longest wait of the keys refused. */
  check(keys: readonly string[], nowMs: number): LimitCheck {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, nowMs);
      if (times.length >= this.maxFailures)
        wait = Math.max(wait, (times[0] ?? nowMs) + this.windowMs - nowMs);
    }
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  /** Count a failed attempt against every key. */
  failed(keys: readonly string[], nowMs: number): void {
    for (const key of keys) {
      const times = this.recent(key, nowMs);
      times.push(nowMs);
      if (times.length > this.maxFailures) times.shift();
      this.failures.delete(key);
      this.failures.set(key, times);
      if (this.failures.size > this.maxKeys) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
    }
  }

  /** A successful login clears its keys. */
  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  /** Keys remembered now. */
  get size(): number {
    return this.failures.size;
  }

  private recent(key: string, nowMs: number): number[] {
    const times = this.failures.get(key) ?? [];
    while (times.length > 0 && (times[0] ?? 0) <= nowMs - this.windowMs) times.shift();
    return times;
  }
}
