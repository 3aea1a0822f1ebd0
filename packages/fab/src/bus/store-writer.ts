// The store writer of the scaled layout: a durable pull consumer with explicit acks on the record
// stream. Messages are taken as they come, up to `maxBatchRecords` at a time, written into the store in
// ONE writeBatch, and acknowledged only once it has committed, so a writer killed at any point loses
// nothing (the unacknowledged messages are delivered again after the ack wait) and stores nothing twice
// (the store ignores a record whose key it has). Several writers, in one process or many, may share
// one durable consumer: JetStream hands each message to one of them.
import type { Issue } from '@bondline/core';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import { MAX_BATCH_RECORDS } from '../store/record-rows.js';
import type { FabRecord } from '../store/records.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { decodeRecords } from './record-codec.js';
import { isTransient } from './sink-issues.js';

/** A message the writer gave up on (terminated): it cannot be stored as it is. */
export interface RejectedMessage {
  readonly subject: string;
  /** Its stream sequence. */
  readonly seq: number;
  readonly issues: readonly Issue<StoreIssueCode | 'bad-message'>[];
}

export interface StoreWriterOptions {
  /** Records written in one transaction at most (a message is never split). Default 10,000. */
  readonly maxBatchRecords?: number;
  /**
   * Batches being written at once (1..8): while one commits, the next is decoded, checked and sent,
   * so the writer's own work overlaps the database's. Each needs a store connection of its own (a
   * PostgreSQL store's `poolSize`). Default 2.
   */
  readonly concurrentBatches?: number;
  /** Waits while the store is unavailable. */
  readonly backoff?: BackoffOptions;
  /**
   * A message whose records name a row not stored yet (`unknown-reference`: a pair's result whose pair
   * another writer has not committed yet) is delivered again later; after this many deliveries it is
   * terminated and reported to `onRejected`. Default 50.
   */
  readonly maxReferenceDeliveries?: number;
  /** Called for each message terminated (a bad record, a reference never stored, not a record list). */
  readonly onRejected?: (message: RejectedMessage) => void;
  /** Announce each committed message's records on the live feed subject. Default true. */
  readonly announce?: boolean;
  /**
   * Called in this process with each message's records once committed and acked (the analytics that
   * run beside the writer, e.g. the per-pair analyser, take what this writer stored from here rather
   * than from the at-most-once NATS announcement). A throw is reported on a later turn, as the
   * embedded feed does, and does not fail the write.
   */
  readonly onCommitted?: (records: readonly FabRecord[]) => void;
}

export interface StoreWriterStats {
  /** Messages and records committed and acknowledged (a redelivered message counts again). */
  readonly messages: number;
  readonly records: number;
  /** Store batches that failed and were delivered again later (store down, or a reference not yet there). */
  readonly retries: number;
  readonly rejected: number;
}

// A pull stays open this long (the server's idle heartbeats come at half of it).
const FETCH_EXPIRES_MS = 5000;

interface Taken {
  readonly msg: JsMsg;
  readonly records: readonly FabRecord[];
}

/** A running store writer. */
export class StoreWriter {
  readonly #store: FabStore;
  readonly #nc: NatsConnection;
  readonly #announceSubject: string | undefined;
  readonly #maxRecords: number;
  readonly #maxReferenceDeliveries: number;
  readonly #onRejected: (m: RejectedMessage) => void;
  readonly #onCommitted: ((records: readonly FabRecord[]) => void) | undefined;
  readonly #backoff: Backoff;
  readonly #consumer: Consumer;
  readonly #pull: number;
  readonly #concurrent: number;
  readonly #done: Promise<void>;
  /** Batches being written, each until committed and acked (or given back). */
  readonly #writing = new Set<Promise<void>>();
  /** While the store is unavailable: the wait before the next batch may start. */
  #paused: Promise<void> | undefined;
  /** A write that threw (a bug, not a store issue): thrown again by the run loop. */
  #failure: { readonly error: unknown } | undefined;
  #stopping = false;
  readonly #wakes = new Set<() => void>();
  #stats = { messages: 0, records: 0, retries: 0, rejected: 0 };

