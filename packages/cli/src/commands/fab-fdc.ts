// The FDC service beside the part of the fab that commits records (docs/fab.md §9): `fab up` runs it on
// its own commits, `fab store` on its store writer's; checks and faults go out through the record
// sink (the embedded pipeline, or JetStream), so they are stored and streamed as any record.
import type { Issue } from '@bondline/core';
import { type FabStore, FdcService, type LiveFeed, type RecordSink } from '@bondline/fab';

export interface RunningFdc {
  readonly service: FdcService;
  /** Stop following the feed and finish the checks queued. */
  close(): Promise<void>;
}

export function startFdc(
  store: FabStore,
  commits: LiveFeed,
  sink: RecordSink,
  log: (i: Issue) => void,
): RunningFdc {
  const service = new FdcService({ store, sink, log });
  const detach = service.attach(commits);
  return {
    service,
    async close() {
      detach();
      await service.idle();
    },
  };
}

/** One progress line of the FDC counters. */
export function fdcLine(f: RunningFdc): string {
  const c = f.service.counters();
  return `fdc checked ${c.checked} pairs (${c.flagged} flagged, ${c.faults} faults), ${c.pending} pending, ${c.skipped} skipped, ${c.failed} failed`;
}
