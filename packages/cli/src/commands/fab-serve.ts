// `bondline fab serve --store <s>`: the fab's HTTP API (docs/fab.md §5) over a store, until SIGINT or
// SIGTERM. In the scaled layout several of these run beside the collectors and store writers.
import { startFabApi } from '@bondline/fab';
import { numberArg, parseCommandArgs } from '../args.js';
import { printHelp, usageError } from '../usage.js';
import { listenOrFail, untilSignal } from './fab-process.js';
import { describeStore, openStoreOrFail, STORE_OPTION_HELP, storeLocationArg } from './fab-store-option.js';

const USAGE = 'bondline fab serve --store <sqlite:file|postgres://...> [--port <p>] [--host <addr>]';

const HELP = `usage: ${USAGE}
  Serves the fab's HTTP API (GET /api/tools, /api/pairs, ... and /api/openapi.json) over the store
  until SIGINT or SIGTERM. The store must be migrated (bondline fab migrate).
${STORE_OPTION_HELP}
  --port <p>         TCP port (default 8080; 0 picks a free one)
  --host <addr>      address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
Exit codes: 0 stopped by a signal, 1 the store cannot be opened, 2 bad arguments or the port is taken.`;

export async function runFabServe(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      store: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab serve',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  if (values.store === undefined) throw usageError('--store is required', USAGE);
  const location = storeLocationArg(values.store);
  const port = numberArg('port', values.port, { integer: true, min: 0, max: 65535 }) ?? 8080;
  const host = values.host ?? '127.0.0.1';
  const store = await openStoreOrFail(location);
  try {
    const api = await listenOrFail(() => startFabApi({ store, host, port }), host, port);
    try {
      const signal = untilSignal();
      process.stdout.write(
        `store: ${describeStore(location)}\napi: ${api.url}/api (OpenAPI: ${api.url}/api/openapi.json)\n`,
      );
      process.stdout.write(`${await signal}: stopping\n`);
      return 0;
    } finally {
      await api.close();
    }
  } finally {
    await store.close();
  }
}
