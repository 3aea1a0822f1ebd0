// Open S7 conversations: after PPGNT 0 the host owes the S7F3 it was granted; if it does not come
// within the conversation timeout the equipment reports it with S9F13 (E5).

import type { Clock, TimerHandle } from '../../hsms/clock.js';

export class ProgramConversations {
  private readonly open = new Map<string, TimerHandle>();

  /**
   * @param timeoutMs time allowed between PPGNT 0 and the S7F3 (ms)
   * @param expired called with the PPID whose S7F3 did not arrive in time
   */
  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly expired: (ppid: string) => void,
  ) {}

  /** Start (or restart) waiting for the S7F3 of `ppid`. */
  expect(ppid: string): void {
    const old = this.open.get(ppid);
    if (old !== undefined) this.clock.clearTimeout(old);
    this.open.set(
      ppid,
      this.clock.setTimeout(() => {
        this.open.delete(ppid);
        this.expired(ppid);
      }, this.timeoutMs),
    );
  }

  /** The S7F3 of `ppid` arrived: stop waiting. */
  arrived(ppid: string): void {
    const t = this.open.get(ppid);
    if (t !== undefined) this.clock.clearTimeout(t);
    this.open.delete(ppid);
  }

  /** Forget every open conversation (equipment stopping). */
  stop(): void {
    for (const t of this.open.values()) this.clock.clearTimeout(t);
    this.open.clear();
  }
}
