// Equipment time (the E30 clock): the wall clock plus the offset the host set with S2F31. The offset,
// not a time, is what persists, so after a restart equipment time runs on from the wall clock as it did
// before, host correction included.

export class EquipmentTime {
  /** Equipment time minus wall time, ms (0 until a host sets the clock). */
  offsetMs = 0;

  /** `wallClock`: wall time, epoch ms. */
  constructor(private readonly wallClock: () => number) {}

  /** Equipment time, epoch ms. */
  now(): number {
    return this.wallClock() + this.offsetMs;
  }

  /** The host set the clock to `epochMs`. */
  set(epochMs: number): void {
    this.offsetMs = epochMs - this.wallClock();
  }
}
