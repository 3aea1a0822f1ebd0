// The equipment's side of persistence: start-up puts the stored items back, every change of a
// persisted item hands the whole snapshot to the StateStore (which rewrites only the documents that
// changed), and flush() waits for the writes. Without a store it does nothing.

import { type PersistedParts, restoreState, snapshotState } from './persisted-state.js';
import type { StateStore } from './state-store.js';

export class EquipmentPersistence {
  private saving: Promise<void> = Promise.resolve();
  // Nothing is saved before the stored state is back: a snapshot of the model's defaults would
  // overwrite it (and a DATAID mark of 0 would let ids repeat).
  private restored = false;

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

  /** Write the persisted items as they are now (coalesced by the store). */
  save(): void {
    if (this.store === undefined || !this.restored) return;
    this.saving = this.store.save(snapshotState(this.parts)).catch((e: unknown) => this.fail(e));
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
