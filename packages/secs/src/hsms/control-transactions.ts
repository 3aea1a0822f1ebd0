// The open control transactions of one connection (Select, Deselect, Linktest), keyed by system
// bytes, each with its T6 timer.

import type { Clock, TimerHandle } from './clock.js';
import { sTypeName } from './control.js';
import { HsmsError } from './errors.js';
import { type HsmsHeader, SType } from './frame.js';

export type ControlKind = 'select' | 'deselect' | 'linktest';

interface ControlPending {
  kind: ControlKind;
  timer: TimerHandle;
  settle: ((status: number) => void) | undefined;
  resolve: (status: number) => void;
  reject: (e: HsmsError) => void;
}

const RESPONSE_OF: Readonly<Record<number, ControlKind>> = {
  [SType.selectRsp]: 'select',
  [SType.deselectRsp]: 'deselect',
  [SType.linktestRsp]: 'linktest',
};

export class ControlTransactions {
  private readonly pending = new Map<number, ControlPending>();

  constructor(
    private readonly clock: Clock,
    private readonly t6Ms: number,
    /** A response did not come within T6 (the transaction has already failed with `err`). */
    private readonly expired: (err: HsmsError) => void,
  ) {}

  has(systemBytes: number): boolean {
    return this.pending.has(systemBytes);
  }

  /** Open a transaction of `kind` (request `sType`); the promise settles with the response's status. */
  add(
    kind: ControlKind,
    sType: number,
    systemBytes: number,
    settle: ((status: number) => void) | undefined,
  ): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        if (!this.pending.delete(systemBytes)) return;
        const err = new HsmsError(
          't6-timeout',
          `no ${sTypeName(sType + 1)} within T6 = ${this.t6Ms / 1000} s`,
        );
        reject(err);
        this.expired(err);
      }, this.t6Ms);
      this.pending.set(systemBytes, { kind, timer, settle, resolve, reject });
    });
  }

  /** A Select/Deselect/Linktest.rsp: settle its transaction; false when it answers none. */
  respond(h: HsmsHeader): boolean {
    const p = this.pending.get(h.systemBytes);
    if (p === undefined || p.kind !== RESPONSE_OF[h.sType]) return false;
    this.pending.delete(h.systemBytes);
    this.clock.clearTimeout(p.timer);
    p.settle?.(h.function);
    p.resolve(h.function);
    return true;
  }

  /** Fail one transaction (the peer rejected it); false if none is open under these bytes. */
  reject(systemBytes: number, err: HsmsError): boolean {
    const p = this.pending.get(systemBytes);
    if (p === undefined) return false;
    this.pending.delete(systemBytes);
    this.clock.clearTimeout(p.timer);
    p.reject(err);
    return true;
  }

  /** The connection closed: every open transaction fails with `reason`. */
  failAll(reason: HsmsError): void {
    const all = Array.from(this.pending.values());
    this.pending.clear();
    for (const p of all) {
      this.clock.clearTimeout(p.timer);
      p.reject(reason);
    }
  }
}
