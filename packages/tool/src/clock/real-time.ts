// The real-world time source a paced clock follows. Injected, so a test of the pacing runs without
// waiting and a test of the controller runs at `max` without any timer at all.

/** Real time as the clock needs it. */
export interface RealTime {
  /** Monotonic real time, milliseconds. */
  nowMs(): number;
  /** Call `fn` after `ms` milliseconds; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Let pending I/O and other tasks run, then continue (no sleep). */
  yieldNow(): Promise<void>;
}

/** The process's real time: performance.now, setTimeout and setImmediate. */
export const systemRealTime: RealTime = {
  nowMs: () => performance.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
  yieldNow: () => new Promise<void>((resolve) => setImmediate(resolve)),
};
