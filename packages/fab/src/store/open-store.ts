// Where a store lives, as the CLI and the fab configuration write it: `sqlite:<file>` (or
// `sqlite::memory:`) for the embedded store, `postgres://user@host:port/db[?schema=name]` (or
// `postgresql://`) for a fab at scale.
import { fail, issue, ok, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from './fab-store.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string };

const EXPECTED = 'expected sqlite:<file>, sqlite::memory: or postgres://user@host:port/database';

/** Read a store location; `what` names the option or field in the message (`--store`, `store`). */
export function parseStoreLocation(text: string, what = 'store'): Result<StoreLocation, 'bad-store'> {
  const bad = (why: string) => fail(issue('bad-store', `${what}: ${why}`, what));
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path === '') return bad(`'sqlite:' names no file (${EXPECTED})`);
    return ok({ kind: 'sqlite', path });
  }
  if (text.startsWith('postgres://') || text.startsWith('postgresql://')) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return bad(`'${text}' is not a URL (${EXPECTED})`);
    }
    if (url.hostname === '') return bad(`'${text}' names no host (${EXPECTED})`);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    return ok({
      kind: 'postgres',
      connectionString: url.toString(),
      ...(schema === null ? {} : { schema }),
    });
  }
  return bad(`'${text}' is not a store location (${EXPECTED})`);
}

/** Open the store at `location` (not yet migrated: call `migrate()` or check it). */
export async function openStoreAt(location: StoreLocation): Promise<Result<FabStore, StoreIssueCode>> {
  if (location.kind === 'sqlite') return openSqliteStore({ path: location.path });
  return openPostgresStore({
    connectionString: location.connectionString,
    ...(location.schema === undefined ? {} : { schema: location.schema }),
  });
}
