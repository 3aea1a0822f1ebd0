// `bondline fab migrate --store <s>`: create or update the fab's tables (docs/fab.md §1.3). Safe to
// run again, and while other processes use the store.
import { formatIssues } from '@bondline/core';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import { describeStore, openStoreOrFail, STORE_OPTION_HELP, storeLocationArg } from './fab-store-option.js';

const USAGE = 'bondline fab migrate --store <sqlite:file|postgres://...>';

const HELP = `usage: ${USAGE}
  Applies the migrations this version knows and the store lacks, in order, and prints them; a store
  that is up to date is left as it is. Refuses a store migrated by a newer version.
${STORE_OPTION_HELP}
Exit codes: 0 done, 1 the store cannot be reached or refused, 2 bad arguments.`;

/** Migration issues a user fixes by choosing another store or version: exit 2; the rest exit 1. */
const USER_FIXES = new Set(['schema-too-new', 'migration-mismatch', 'invalid-record']);

export async function runFabMigrate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { store: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    'fab migrate',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  if (values.store === undefined) throw usageError('--store is required', USAGE);
  const location = storeLocationArg(values.store);
  const store = await openStoreOrFail(location);
  try {
    const report = await store.migrate();
    if (!report.ok) {
      const exitCode = report.issues.every((i) => USER_FIXES.has(i.code)) ? 2 : 1;
      throw new CliError(`${describeStore(location)}: ${formatIssues(report.issues)}`, { exitCode });
    }
    const { applied, version } = report.value;
    for (const m of applied) process.stdout.write(`applied ${m.version} ${m.name}\n`);
    process.stdout.write(
      `${describeStore(location)}: schema version ${version}${applied.length === 0 ? ' (up to date)' : ''}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
