// `bondline fab serve`: the fab's HTTP API (docs/fab.md §5) over a store, until SIGINT or SIGTERM. In
// the scaled layout several of these run beside the collectors and store writers; with a bus, the
// live stream and the tools' status come from it.
import { formatIssues, type Result } from '@bondline/core';
import type { JetStreamBus, ToolStatusBoard } from '@bondline/fab';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import { apiAuthOf } from './fab-api-auth.js';
import { BUS_OPTION_HELP, openBusOrFail } from './fab-bus-option.js';
import { cataloguesOf } from './fab-catalogues.js';
import { startFabApiWithDashboard } from './fab-dashboard.js';
import { busOptionsOf, CONFIG_OPTION_HELP, configAndStore } from './fab-layout.js';
import { listenOrFail, untilSignal } from './fab-process.js';
import { describeStore, openStoreOrFail, STORE_OPTION_HELP } from './fab-store-option.js';

const USAGE =
  'bondline fab serve [--config <fab.yaml>] [--store <sqlite:file|postgres://...>] [--bus <nats://host:port>]\n' +
  '       [--port <p>] [--host <addr>]';

const HELP = `usage: ${USAGE}
  Serves the fab's HTTP API (GET /api/tools, /api/pairs, ... and /api/openapi.json) over the store
  until SIGINT or SIGTERM. The store must be migrated (bondline fab migrate).
${CONFIG_OPTION_HELP}
${STORE_OPTION_HELP}; default the configuration's store
${BUS_OPTION_HELP}: the live
                     stream (/api/stream) and the tools' status come from it; without one, neither
  --port <p>         TCP port (default the configuration's http.port, else 8080; 0 picks a free one)
  --host <addr>      address to listen on (default the configuration's http.host, else 127.0.0.1)
Exit codes: 0 stopped by a signal, 1 the store or the bus cannot be reached, 2 bad arguments or the
port is taken.`;

export async function runFabServe(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      config: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab serve',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  const { config, location } = await configAndStore(values, USAGE);
  const port =
    numberArg('port', values.port, { integer: true, min: 0, max: 65535 }) ?? config?.http?.port ?? 8080;
  const host = values.host ?? config?.http?.host ?? '127.0.0.1';
  const busOptions = busOptionsOf(values.bus, config, 'bondline-fab-serve');
  const store = await openStoreOrFail(location, { mustExist: true });
  const auth = await apiAuthOf(store, host).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  let bus: JetStreamBus | undefined;
  try {
    let statusBoard: ToolStatusBoard | undefined;
    if (busOptions !== undefined) {
      bus = await openBusOrFail(busOptions);
      const board: Result<ToolStatusBoard> = await bus.statusBoard();
      if (!board.ok) throw new CliError(formatIssues(board.issues), { exitCode: 1 });
      statusBoard = board.value;
    }
    const feed = bus?.liveFeed();
    const catalogueOf = await cataloguesOf(config ?? { tools: [] }, values.config, []);
    const api = await listenOrFail(
      () =>
        startFabApiWithDashboard({
          store,
          auth: auth.mode,
          catalogueOf,
          host,
          port,
          ...(feed === undefined ? {} : { feed }),
          // An SPC violation's close goes through the bus, so the live stream and R2R see it.
          ...(bus === undefined ? {} : { recordSink: bus.sink() }),
          ...(statusBoard === undefined ? {} : { statusBoard }),
        }),
      host,
      port,
    );
    try {
      const signal = untilSignal();
      process.stdout.write(
        `store: ${describeStore(location)}\n` +
          (bus === undefined ? '' : `bus: NATS JetStream stream ${bus.stream}\n`) +
          `${auth.line}\n` +
          `api: ${api.url}/api (OpenAPI: ${api.url}/api/openapi.json)\n`,
      );
      process.stdout.write(`${await signal}: stopping\n`);
      return 0;
    } finally {
      await api.close();
    }
  } finally {
    await bus?.close();
    await store.close();
  }
}
