// The embedded LiveFeed: listeners called in the process, in commit order, right after each commit.
import type { LiveFeed } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';

type Listener = (records: readonly FabRecord[]) => void;

/** A LiveFeed its owner feeds with `emit` after each commit. */
export class InProcessFeed implements LiveFeed {
  readonly #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    // Wrapped, so the same function subscribed twice is called twice and unsubscribed once each.
    const entry: Listener = (records) => listener(records);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /**
   * Give a committed batch to every listener. A listener that throws does not stop the others nor
   * fail the write that committed the records (they are stored): its error is thrown again on a later
   * turn, where it surfaces as an uncaught exception, the bug it is.
   */
  emit(records: readonly FabRecord[]): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(records);
      } catch (e) {
        setImmediate(() => {
          throw e;
        });
      }
    }
  }
}
