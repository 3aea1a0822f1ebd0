// The seeded generator of the operator language (`uniform`, `normal`): the same seed gives the same
// values on every machine, so a scenario run is reproducible. sfc32 (PractRand, Chris Doty-Humphrey)
// with Box-Muller normals; not for cryptography.

export class OperatorRandom {
  private a = 0x9e3779b9;
  private b = 0x243f6a88;
  private c = 0xb7e15162;
  private d: number;
  private spare: number | undefined;

  /** `seed`: an integer 0..2^32-1 (higher bits are ignored). */
  constructor(seed: number) {
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * (this.nextUint32() / 4294967296);
  }

  /** Uniform integer in lo..hi, both included (integers expected). */
  uniformInteger(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * (this.nextUint32() / 4294967296));
  }

  /** Normal with the given mean and standard deviation. */
  normal(mean: number, sd: number): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return mean + sd * s;
    }
    // (0, 1]: never 0, so the log is finite.
    const u = (this.nextUint32() + 1) / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    const t = (2 * Math.PI * this.nextUint32()) / 4294967296;
    this.spare = r * Math.sin(t);
    return mean + sd * r * Math.cos(t);
  }
}
