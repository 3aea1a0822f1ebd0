// How the `bondline fab` parts find their store, bus and HTTP settings: the command line first, then
// the fab configuration (docs/fab.md §3), then the defaults of the embedded layout.
import { dirname, isAbsolute, resolve } from 'node:path';
import { formatIssues } from '@bondline/core';
import { type FabConfig, type JetStreamBusOptions, loadFabConfig, type StoreLocation } from '@bondline/fab';
import { CliError } from '../cli-error.js';
import { usageError } from '../usage.js';
import { busServersArg } from './fab-bus-option.js';
import { storeLocationArg } from './fab-store-option.js';

export const CONFIG_OPTION_HELP =
  '  --config <file>    fab configuration: makers, tools, collection plans, store, bus, http (docs/fab.md §3)';

/** The configuration named by `--config`; a bad one is a CliError (exit 2) naming every bad field. */
export async function fabConfigArg(path: string): Promise<FabConfig> {
  const loaded = await loadFabConfig(path);
  if (!loaded.ok) throw new CliError(`--config: ${formatIssues(loaded.issues)}`);
  return loaded.value;
}

/**
 * `--config` (when given) and the store it and `--store` name; no store named is a usage error of
 * the command (`usage`).
 */
export async function configAndStore(
  values: { readonly config?: string | undefined; readonly store?: string | undefined },
  usage: string,
): Promise<{ config: FabConfig | undefined; location: StoreLocation }> {
  const path = values.config;
  const config = path === undefined ? undefined : await fabConfigArg(path);
  const location = storeLocationOf(
    values.store,
    config === undefined || path === undefined ? undefined : { value: config, path },
  );
  if (location === undefined) throw usageError('which store? (--store, or store: in --config)', usage);
  return { config, location };
}

/**
 * The store: `--store`, else the configuration's `store` (a relative SQLite path is relative to the
 * configuration file), else undefined.
 */
export function storeLocationOf(
  storeArg: string | undefined,
  config?: { readonly value: FabConfig; readonly path: string },
): StoreLocation | undefined {
  if (storeArg !== undefined) return storeLocationArg(storeArg);
  const s = config?.value.store;
  if (s === undefined || config === undefined) return undefined;
  if (s.kind === 'postgres') {
    return {
      kind: 'postgres',
      connectionString: s.connectionString,
      ...(s.schema === undefined ? {} : { schema: s.schema }),
    };
  }
  const path = s.path === ':memory:' || isAbsolute(s.path) ? s.path : resolve(dirname(config.path), s.path);
  return { kind: 'sqlite', path };
}

/** The bus: `--bus` servers with the configuration's names, else the configuration's `bus`, else none. */
export function busOptionsOf(
  busArg: string | undefined,
  config: FabConfig | undefined,
  connectionName: string,
): (JetStreamBusOptions & { readonly durable?: string }) | undefined {
  const b = config?.bus;
  const servers = busArg === undefined ? b?.servers : busServersArg(busArg);
  if (servers === undefined) return undefined;
  return {
    servers,
    connectionName,
    ...(b?.stream === undefined ? {} : { stream: b.stream }),
    ...(b?.subjectPrefix === undefined ? {} : { subjectPrefix: b.subjectPrefix }),
    ...(b?.committedSubject === undefined ? {} : { committedSubject: b.committedSubject }),
    ...(b?.statusBucket === undefined ? {} : { statusBucket: b.statusBucket }),
    ...(b?.durable === undefined ? {} : { durable: b.durable }),
  };
}
