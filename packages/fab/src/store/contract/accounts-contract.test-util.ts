// Accounts in the store (migration 9, docs/fab.md §14.5): users tied to an organisation whose side
// their role fits; tokens and sessions that act only while live (not revoked, not expired, their user
// enabled); the audit log appended to and never changed. Both stores run it from
// fab-store-contract.test-util.ts.
import { expect, it } from 'vitest';
import type { NewUser } from '../account-records.js';
import { yieldAnalyses, yieldLine } from '../pair-analysis-fixtures.test-util.js';
import { everything, line, T0 } from '../store-fixtures.test-util.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

const user = (extra: Partial<NewUser> = {}): NewUser => ({
  id: 'ana',
  organisationId: 'maker-a',
  role: 'maker-engineer',
  passwordHash: 'scrypt$131072$8$1$salt$key',
  createdMs: T0,
  ...extra,
});

export function accountsContract(factory: HarnessFactory): void {
  it('accounts: users fit their organisation, are unique, listed, counted, disabled', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      expect(okValue(await store.countUsers())).toBe(0);
      const ana = okValue(await store.createUser(user()));
      expect(ana).toEqual({
        id: 'ana',
        organisationId: 'maker-a',
        side: 'maker',
        role: 'maker-engineer',
        createdMs: T0,
      });
      expect(issuesOf(await store.createUser(user()))[0]?.code).toBe('already-exists');
      expect(issuesOf(await store.createUser(user({ id: 'bo', organisationId: 'nobody' })))[0]).toMatchObject(
        {
          code: 'unknown-reference',
          path: 'organisationId',
        },
      );
      // A maker's user cannot be a fab engineer, a fab's user cannot be a maker engineer.
      expect(issuesOf(await store.createUser(user({ id: 'bo', role: 'fab-engineer' })))[0]?.path).toBe(
        'role',
      );
      expect(
        issuesOf(await store.createUser(user({ id: 'bo', organisationId: 'fab', role: 'maker-engineer' })))[0]
          ?.path,
      ).toBe('role');
      expect(issuesOf(await store.createUser(user({ id: 'no spaces' })))[0]?.code).toBe('invalid-record');
      okValue(await store.createUser(user({ id: 'cy', organisationId: 'fab', role: 'fab-admin' })));
      expect(okValue(await store.listUsers()).items.map((u) => u.id)).toEqual(['ana', 'cy']);
      expect(okValue(await store.listUsers({ organisationId: 'fab' })).items.map((u) => u.id)).toEqual([
        'cy',
      ]);
      expect(okValue(await store.userCredentials('ana')).passwordHash).toBe('scrypt$131072$8$1$salt$key');
      okValue(await store.setUserPassword('ana', 'scrypt$131072$8$1$salt$other'));
      expect(okValue(await store.userCredentials('ana')).passwordHash).toBe('scrypt$131072$8$1$salt$other');
      expect(okValue(await store.countUsers())).toBe(2);
      expect(okValue(await store.disableUser('ana', T0 + 5)).disabledMs).toBe(T0 + 5);
      expect(okValue(await store.countUsers())).toBe(1);
      expect(issuesOf(await store.getUser('zed'))[0]?.code).toBe('not-found');
      expect(issuesOf(await store.disableUser('zed', T0))[0]?.code).toBe('not-found');
    });
  });

  it('accounts: a token acts until revoked or expired, and never for a disabled user', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      okValue(await store.createUser(user()));
      const base = {
        userId: 'ana',
        hash: 'a'.repeat(64),
        label: 'ci',
        scope: 'read' as const,
        createdMs: T0,
      };
      const t = okValue(await store.createApiToken({ ...base, id: 'tok-1' }));
      expect(t).toEqual({ id: 'tok-1', userId: 'ana', label: 'ci', scope: 'read', createdMs: T0 });
      okValue(await store.createApiToken({ ...base, id: 'tok-2', scope: 'write', expiresMs: T0 + 1000 }));
      expect(issuesOf(await store.createApiToken({ ...base, id: 'tok-3', userId: 'zed' }))[0]?.code).toBe(
        'unknown-reference',
      );
      expect(issuesOf(await store.createApiToken({ ...base, id: 'tok-3', label: '' }))[0]?.path).toBe(
        'label',
      );
      const active = okValue(await store.activeApiToken('tok-1', T0 + 1));
      expect(active).toMatchObject({
        hash: 'a'.repeat(64),
        user: { id: 'ana', side: 'maker' },
        token: { scope: 'read' },
      });
      okValue(await store.activeApiToken('tok-2', T0 + 999));
      expect(issuesOf(await store.activeApiToken('tok-2', T0 + 1000))[0]?.code).toBe('not-found');
      expect(okValue(await store.revokeApiToken('tok-1', T0 + 2)).revokedMs).toBe(T0 + 2);
      expect(okValue(await store.revokeApiToken('tok-1', T0 + 3)).revokedMs).toBe(T0 + 2);
      expect(issuesOf(await store.activeApiToken('tok-1', T0 + 4))[0]?.code).toBe('not-found');
      expect(okValue(await store.listApiTokens({ userId: 'ana' })).items.map((x) => x.id)).toEqual([
        'tok-1',
        'tok-2',
      ]);
      okValue(await store.createApiToken({ ...base, id: 'tok-4' }));
      okValue(await store.disableUser('ana', T0 + 5));
      expect(issuesOf(await store.activeApiToken('tok-4', T0 + 6))[0]?.code).toBe('not-found');
      expect(issuesOf(await store.revokeApiToken('zed', T0))[0]?.code).toBe('not-found');
    });
  });

  it('accounts: a session lives until it expires, is deleted, or its user is disabled or re-passworded', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      okValue(await store.createUser(user()));
      const s = { hash: 'b'.repeat(64), userId: 'ana', csrf: 'c1', createdMs: T0, expiresMs: T0 + 100 };
      okValue(await store.createSession(s));
      expect(okValue(await store.activeSession(s.hash, T0 + 99))).toMatchObject({
        csrf: 'c1',
        user: { id: 'ana' },
      });
      expect(issuesOf(await store.activeSession(s.hash, T0 + 100))[0]?.code).toBe('not-found');
      okValue(await store.createSession({ ...s, hash: 'd'.repeat(64), expiresMs: T0 + 1000 }));
      okValue(await store.deleteSession('d'.repeat(64)));
      expect(issuesOf(await store.activeSession('d'.repeat(64), T0 + 1))[0]?.code).toBe('not-found');
      okValue(await store.createSession({ ...s, hash: 'e'.repeat(64), expiresMs: T0 + 1000 }));
      okValue(await store.setUserPassword('ana', 'scrypt$131072$8$1$salt$new'));
      expect(issuesOf(await store.activeSession('e'.repeat(64), T0 + 1))[0]?.code).toBe('not-found');
      okValue(await store.createSession({ ...s, hash: 'f'.repeat(64), expiresMs: T0 + 1000 }));
      okValue(await store.disableUser('ana', T0 + 2));
      expect(issuesOf(await store.activeSession('f'.repeat(64), T0 + 3))[0]?.code).toBe('not-found');
      expect(issuesOf(await store.createSession({ ...s, hash: '0'.repeat(64) }))[0]?.code).toBe(
        'unknown-reference',
      );
    });
  });

  it('accounts: the audit log is appended in order, listed by actor, and cannot be changed', async () => {
    await withStore(factory, async (store, h) => {
      const a = {
        atMs: T0,
        actorId: 'ana',
        actorRole: 'maker-engineer',
        action: 'sign-in',
        target: 'ana',
        outcome: 200,
      };
      expect(
        okValue(
          await store.appendAudit({ ...a, organisationId: 'maker-a', address: '10.1.2.3', detail: {} }),
        ),
      ).toBe(1);
      expect(
        okValue(await store.appendAudit({ ...a, actorId: 'cy', outcome: 0, detail: { why: 'cli' } })),
      ).toBe(2);
      expect(okValue(await store.listAudit()).items).toEqual([
        { seq: 1, ...a, organisationId: 'maker-a', address: '10.1.2.3', detail: {} },
        { seq: 2, ...a, actorId: 'cy', outcome: 0, detail: { why: 'cli' } },
      ]);
      expect(okValue(await store.listAudit({ actorId: 'cy' })).items.map((l) => l.seq)).toEqual([2]);
      await expect(h.exec('UPDATE audit_log SET outcome = 500')).rejects.toThrow(/append-only/);
      await expect(h.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      expect(okValue(await store.listAudit()).items).toHaveLength(2);
    });
  });

  it("a maker's view: toolIds keeps every list and yield figure to those tools, [] to none", async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(everything()));
      const ids = async (r: Promise<{ ok: boolean }>, key = 'toolId') => {
        const v = okValue(await (r as ReturnType<typeof store.listLots>)) as unknown as {
          items: readonly Record<string, unknown>[];
        };
        return [
          ...new Set(v.items.map((i) => ('pair' in i ? (i.pair as Record<string, unknown>)[key] : i[key]))),
        ];
      };
      expect(await ids(store.listTools({ toolIds: ['B2'] }), 'id')).toEqual(['B2']);
      expect(await ids(store.listTools({ toolIds: [] }), 'id')).toEqual([]);
      expect(await ids(store.listLots({ toolIds: ['B1'] }))).toEqual(['B1']);
      expect(await ids(store.listLots({ toolIds: ['B2'] }))).toEqual([]);
      expect(await ids(store.listPairs({ toolIds: ['B2'] }))).toEqual([]);
      expect((await ids(store.listPairs({ toolIds: ['B1', 'B2'] }))).length).toBe(1);
      expect(await ids(store.listEvents({ toolIds: ['B2'] }))).toEqual([]);
      expect(await ids(store.listEvents({ toolIds: ['B1'] }))).toEqual(['B1']);
      expect(await ids(store.listAlarms({ toolIds: ['B2'] }))).toEqual([]);
      expect(await ids(store.listTrace({ toolIds: ['B2'] }))).toEqual(['B2']);
      expect(await ids(store.listEcChanges({ toolIds: ['B2'], toolId: 'B1' }))).toEqual([]);
      expect(issuesOf(await store.listLots({ toolIds: [1] as unknown as string[] }))[0]?.path).toBe(
        'toolIds',
      );
    });
  });

  it("a maker's view: yield figures of toolIds only", async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(yieldLine()));
      okValue(await store.writePairAnalyses(yieldAnalyses()));
      expect(okValue(await store.yieldSummary({ toolIds: ['B2'] })).total.pairs).toBe(2);
      expect(okValue(await store.yieldSummary({ toolIds: [] })).total.pairs).toBe(0);
      expect(okValue(await store.yieldCurve({ toolIds: ['B1'] })).points.map((p) => p.lotId)).toEqual(['L1']);
    });
  });
}
