// How `bondline fab up` and `fab serve` authenticate the API (docs/fab.md §14.6): with accounts as
// soon as the store holds a user; without any, in local mode (every request the local operator, a
// fab admin), which is refused on an address other machines can reach.
import { formatIssues } from '@bondline/core';
import type { ApiAuthMode, FabStore } from '@bondline/fab';
import { CliError } from '../cli-error.js';

export interface ApiAuth {
  readonly mode: ApiAuthMode;
  /** The start-up line that says it. */
  readonly line: string;
}

/** True for an address only this machine reaches. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function apiAuthOf(store: FabStore, host: string): Promise<ApiAuth> {
  const n = await store.countUsers();
  if (!n.ok) throw new CliError(`accounts: ${formatIssues(n.issues)}`, { exitCode: 1 });
  if (n.value > 0)
    return {
      mode: 'accounts',
      line: `accounts: ${n.value} user${n.value === 1 ? '' : 's'}; every request signs in (POST /api/session) or sends an API token`,
    };
  if (!isLoopback(host))
    throw new CliError(
      `--host ${host}: the store has no accounts, so the API would be open to every machine that reaches ${host}; ` +
        'add a user first (bondline fab user add, docs/fab.md §14.7) or listen on 127.0.0.1',
    );
  return {
    mode: 'local',
    line: 'accounts: none (local mode): every request acts as the local operator, a fab admin; bondline fab user add makes the first',
  };
}
