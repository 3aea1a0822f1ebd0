// A user with an API token in a test's store: what the API tests act as.

import type { Role } from '../loop/ticket-workflow.js';
import type { TokenScope } from '../store/account-records.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { T0 } from '../store/store-fixtures.test-util.js';
import { newToken } from './secrets.js';

export interface TestAccount {
  readonly id: string;
  readonly organisationId: string;
  readonly role: Role;
}

/** Store `a` (no usable password) and a token of `scope`; its text (for `Authorization: Bearer`) and id. */
export async function userWithToken(
  store: FabStore,
  a: TestAccount,
  scope: TokenScope = 'write',
): Promise<{ readonly text: string; readonly id: string }> {
  okValue(await store.createUser({ ...a, passwordHash: 'not a password hash', createdMs: T0 }));
  const t = newToken();
  okValue(
    await store.createApiToken({ id: t.id, userId: a.id, hash: t.hash, label: 'test', scope, createdMs: T0 }),
  );
  return { text: t.text, id: t.id };
}
