// `bondline fab <part>`: the fab side (docs/fab.md). Each part runs as its own process at scale.
import { printHelp, usageError } from '../usage.js';
import { runFabMigrate } from './fab-migrate.js';

const USAGE = 'bondline fab migrate [options]   (bondline fab <part> --help for its options)';

const HELP = `usage: ${USAGE}
  The fab side: collect every bonder's GEM data, keep it, serve it.
  migrate   create or update the store's tables`;

const PARTS: Record<string, (argv: string[]) => Promise<number>> = {
  migrate: runFabMigrate,
};

/** `bondline fab ...` */
export async function run(argv: string[]): Promise<number> {
  const [part, ...rest] = argv;
  if (part === undefined) throw usageError('which part? (migrate)', USAGE);
  if (part === '--help' || part === '-h') return printHelp(HELP);
  const runPart = PARTS[part];
  if (runPart === undefined) throw usageError(`unknown part '${part}' (expected migrate)`, USAGE);
  return runPart(rest);
}
