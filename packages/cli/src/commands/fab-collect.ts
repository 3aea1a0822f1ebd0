// `bondline fab collect --config fab.yaml`: the collector (docs/fab.md §2), a GEM host per tool of the
// configuration. Into the store directly (the embedded layout: --store, or the configuration's store)
// or onto NATS JetStream for store writers (the scaled layout: --bus, or the configuration's bus).
// Every message is acknowledged to its tool only once its records are durable.
import { formatIssues, type Issue } from '@bondline/core';
import {
  type Collector,
  createEmbeddedPipeline,
  type FabConfig,
  type FabStore,
  type JetStreamBus,
  type RecordSink,
  startCollector,
  type ToolStatusBoard,
} from '@bondline/fab';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import { BUS_OPTION_HELP, openBusOrFail } from './fab-bus-option.js';
import { busOptionsOf, CONFIG_OPTION_HELP, fabConfigArg, storeLocationOf } from './fab-layout.js';
import { everyFewSeconds, untilSignal } from './fab-process.js';
import { describeStore, openStoreOrFail, requireMigrated, STORE_OPTION_HELP } from './fab-store-option.js';

const USAGE =
  'bondline fab collect --config <fab.yaml> [--store <sqlite:file|postgres://...> | --bus <nats://host:port>]';

const HELP = `usage: ${USAGE}
  The collector: connects to every tool of the configuration (HSMS active, retried), sets up what its
  collection plan names, and stores every event, alarm and trace sample; each message is acknowledged
  to the tool only once durable, so a collector killed at any moment loses nothing (the tool spools
  and sends again). Until SIGINT or SIGTERM.
${CONFIG_OPTION_HELP} (required)
${STORE_OPTION_HELP}: write into it directly (it must be migrated)
${BUS_OPTION_HELP}: publish there for
                     store writers (bondline fab store) instead
  Without either, the configuration's bus if it has one, else its store.
Exit codes: 0 stopped by a signal, 1 the store or the bus cannot be reached, 2 bad arguments or a bad
configuration.`;

interface Destination {
  readonly sink: RecordSink;
  readonly statusBoard: ToolStatusBoard;
  readonly describe: string;
  close(): Promise<void>;
}

export async function runFabCollect(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      config: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab collect',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  if (values.config === undefined)
    throw usageError('--config is required (the tools to collect from)', USAGE);
  if (values.store !== undefined && values.bus !== undefined) {
    throw usageError('--store and --bus: give one (the store directly, or the bus for store writers)', USAGE);
  }
  const config = await fabConfigArg(values.config);
  const destination = await openDestination(values.store, values.bus, config, values.config);
  try {
    const started = await startCollector({
      config,
      sink: destination.sink,
      statusBoard: destination.statusBoard,
      log: (i: Issue) => process.stderr.write(`fab collect: ${i.message}\n`),
    });
    if (!started.ok) throw new CliError(formatIssues(started.issues));
    const collector = started.value;
    try {
      const signal = untilSignal();
      process.stdout.write(
        `collecting from ${config.tools.length} tool${config.tools.length === 1 ? '' : 's'} (${config.tools.map((t) => t.id).join(', ')}) into ${destination.describe}\n`,
      );
      const progress = everyFewSeconds(() => countersLine(collector));
      const name = await signal;
      progress.stop();
      process.stdout.write(`${name}: stopping; ${countersLine(collector)}\n`);
      return 0;
    } finally {
      await collector.close();
    }
  } finally {
    await destination.close();
  }
}

/** One line of what the collector has done. */
export function countersLine(collector: Collector): string {
  const c = collector.counters();
  return `received ${c.received} messages, stored ${c.stored} in ${c.commits} commits, ${c.pending} pending, ${c.rejected} refused, ${c.reconnects} reconnects`;
}

async function openDestination(
  storeArg: string | undefined,
  busArg: string | undefined,
  config: FabConfig,
  configPath: string,
): Promise<Destination> {
  const busOptions =
    storeArg === undefined ? busOptionsOf(busArg, config, 'bondline-fab-collect') : undefined;
  if (busOptions !== undefined) {
    const bus: JetStreamBus = await openBusOrFail(busOptions);
    const board = await bus.statusBoard();
    if (!board.ok) {
      await bus.close();
      throw new CliError(formatIssues(board.issues), { exitCode: 1 });
    }
    return {
      sink: bus.sink(),
      statusBoard: board.value,
      describe: `NATS JetStream stream ${bus.stream} (${[busOptions.servers].flat().join(',')})`,
      close: () => bus.close(),
    };
  }
  const location = storeLocationOf(storeArg, { value: config, path: configPath });
  if (location === undefined) {
    throw usageError('where to? (--store or --bus, or store: or bus: in --config)', USAGE);
  }
  const store: FabStore = await openStoreOrFail(location, { mustExist: true });
  try {
    await requireMigrated(store, location);
  } catch (err) {
    await store.close();
    throw err;
  }
  const pipeline = createEmbeddedPipeline(store);
  return {
    sink: pipeline.sink,
    statusBoard: pipeline.statusBoard,
    describe: describeStore(location),
    close: async () => {
      await pipeline.close();
      await store.close();
    },
  };
}
