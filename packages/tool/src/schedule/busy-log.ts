// When a resource was busy: intervals of virtual time (processing, or being loaded and unloaded by
// the robot; for the robot, every operation). Overlapping intervals count once.

export class BusyLog {
  private readonly spans: [number, number][] = [];

  /** Busy from `startS` to `endS` (seconds); empty intervals are ignored. */
  add(startS: number, endS: number): void {
    if (endS > startS) this.spans.push([startS, endS]);
  }

  /** Forget every interval (a new lot is measured on its own). */
  clear(): void {
    this.spans.length = 0;
  }

  /** Seconds busy within [fromS, toS]. */
  busyWithin(fromS: number, toS: number): number {
    const clipped = this.spans
      .map(([a, b]): [number, number] => [Math.max(a, fromS), Math.min(b, toS)])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let total = 0;
    let end = Number.NEGATIVE_INFINITY;
    for (const [a, b] of clipped) {
      if (b <= end) continue;
      total += b - Math.max(a, end);
      end = b;
    }
    return total;
  }
}
