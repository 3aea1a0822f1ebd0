/** Opaque handle of a scheduled callback. */
export type TimerHandle = unknown;

/** Time source and timer scheduling, injected so timer behaviour is tested without waiting. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Real time: performance.now and Node timers. Timers are unref'd so an idle session never keeps a process alive. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
