// SPC beside the pair analyser (docs/fab.md §8.6): `fab up` and `fab store` chart every pair their
// analyser stores, and write violations through the record sink (the pipeline's, or the bus's) so
// they are stored, streamed and seen by R2R in both layouts. On where the configuration has an
// `spc:` block (unless `enabled: false`), and with `fab up --demo` without one.
import type { Issue } from '@bondline/core';
import {
  contextProduct,
  type FabConfig,
  type FabStore,
  type LiveFeed,
  type R2rSettingsFile,
  type RecordSink,
  SpcService,
  type SpcSettingsFile,
  spcSettingsSchema,
} from '@bondline/fab';

/** The SPC settings in force: the configuration's block, the defaults for a demo, else none (off). */
export function spcSettingsOf(
  config: Pick<FabConfig, 'spc'> | undefined,
  demo: boolean,
): SpcSettingsFile | undefined {
  const block = config?.spc;
  if (block !== undefined) return block.enabled ? block : undefined;
  return demo ? spcSettingsSchema.parse({}) : undefined;
}

export interface SpcBeside {
  readonly service: SpcService;
  /** Stop following the commits and finish the points queued. */
  close(): Promise<void>;
}

/** Start the service on `commits` (the records this process committed), writing violations to `sink`. */
export function startSpc(o: {
  readonly settings: SpcSettingsFile;
  readonly store: FabStore;
  readonly commits: LiveFeed;
  readonly sink: RecordSink;
  /** The R2R settings, for the product of a context (the same key as R2R's). */
  readonly r2r?: R2rSettingsFile;
  readonly log: (i: Issue) => void;
}): SpcBeside {
  const r2r = o.r2r;
  const service = new SpcService({
    settings: o.settings,
    store: o.store,
    sink: o.sink,
    log: o.log,
    productOf: (toolId, recipe) => (r2r === undefined ? 'default' : contextProduct(r2r, toolId, recipe)),
  });
  const detach = service.attach(o.commits);
  return {
    service,
    close: async () => {
      detach();
      await service.idle();
    },
  };
}

/** One progress line of the service's counters. */
export function spcLine(s: SpcService): string {
  const c = s.counters();
  return `spc: ${c.points} points on ${c.charts} charts, ${c.violations} violations${c.failed > 0 ? `, ${c.failed} failed` : ''}`;
}
