// The accounts of `fab up --demo N --story` (docs/fab.md §11.9, §14): on a store without users, a fab
// engineer and one engineer per maker of the demo line, each with a password made here and printed
// once, so both sides of the loop can sign in and see what each may see. A store that has users
// keeps them and gets none.
import { randomBytes } from 'node:crypto';
import { formatIssues } from '@bondline/core';
import { type FabConfig, type FabStore, hashPassword, type Role } from '@bondline/fab';
import { CliError } from '../cli-error.js';
import { DEMO_MAKERS } from './demo-line.js';

interface DemoAccount {
  readonly id: string;
  readonly organisationId: string;
  readonly role: Role;
  readonly who: string;
}

/** Make the demo accounts when the store has no user; the lines that give their credentials. */
export async function demoAccounts(store: FabStore, fab: FabConfig['fab'], tools: number): Promise<string[]> {
  const n = await store.countUsers();
  if (!n.ok) throw new CliError(`accounts: ${formatIssues(n.issues)}`, { exitCode: 1 });
  if (n.value > 0) return [];
  const makers = DEMO_MAKERS.slice(0, Math.min(tools, DEMO_MAKERS.length));
  // The organisations first (the collector stores them too when it starts): a user belongs to one.
  const orgs = await store.writeBatch([
    { type: 'organisation', id: fab.id, name: fab.name, role: 'fab' },
    ...makers.map((m) => ({ type: 'organisation' as const, id: m.id, name: m.name, role: 'maker' as const })),
  ]);
  if (!orgs.ok) throw new CliError(`accounts: ${formatIssues(orgs.issues)}`, { exitCode: 1 });
  const accounts: DemoAccount[] = [
    { id: 'fab-engineer', organisationId: fab.id, role: 'fab-engineer', who: `fab engineer of ${fab.name}` },
    ...makers.map((m) => ({
      id: `${m.id}-engineer`,
      organisationId: m.id,
      role: 'maker-engineer' as const,
      who: `maker engineer of ${m.name}`,
    })),
  ];
  const made = await Promise.all(
    accounts.map(async (a) => {
      const password = randomBytes(12).toString('base64url');
      const r = await store.createUser({
        id: a.id,
        organisationId: a.organisationId,
        role: a.role,
        passwordHash: await hashPassword(password),
        createdMs: Date.now(),
      });
      if (!r.ok) throw new CliError(`accounts: ${formatIssues(r.issues)}`, { exitCode: 1 });
      return `sign in: ${a.id} / ${password} (${a.who})`;
    }),
  );
  return made;
}
