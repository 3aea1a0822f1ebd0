// The fab's collector (docs/fab.md §2): one GEM host per configured tool, every message acknowledged
// only once its records are durable in the sink, each tool's status kept on the status board.
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import type { FabConfig } from '../config/fab-config.js';
import type { RecordSink, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';
import { CommitQueue } from './commit-queue.js';
import type { ConstantLimit, ConstantRequestCode } from './tool-constants.js';
import { ToolLink } from './tool-link.js';

export interface CollectorOptions {
  readonly config: FabConfig;
  readonly sink: RecordSink;
  readonly statusBoard: ToolStatusBoard;
  /** Problems worth a line in a log (a tool that refused the plan, a record the sink refused...). */
  readonly log?: (i: Issue) => void;
  /** Wall clock, epoch ms (received times); default Date.now. */
  readonly clock?: () => number;
}

/** What the collector has done since it started. */
export interface CollectorCounters {
  /** S6F11, S5F1 and S6F1 received from the tools. */
  readonly received: number;
  /** Messages whose records the sink made durable (acknowledged, if their link still stood). */
  readonly stored: number;
  /** Messages received and not yet durable. */
  readonly pending: number;
  /** Messages whose records the sink refused for good (acknowledged and dropped, logged). */
  readonly rejected: number;
  /** Sink writes that succeeded (each may hold many messages). */
  readonly commits: number;
  /** Links lost after they were selected. */
  readonly reconnects: number;
}

export interface Collector {
  counters(): CollectorCounters;
  /** Receive-to-commit latencies (ms) of the newest messages stored (up to 100,000), in no order. */
  latencies(): readonly number[];
  /** S2F29 on `toolId`'s link: the named constants' limits (used by the fab's R2R). */
  constantLimits(
    toolId: string,
    names: readonly string[],
  ): Promise<Result<ConstantLimit[], ConstantRequestCode>>;
  /** S2F15 on `toolId`'s link: set the named constants (F8), the tool's EAC (used by the fab's R2R). */
  setConstants(
    toolId: string,
    values: readonly { name: string; value: number }[],
  ): Promise<Result<{ eac: number }, ConstantRequestCode>>;
  /** S2F13 on `toolId`'s link: the named constants' current values. */
  readNumericConstants(
    toolId: string,
    names: readonly string[],
  ): Promise<Result<Record<string, number>, ConstantRequestCode>>;
  /** Stop every link (Separate), settle what waits without acknowledging it. */
  close(): Promise<void>;
}

/** Check period of the sink-stall rule (links dropped while the sink fails, docs/fab.md §2.2). */
const STALL_CHECK_MS = 100;

/** Connect to every tool of the configuration and collect. */
export async function startCollector(o: CollectorOptions): Promise<Result<Collector>> {
  const { config } = o;
  const log = o.log ?? (() => {});
  const now = o.clock ?? Date.now;
  const settings = config.collector;
  const links: ToolLink[] = [];
  const queue = new CommitQueue(o.sink, {
    maxBatchRecords: settings.maxBatchRecords,
    retryMinMs: settings.retryMinMs,
    retryMaxMs: settings.retryMaxMs,
    rejected: (m, issues) =>
      log(
        issue(
          'records-refused',
          `${m.toolId}: the sink refused a message's ${m.records.length} records, dropped: ${issues.map((i) => i.message).join('; ')}`,
        ),
      ),
    sinkState: (failing) => {
      if (!failing) for (const l of links) l.resume();
    },
  });
  const orgs: FabRecord[] = [
    { type: 'organisation', id: config.fab.id, name: config.fab.name, role: 'fab' },
    ...config.makers.map((m): FabRecord => ({ type: 'organisation', id: m.id, name: m.name, role: 'maker' })),
  ];
  for (const tool of config.tools) {
    const maker = orgs.find((r) => r.type === 'organisation' && r.id === tool.maker);
    const toolRecord: FabRecord = {
      type: 'tool',
      id: tool.id,
      name: tool.name,
      organisationId: tool.maker,
      address: tool.address,
      port: tool.port,
      deviceId: tool.deviceId,
    };
    links.push(
      new ToolLink(tool, {
        queue,
        board: o.statusBoard,
        baseRecords: [...(maker === undefined ? [] : [maker]), toolRecord],
        maxPendingMessages: settings.maxPendingMessages,
        log,
        now,
      }),
    );
  }
  // The sink failing past stallSeparateMs with a tool's messages unanswered: that tool's link drops.
  const stall = setInterval(() => {
    const since = queue.failingSince;
    if (since === undefined || performance.now() - since < settings.stallSeparateMs) return;
    for (const l of links) if (queue.pending(l.tool.id) > 0) l.hold();
  }, STALL_CHECK_MS);
  stall.unref();
  for (const l of links) l.start();
  return ok({
    counters: () => ({
      received: links.reduce((n, l) => n + l.received, 0),
      stored: queue.stored,
      pending: queue.pending(),
      rejected: queue.rejectedMessages,
      commits: queue.commits,
      reconnects: links.reduce((n, l) => n + l.reconnects, 0),
    }),
    latencies: () => queue.latencies(),
    constantLimits: async (toolId, names) => {
      const l = links.find((x) => x.tool.id === toolId);
      return l === undefined
        ? fail(issue('unknown-tool', `no tool ${toolId} is collected`))
        : l.constants.limits(names);
    },
    readNumericConstants: async (toolId, names) => {
      const l = links.find((x) => x.tool.id === toolId);
      return l === undefined
        ? fail(issue('unknown-tool', `no tool ${toolId} is collected`))
        : l.constants.read(names);
    },
    setConstants: async (toolId, values) => {
      const l = links.find((x) => x.tool.id === toolId);
      return l === undefined
        ? fail(issue('unknown-tool', `no tool ${toolId} is collected`))
        : l.constants.set(values);
    },
    close: async () => {
      clearInterval(stall);
      await Promise.all(links.map((l) => l.close()));
      queue.close();
    },
  });
}
