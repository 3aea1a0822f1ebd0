// The `--store` option of the `bondline fab` commands: where the fab's data lives.
import { stat } from 'node:fs/promises';
import { formatIssues } from '@bondline/core';
import { type FabStore, openStoreAt, parseStoreLocation, type StoreLocation } from '@bondline/fab';
import { CliError } from '../cli-error.js';

export const STORE_OPTION_HELP =
  '  --store <s>        sqlite:<file> (the embedded store) or postgres://user@host:port/db[?schema=name]';

/** The `--store` value as a location; a malformed one is a CliError (exit 2). */
export function storeLocationArg(value: string): StoreLocation {
  const parsed = parseStoreLocation(value, '--store');
  if (!parsed.ok) throw new CliError(formatIssues(parsed.issues));
  return parsed.value;
}

/** How a location reads in messages: the file, or the URL without its password. */
export function describeStore(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `SQLite ${location.path}`;
  const url = new URL(location.connectionString);
  if (url.password !== '') url.password = '***';
  return `PostgreSQL ${url.toString()}${location.schema === undefined ? '' : ` schema ${location.schema}`}`;
}

/**
 * Open the store; a store that cannot be opened is a CliError (exit 1: not the user's input). With
 * `mustExist` (the parts that read or add to a migrated store), a SQLite file that does not exist is
 * refused (exit 2) instead of being created empty: only `fab migrate` and `fab up` create one.
 */
export async function openStoreOrFail(
  location: StoreLocation,
  o: { mustExist?: boolean } = {},
): Promise<FabStore> {
  if (o.mustExist === true && location.kind === 'sqlite' && location.path !== ':memory:') {
    const found = await stat(location.path).then(
      (s) => s.isFile(),
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw new CliError(`--store ${location.path}: ${err.code ?? err.message}`);
      },
    );
    if (!found)
      throw new CliError(
        `--store ${location.path}: no such file (bondline fab migrate --store sqlite:${location.path} creates it)`,
      );
  }
  const opened = await openStoreAt(location);
  if (!opened.ok) {
    throw new CliError(`cannot open ${describeStore(location)}: ${formatIssues(opened.issues)}`, {
      exitCode: 1,
    });
  }
  return opened.value;
}

/** A store without the fab schema cannot take records: say how to make it (exit 2). */
export async function requireMigrated(store: FabStore, location: StoreLocation): Promise<void> {
  const probe = await store.listTools({ limit: 1 });
  if (probe.ok) return;
  const code = probe.issues[0]?.code;
  const where = describeStore(location);
  if (code === 'not-migrated' || code === 'schema-too-new') {
    throw new CliError(`${where}: ${formatIssues(probe.issues)} (bondline fab migrate --store ...)`);
  }
  throw new CliError(`${where}: ${formatIssues(probe.issues)}`, { exitCode: 1 });
}
