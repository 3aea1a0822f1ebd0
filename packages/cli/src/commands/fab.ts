// `bondline fab <part>`: the fab side (docs/fab.md). Each part runs as its own process at scale.
import { printHelp, usageError } from '../usage.js';
import { runFabCollect } from './fab-collect.js';
import { runFabMigrate } from './fab-migrate.js';
import { runFabReport } from './fab-report.js';
import { runFabServe } from './fab-serve.js';
import { runFabStoreWriter } from './fab-store-writer.js';
import { runFabUp } from './fab-up.js';
import { runFabUser } from './fab-user.js';

interface Part {
  readonly summary: string;
  readonly run: (argv: string[]) => Promise<number>;
}

const PARTS: Record<string, Part> = {
  collect: { summary: 'the collector: a GEM host per tool of the configuration', run: runFabCollect },
  migrate: { summary: "create or update the store's tables", run: runFabMigrate },
  serve: { summary: 'the HTTP API over a store', run: runFabServe },
  up: { summary: 'everything in one process (--demo n: with n simulated bonders)', run: runFabUp },
  store: { summary: 'a store writer: records from NATS JetStream into the store', run: runFabStoreWriter },
  report: { summary: "a lot's files: lot.json, pairs.csv, wafer maps and run charts", run: runFabReport },
  user: { summary: 'accounts: add a user, make an API token, list, disable', run: runFabUser },
};

const NAMES = Object.keys(PARTS).join('|');
const USAGE = `bondline fab ${NAMES} [options]   (bondline fab <part> --help for its options)`;

const HELP = [
  `usage: ${USAGE}`,
  "  The fab side: collect every bonder's GEM data, keep it, serve it (docs/fab.md).",
  ...Object.entries(PARTS).map(([name, p]) => `  ${name.padEnd(10)}${p.summary}`),
].join('\n');

/** `bondline fab ...` */
export async function run(argv: string[]): Promise<number> {
  const [part, ...rest] = argv;
  if (part === undefined) throw usageError(`which part? (${NAMES})`, USAGE);
  if (part === '--help' || part === '-h') return printHelp(HELP);
  const entry = PARTS[part];
  if (entry === undefined) throw usageError(`unknown part '${part}' (expected ${NAMES})`, USAGE);
  return entry.run(rest);
}
