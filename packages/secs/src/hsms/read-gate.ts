// Whether a connection reads its peer: reading stops while any reason holds it (replies that cannot
// be written, too many of the peer's primaries still being handled) and resumes when none does.

import type { Transport } from './transport.js';

export type ReadHold = 'outbound' | 'handlers';

export class ReadGate {
  private readonly holds = new Set<ReadHold>();

  constructor(
    private readonly transport: Transport,
    /** Reading resumed. */
    private readonly resumed: () => void,
  ) {}

  /** True while some reason stops reading. */
  get paused(): boolean {
    return this.holds.size > 0;
  }

  hold(reason: ReadHold): void {
    if (this.holds.has(reason)) return;
    if (this.holds.size === 0) this.transport.pauseReading();
    this.holds.add(reason);
  }

  release(reason: ReadHold): void {
    if (!this.holds.delete(reason) || this.holds.size > 0) return;
    this.transport.resumeReading();
    this.resumed();
  }
}