  /** Use `JetStreamBus.startStoreWriter`. */
  constructor(
    store: FabStore,
    nc: NatsConnection,
    consumer: Consumer,
    announceSubject: string,
    pull: number,
    options: StoreWriterOptions,
  ) {
    this.#store = store;
    this.#nc = nc;
    this.#consumer = consumer;
    this.#pull = pull;
    this.#announceSubject = options.announce === false ? undefined : announceSubject;
    this.#maxRecords = options.maxBatchRecords ?? 10_000;
    if (
      !Number.isSafeInteger(this.#maxRecords) ||
      this.#maxRecords < 1 ||
      this.#maxRecords > MAX_BATCH_RECORDS
    ) {
      throw new RangeError(`maxBatchRecords ${this.#maxRecords} is not an integer 1..${MAX_BATCH_RECORDS}`);
    }
    this.#concurrent = options.concurrentBatches ?? 2;
    if (!Number.isSafeInteger(this.#concurrent) || this.#concurrent < 1 || this.#concurrent > 8) {
      throw new RangeError(`concurrentBatches ${this.#concurrent} is not an integer 1..8`);
    }
    this.#maxReferenceDeliveries = options.maxReferenceDeliveries ?? 50;
    this.#onRejected = options.onRejected ?? (() => undefined);
    this.#onCommitted = options.onCommitted;
    this.#backoff = new Backoff(options.backoff);
    this.#done = this.#run();
  }

  stats(): StoreWriterStats {
    return { ...this.#stats };
  }

  /**
   * Finish the batches being written (and acknowledge them), then stop taking messages: those of the
   * current pull (open for at most 5 s more) are given back (nak) for another writer.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const wake of this.#wakes) wake();
    await this.#done;
  }

  async #run(): Promise<void> {
    try {
      await this.#pullLoop();
    } finally {
      while (this.#writing.size > 0) await Promise.all(this.#writing);
    }
    this.#rethrow();
  }

  async #pullLoop(): Promise<void> {
    while (!this.#stopping && !this.#nc.isClosed()) {
      this.#rethrow();
      let messages: ConsumerMessages;
      try {
        // A pull of up to `pull` messages: they are handed over as they arrive.
        messages = await this.#consumer.fetch({ max_messages: this.#pull, expires: FETCH_EXPIRES_MS });
      } catch {
        // NATS unreachable (the client reconnects by itself) or the consumer gone: wait and pull again.
        await this.#sleep(this.#backoff.next());
        continue;
      }
      await this.#take(messages);
    }
  }

  async #take(messages: ConsumerMessages): Promise<void> {
    let batch: Taken[] = [];
    let size = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const taken = batch;
      batch = [];
      size = 0;
      await this.#slot();
      this.#start(taken);
    };
    try {
      for await (const msg of messages) {
        if (this.#stopping) {
          // Given back at once, for another writer, rather than left to the ack wait.
          settle(() => msg.nak());
          continue;
        }
        const decoded = decodeRecords(msg.data);
        if (!decoded.ok) {
          this.#reject(msg, decoded.issues);
        } else {
          if (size + decoded.value.length > this.#maxRecords) await flush();
          batch.push({ msg, records: decoded.value });
          size += decoded.value.length;
        }
        // Write when nothing more is waiting: a quiet stream is written at once, a busy one in large batches.
        if (messages.getPending() === 0 || size >= this.#maxRecords) await flush();
      }
    } catch {
      // The pull ended early (the connection dropped, heartbeats missed while this process was held up):
      // what was taken is still written below; what was not is delivered again after the ack wait.
    }
    await flush();
  }

  /** Wait until another batch may be written: a free place, and no wait for the store pending. */
  async #slot(): Promise<void> {
    for (;;) {
      this.#rethrow();
      const paused = this.#paused;
      if (paused !== undefined) await paused;
      else if (this.#writing.size >= this.#concurrent) await Promise.race(this.#writing);
      else return;
    }
  }

  /** Write `batch` alongside the others being written. */
  #start(batch: readonly Taken[]): void {
    const writing: Promise<void> = this.#write(batch)
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => this.#writing.delete(writing));
    this.#writing.add(writing);
  }

  #rethrow(): void {
    if (this.#failure !== undefined) throw this.#failure.error;
  }

  async #write(batch: readonly Taken[]): Promise<void> {
    const records = batch.length === 1 ? (batch[0]?.records ?? []) : batch.flatMap((t) => t.records);
    const r = await this.#store.writeBatch(records);
    if (r.ok) {
      this.#backoff.reset();
      for (const t of batch) this.#committed(t);
      return;
    }
    if (r.issues.some((i) => isTransient(i.code))) {
      // The store is down or busy: every message comes back after the wait, and this writer waits too
      // rather than fail the messages it receives meanwhile.
      const wait = this.#backoff.next();
      this.#stats.retries++;
      for (const t of batch) settle(() => t.msg.nak(wait));
      const paused = this.#sleep(wait);
      this.#paused = paused;
      await paused;
      if (this.#paused === paused) this.#paused = undefined;
      return;
    }
    if (batch.length > 1) {
      // One message's records refused the batch: write each message alone, so the others are stored.
      for (const t of batch) await this.#write([t]);
      return;
    }
    const only = batch[0];
    if (only === undefined) return;
    const unknownReference = r.issues.every((i) => i.code === 'unknown-reference');
    if (unknownReference && only.msg.info.deliveryCount < this.#maxReferenceDeliveries) {
      // Its lot or pair is in a message another writer holds, or one still waiting in the stream.
      this.#stats.retries++;
      settle(() => only.msg.nak(Math.min(5000, 200 * only.msg.info.deliveryCount)));
      return;
    }
    this.#reject(only.msg, r.issues);
  }

  #committed(t: Taken): void {
    settle(() => t.msg.ack());
    this.#stats.messages++;
    this.#stats.records += t.records.length;
    // The message body is already a record list: announced as it came, after the commit.
    if (this.#announceSubject !== undefined && !this.#nc.isClosed())
      this.#nc.publish(this.#announceSubject, t.msg.data);
    if (this.#onCommitted !== undefined) {
      try {
        this.#onCommitted(t.records);
      } catch (e) {
        setImmediate(() => {
          throw e;
        });
      }
    }
  }

  #reject(msg: JsMsg, issues: readonly Issue<StoreIssueCode | 'bad-message'>[]): void {
    settle(() => msg.term(issues[0]?.message.slice(0, 200)));
    this.#stats.rejected++;
    this.#onRejected({ subject: msg.subject, seq: msg.seq, issues });
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wakes = this.#wakes;
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakes.delete(done);
        resolve();
      }
      wakes.add(done);
    });
  }
}

// An ack, nak or term on a connection closed meanwhile throws; the message is then simply delivered
// again after the ack wait, which is what an unanswered message means anyway.
function settle(answer: () => void): void {
  try {
    answer();
  } catch {
    // nothing to do: see above
  }
}
