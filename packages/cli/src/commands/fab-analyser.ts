// The per-pair analyser beside the part of the fab that commits records (docs/fab.md "Per-pair
// analysis", where and when): `fab up` runs it on its own commits (the embedded feed, or its store
// writer's), `fab store` on each store writer's commits. The products' physics models come from the
// configuration's `products` (relative to the configuration file), else the simulated tool's shipped one.
import { dirname, resolve } from 'node:path';
import { formatIssues, type Issue } from '@bondline/core';
import {
  type AnalysedPair,
  type FabConfig,
  type FabStore,
  type LiveFeed,
  loadProductBonds,
  type PairAnalyser,
  startPairAnalyser,
} from '@bondline/fab';
import { CliError } from '../cli-error.js';

/** Start the analyser on `feed`; a product that does not load is a CliError (exit 2). */
export async function startAnalyserOrFail(
  store: FabStore,
  feed: LiveFeed,
  config: Pick<FabConfig, 'tools' | 'products'> | undefined,
  configPath: string | undefined,
  log: (issue: Issue) => void,
  /** Each stored analysis (SPC charts it). */
  onAnalysed?: (a: AnalysedPair) => void,
): Promise<PairAnalyser> {
  const bonds = await loadProductBonds(config ?? { tools: [] }, {
    configDir: configPath === undefined ? process.cwd() : dirname(resolve(configPath)),
  });
  if (!bonds.ok) throw new CliError(`--config: products: ${formatIssues(bonds.issues)}`);
  return startPairAnalyser({
    store,
    feed,
    bondFor: bonds.value.bondFor,
    onIssue: log,
    ...(onAnalysed === undefined ? {} : { onAnalysed }),
  });
}

/** One progress line of the analyser's counters. */
export function analyserLine(a: PairAnalyser): string {
  const c = a.counters();
  return `analysed ${c.stored} pairs (${c.withIssues} with issues), ${c.queued} queued, ${c.skipped} skipped, ${c.failed} failed`;
}
