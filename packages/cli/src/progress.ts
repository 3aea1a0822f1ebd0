/** Where a progress bar draws: a TTY-aware writable such as process.stderr. */
interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** Default: process.stderr. */
  stream?: ProgressStream;
  /** Clock in ms; injected for tests (default Date.now). */
  now?: () => number;
  /** Show nothing for runs shorter than this (ms; default 1000). */
  delayMs?: number;
  /** Minimum time between redraws (ms; default 100). */
  intervalMs?: number;
  /** Unit shown after the counts, e.g. 'wafers'. */
  unit?: string;
}

export interface Progress {
  /** Report `done` of `total` finished. */
  update(done: number): void;
  /** Erase the bar (if it was drawn). */
  finish(): void;
}

/**
 * A one-line progress bar on stderr for long runs: nothing at all when the
 * stream is not a terminal (logs and pipes stay clean) or when the run ends
 * within `delayMs`.
 */
export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const delayMs = opts.delayMs ?? 1000;
  const intervalMs = opts.intervalMs ?? 100;
  const unit = opts.unit === undefined ? '' : ` ${opts.unit}`;
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  if (stream.isTTY !== true) return { update: () => {}, finish: () => {} };
  return {
    update(done: number) {
      const t = now();
      if (t - start < delayMs || t - lastDraw < intervalMs) return;
      lastDraw = t;
      shown = true;
      stream.write(`\r\x1b[K${renderBar(label, done, total, t - start, unit, stream.columns ?? 80)}`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** The bar text for `done` of `total` after `elapsedMs`, fitted to `columns`. */
export function renderBar(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  unit: string,
  columns: number,
): string {
  const f = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const eta = f > 0 ? Math.round((elapsedMs * (1 - f)) / f / 1000) : undefined;
  const tail = ` ${Math.floor(f * 100)
    .toString()
    .padStart(3)}% ${done}/${total}${unit}${eta === undefined ? '' : `, ${eta} s left`}`;
  const width = Math.max(10, Math.min(40, columns - label.length - tail.length - 4));
  const filled = Math.round(f * width);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`;
}
