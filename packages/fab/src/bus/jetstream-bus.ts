// The scaled layout's bus (FAB.md "Two ways to run, one code path"): one NATS connection, the record
// stream, and from it the four parts a process needs: a sink for collectors, store writers, the live
// feed and the tool status board (a KV bucket).
import { fail as failWith, issue, ok, type Result } from '@bondline/core';
import {
  AckPolicy,
  DiscardPolicy,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import type { LiveFeed, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabStore } from '../store/fab-store.js';
import { JetStreamSink, type JetStreamSinkOptions } from './jetstream-sink.js';
import { KvStatusBoard } from './kv-status-board.js';
import { NatsLiveFeed } from './nats-live-feed.js';
import { StoreWriter, type StoreWriterOptions } from './store-writer.js';

export type BusIssueCode =
  /** NATS cannot be reached, or JetStream is not enabled on it. */
  | 'bus-unavailable'
  /** The stream, consumer or bucket exists with a configuration this bus cannot use, or a name is not valid. */
  | 'bus-misconfigured';

export interface JetStreamBusOptions {
  /** NATS servers, `host:port`. */
  readonly servers: string | readonly string[];
  /** The record stream. Default `BONDLINE_RECORDS`. */
  readonly stream?: string;
  /** Records are published on `<subjectPrefix>.<tool>`; the stream takes `<subjectPrefix>.>`. Default `bondline.records`. */
  readonly subjectPrefix?: string;
  /** Where store writers announce committed records (core NATS). Default `bondline.committed`. */
  readonly committedSubject?: string;
  /** The KV bucket of tool statuses. Default `bondline_tool_status`. */
  readonly statusBucket?: string;
  /** Messages published twice within this window are stored once, ms. Default 120,000. */
  readonly duplicateWindowMs?: number;
  /** Default 10,000 ms. */
  readonly connectTimeoutMs?: number;
  /** Shown by the server (`nats server report connections`). */
  readonly connectionName?: string;
}

export interface StoreWriterStart extends StoreWriterOptions {
  /** The durable consumer the writers share. Default `bondline-store-writer`. */
  readonly durable?: string;
  /** How long a delivered message may stay unacknowledged before it goes to another writer, ms. Default 30,000. */
  readonly ackWaitMs?: number;
  /** Messages the writer takes ahead of the one being written. Default 256. */
  readonly pull?: number;
}

export interface JetStreamBus {
  /** The stream's name and the subject prefix in use. */
  readonly stream: string;
  readonly subjectPrefix: string;
  /** A RecordSink for a collector: resolves when JetStream acknowledged its records. */
  sink(options?: JetStreamSinkOptions): JetStreamSink;
  /** Start a store writer on the durable consumer (created when missing), writing into `store`. */
  startStoreWriter(store: FabStore, options?: StoreWriterStart): Promise<Result<StoreWriter, BusIssueCode>>;
  /** The committed records announced by store writers. */
  liveFeed(): LiveFeed;
  /** The tool status board (the KV bucket, created when missing). */
  statusBoard(): Promise<Result<ToolStatusBoard, BusIssueCode>>;
  /** Stop the store writers started here (each finishes its batch), then drain and close the connection. */
  close(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Connect to NATS and make sure the record stream exists; `bus-unavailable` when NATS cannot be reached. */
export async function openJetStreamBus(
  options: JetStreamBusOptions,
): Promise<Result<JetStreamBus, BusIssueCode>> {
  const stream = options.stream ?? 'BONDLINE_RECORDS';
  const prefix = options.subjectPrefix ?? 'bondline.records';
  const committed = options.committedSubject ?? 'bondline.committed';
  const bucket = options.statusBucket ?? 'bondline_tool_status';
  const bad = (what: string, value: string) =>
    fail('bus-misconfigured', `${what} ${JSON.stringify(value)} is not a valid NATS name`, what);
  if (!NAME.test(stream)) return bad('stream', stream);
  if (!NAME.test(bucket)) return bad('statusBucket', bucket);
  if (!SUBJECT.test(prefix)) return bad('subjectPrefix', prefix);
  if (!SUBJECT.test(committed) || committed.startsWith(`${prefix}.`))
    return bad('committedSubject', committed);

  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
      timeout: options.connectTimeoutMs ?? 10_000,
      name: options.connectionName ?? 'bondline-fab',
      maxReconnectAttempts: -1,
    });
  } catch (e) {
    return fail('bus-unavailable', `NATS is not reachable at ${String(options.servers)}: ${String(e)}`);
  }
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
    const subjects = [`${prefix}.>`];
    const info = await jsm.streams.info(stream).catch(() => undefined);
    if (info === undefined) {
      await jsm.streams.add({
        name: stream,
        subjects,
        // The stream is the store writers' queue: a message leaves it once a writer stored and acked it.
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        // Full: refuse new records (the collector keeps them, the tool spools) rather than drop old ones.
        discard: DiscardPolicy.New,
        duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
      });
    } else if (!info.config.subjects?.includes(subjects[0] ?? '')) {
      await nc.close();
      return fail(
        'bus-misconfigured',
        `stream ${stream} exists without the subjects ${subjects[0]}`,
        'stream',
      );
    }
  } catch (e) {
    await nc.close().catch(() => undefined);
    return fail('bus-unavailable', `JetStream is not available on ${String(options.servers)}: ${String(e)}`);
  }

  const js = jetstream(nc);
  const maxPayload = nc.info?.max_payload ?? 1024 * 1024;
  const writers: StoreWriter[] = [];
  const sinks: JetStreamSink[] = [];
  let board: ToolStatusBoard | undefined;

  return ok({
    stream,
    subjectPrefix: prefix,
    sink(sinkOptions) {
      const sink = new JetStreamSink(js, prefix, maxPayload, sinkOptions);
      sinks.push(sink);
      return sink;
    },
    async startStoreWriter(store, start = {}) {
      const durable = start.durable ?? 'bondline-store-writer';
      if (!NAME.test(durable)) return bad('durable', durable);
      try {
        const config = {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          ack_wait: nanos(start.ackWaitMs ?? 30_000),
          filter_subject: `${prefix}.>`,
          max_ack_pending: 10_000,
        };
        // Adding a durable that exists with the same configuration is a no-op; writers may race here.
        await jsm.consumers.add(stream, config).catch(async (e: unknown) => {
          if ((await jsm.consumers.info(stream, durable).catch(() => undefined)) === undefined) throw e;
        });
        const consumer = await js.consumers.get(stream, durable);
        const writer = new StoreWriter(store, nc, consumer, committed, start.pull ?? 256, start);
        writers.push(writer);
        return ok(writer);
      } catch (e) {
        return fail(
          'bus-unavailable',
          `could not start a store writer on ${stream}/${durable}: ${String(e)}`,
        );
      }
    },
    liveFeed() {
      return new NatsLiveFeed(nc, committed);
    },
    async statusBoard() {
      if (board !== undefined) return ok(board);
      try {
        const kv = await new Kvm(nc).create(bucket, { history: 1 });
        board = new KvStatusBoard(kv);
        return ok(board);
      } catch (e) {
        return fail('bus-unavailable', `could not open the KV bucket ${bucket}: ${String(e)}`);
      }
    },
    async close() {
      for (const s of sinks) s.close();
      await Promise.all(writers.map((w) => w.stop()));
      if (!nc.isClosed()) await nc.drain().catch(() => undefined);
    },
  });
}

function fail(code: BusIssueCode, message: string, path?: string) {
  return failWith(issue(code, message, path));
}
