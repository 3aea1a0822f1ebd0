// DATAID of the equipment's event reports (S6F11, and the S6F16 answer to S6F15): one counter that does
// not repeat an id after a restart. E5 only asks a DATAID to be unique within a transaction set, but a
// host may drop a spooled S6F11 whose DATAID it has already seen, so no id may be handed out twice.
//
// Writing the counter per event would cost one store write (an fsync) per event. Instead a high-water
// mark is persisted: ids are handed out only up to the saved mark, and a new mark one block ahead is
// saved when half the block is left, so the write (asynchronous, a few ms) has landed long before the
// ids it covers are used (it could only lag if half a block of events, 5,000, were produced while that
// one document write was still in progress). After a restart counting resumes above the saved mark;
// the at most one block skipped is a gap, which hosts do not mind. A block of 10,000 makes about 12 writes per second at 60,000 events per second, and
// the 32-bit DATAID space lasts for over 400,000 restarts before it wraps.

/** Ids reserved per store write. */
export const DATAID_BLOCK = 10_000;
const DATAID_MAX = 0xffffffff;

export class DataIdCounter {
  // A sequence number (exact in a JS number far beyond any run); the DATAID is it modulo the U4 range.
  private seq = 0;
  private reservedThrough = 0;

  /** `reserve` is called with each new mark and should persist it. */
  constructor(
    private readonly reserve: (reservedThrough: number) => void,
    private readonly block = DATAID_BLOCK,
  ) {}

  /** Continue after a saved mark (0: none): every id up to it may have been used before. */
  resumeAfter(reservedThrough: number): void {
    this.seq = Math.max(this.seq, reservedThrough);
    this.reservedThrough = this.seq;
    this.extend();
  }

  /** The mark to persist: no id above it has been handed out. */
  get mark(): number {
    return this.reservedThrough;
  }

  /** The next DATAID, 1..2^32-1 (0 is left out: it is the "no data" DATAID of an empty S6F16). */
  next(): number {
    this.seq += 1;
    if (this.reservedThrough - this.seq < this.block / 2) this.extend();
    return ((this.seq - 1) % DATAID_MAX) + 1;
  }

  private extend(): void {
    this.reservedThrough = this.seq + this.block;
    this.reserve(this.reservedThrough);
  }
}
