// The equipment's side of persistence: start-up puts the stored items back, every change of a
// persisted item hands the whole snapshot to the StateStore (which rewrites only the documents that
// changed), and flush() waits for the writes. Without a store it does nothing.
//
// A reply that acknowledges a change must not go out before the change is on disk (E30: what the
// equipment acknowledged survives a power cut). The writes are asynchronous, so the equipment takes a
// `mark()` when a host primary arrives and, before writing its reply, awaits `durableSince(mark)`:
// every save asked for since then (by the handler or by anything else meanwhile) has landed.

import { type PersistedParts, restoreState, snapshotState } from './persisted-state.js';
import type { StateStore } from './state-store.js';

export class EquipmentPersistence {
  private saving: Promise<void> = Promise.resolve();
  // Nothing is saved before the stored state is back: a snapshot of the model's defaults would
  // overwrite it (and a DATAID mark of 0 would let ids repeat).
  private restored = false;
  // Saves asked for so far, the ones not yet settled (by number), and the highest that failed.
  private saves = 0;
  private readonly inFlight = new Map<number, Promise<void>>();
  private lastFailed = -1;

  constructor(
    private readonly store: StateStore | undefined,
    private readonly parts: PersistedParts,
    private readonly fail: (err: unknown) => void,
  ) {}

  /** Load and apply the stored items; resolves once the DATAID block reserved for this run is saved. */
  async restore(): Promise<void> {
    if (this.store === undefined) return;
    restoreState(this.parts, await this.store.load());
    this.restored = true;
    // Unlike later saves, a failure here fails the start: DATAIDs must not be handed out unreserved.
    const first = this.store.save(snapshotState(this.parts));
    this.saving = first.catch(() => {});
    await first;
  }

  /** Write the persisted items as they are now (coalesced by the store); a failure is reported. */
  save(): void {
    if (this.store === undefined || !this.restored) return;
    const n = this.saves++;
    const done = this.store.save(snapshotState(this.parts)).then(
      () => {},
      (e: unknown) => {
        this.lastFailed = Math.max(this.lastFailed, n);
        this.fail(e);
      },
    );
    this.inFlight.set(n, done);
    void done.then(() => this.inFlight.delete(n));
    this.saving = done;
  }

  /** Saves asked for so far: pass to `durableSince`. */
  mark(): number {
    return this.saves;
  }

  /**
   * Resolves once every save asked for since `mark` is on disk: true, or false when one of them
   * failed (already reported). At once, true, when none was asked for.
   */
  async durableSince(mark: number): Promise<boolean> {
    const waits = [...this.inFlight].filter(([n]) => n >= mark).map(([, p]) => p);
    await Promise.all(waits);
    return this.lastFailed < mark;
  }

  /** Resolves once the state written so far is on disk. */
  async flush(): Promise<void> {
    let last: Promise<void> | undefined;
    while (last !== this.saving) {
      last = this.saving;
      await last;
    }
  }
}
