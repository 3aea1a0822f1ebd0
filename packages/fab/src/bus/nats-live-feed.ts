// The LiveFeed of the scaled layout: store writers announce each batch they committed on a core NATS
// subject (after the commit, never before), and an API server in another process subscribes here.
// Core NATS is at most once: a feed that was not connected when a batch was announced misses it, and a
// batch a store writer stored again after a crash (its acknowledgement lost) is announced again. A
// view that must be complete reads the store; the feed is for showing what arrives.
import type { NatsConnection } from '@nats-io/transport-node';
import type { LiveFeed } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';
import { decodeRecords } from './record-codec.js';

export class NatsLiveFeed implements LiveFeed {
  readonly #nc: NatsConnection;
  readonly #subject: string;

  constructor(nc: NatsConnection, subject: string) {
    this.#nc = nc;
    this.#subject = subject;
  }

  subscribe(listener: (records: readonly FabRecord[]) => void): () => void {
    const sub = this.#nc.subscribe(this.#subject, {
      callback: (err, msg) => {
        if (err !== null) return; // the subscription ends (connection closed): nothing more to give
        const decoded = decodeRecords(msg.data);
        // Only store writers publish here, after a commit; anything else on the subject is not a batch.
        if (decoded.ok) listener(decoded.value);
      },
    });
    return () => {
      sub.unsubscribe();
    };
  }
}
