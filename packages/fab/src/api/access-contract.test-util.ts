// Every route of the API as every role (FAB.md, "Accounts and what each may see"; docs/fab.md §14.6):
// the routes are taken from the OpenAPI document, so a route added later is tried without a change
// here. The line holds two makers' tools; every id of maker B's objects carries the mark ZZB, so "a
// maker's token never returns another maker's data" is checked on every answer as: the answer to a
// user of maker A never contains ZZB. The ids in each request are maker B's: a user of maker A must be
// answered 404 for each (as for what does not exist), never 403, never 5xx. Run on SQLite and
// PostgreSQL through the store contract's harnesses.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { can, type Principal } from '../accounts/access.js';
import { userWithToken } from '../accounts/account-fixtures.test-util.js';
import { LoginLimiter } from '../accounts/login-limiter.js';
import { fakeToolPort } from '../analytics/r2r/r2r-fakes.test-util.js';
import { R2rService } from '../analytics/r2r/r2r-service.js';
import { r2rSettingsSchema } from '../analytics/r2r/r2r-settings.js';
import { TicketService } from '../loop/ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from '../loop/ticket-settings.js';
import type { Role } from '../loop/ticket-workflow.js';
import { type HarnessFactory, withStore } from '../store/contract/fab-store-contract.test-util.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { analysisRecord } from '../store/pair-analysis-fixtures.test-util.js';
import type { FabRecord } from '../store/records.js';
import {
  alarm,
  ecChange,
  event,
  line,
  lot,
  lotContents,
  T0,
  trace,
} from '../store/store-fixtures.test-util.js';
import { ACCESS_POLICY } from './access-policy.js';
import { buildFabApi, type FabApiOptions } from './fab-api.js';

const MARK = 'ZZB';
const ABSENT = 'NOPE';
const TOOL_A = 'TOOL-A';
const TOOL_B = `TOOL-${MARK}`;
const LOT_B = `LOT-${MARK}`;
const PAIR_B = `${LOT_B}-P1`;

interface Account {
  readonly id: string;
  readonly organisationId: string;
  readonly role: Role;
}

const ACCOUNTS: readonly Account[] = [
  { id: 'adm', organisationId: 'fab', role: 'fab-admin' },
  { id: 'eng', organisationId: 'fab', role: 'fab-engineer' },
  { id: 'op', organisationId: 'fab', role: 'operator' },
  { id: 'fv', organisationId: 'fab', role: 'viewer' },
  { id: 'mka', organisationId: 'maker-a', role: 'maker-engineer' },
  { id: 'mkv', organisationId: 'maker-a', role: 'viewer' },
  // Only the target of the admin's writes (disable, revoke), so no caller loses its own access.
  { id: 'spare', organisationId: 'maker-a', role: 'viewer' },
];

const principal = (a: Account): Principal => ({
  userId: a.id,
  role: a.role,
  organisationId: a.organisationId,
  side: a.organisationId === 'fab' ? 'fab' : 'maker',
});

/** Two makers' tools, each with a lot, pairs, events, alarms, trace and constant changes. */
function twoMakers(): FabRecord[] {
  const records = line([TOOL_A, TOOL_B]).map(
    (r): FabRecord => (r.type === 'tool' && r.id === TOOL_B ? { ...r, organisationId: 'maker-b' } : r),
  );
  return [
    { type: 'organisation', id: 'maker-b', name: 'Maker B', role: 'maker' },
    ...records,
    lot('LOT-A', TOOL_A),
    ...lotContents('LOT-A', TOOL_A, 1),
    lot(LOT_B, TOOL_B),
    ...lotContents(LOT_B, TOOL_B, 1),
    ...[TOOL_A, TOOL_B].flatMap((t) => [event(t, 0), alarm(t, 0), trace(t, 0), ecChange(t, 0)]),
  ];
}

interface Line {
  readonly tokens: ReadonlyMap<string, string>;
  readonly ticketA: string;
  readonly ticketB: string;
  readonly attachmentB: number;
  readonly spareToken: string;
}

async function seed(store: FabStore): Promise<Line> {
  const records = twoMakers();
  // Organisations first: the maker's tool refers to it.
  okValue(await store.writeBatch(records.filter((r) => r.type === 'organisation')));
  okValue(await store.writeBatch(records.filter((r) => r.type !== 'organisation')));
  const pairIds = (await store.listPairs({ limit: 10 })).ok
    ? okValue(await store.listPairs({ limit: 10 })).items
    : [];
  okValue(
    await store.writePairAnalyses(
      pairIds.map((p) =>
        analysisRecord(p.pair.id, { dies: 10, overlay: 1, void: 0, cu: 0 }, ['BD-ALIGN-061']),
      ),
    ),
  );
  // Fab-only data on maker B's tool: what a wrong entry in the policy would show a maker.
  const context = `${TOOL_B}+BOND-STD+default`;
  okValue(
    await store.saveSpcChart({
      id: `tx@${context}`,
      toolId: TOOL_B,
      parameter: 'tx',
      context,
      recipe: 'BOND-STD',
      product: 'default',
      chart: { settings: { kind: 'ewma', lambda: 0.2, L: 3 }, phases: [] },
      baselinePoints: 25,
      createdMs: T0,
      updatedMs: T0,
    }),
  );
  const tokens = new Map<string, string>();
  let spareToken = '';
  for (const a of ACCOUNTS) {
    const t = await userWithToken(store, a);
    tokens.set(a.id, t.text);
    if (a.id === 'spare') spareToken = t.id;
  }
  const system = { id: 'system', role: 'system' } as const;
  const open = (toolId: string) =>
    store.createTicket({
      toolId,
      faultKey: 'alarm:7061',
      source: 'alarm',
      title: `registration failed on ${toolId}`,
      reportedMs: T0,
      data: { tool: toolId },
      actor: system,
    });
  const ticketA = okValue(await open(TOOL_A)).id;
  const ticketB = okValue(await open(TOOL_B)).id;
  const attachmentB = okValue(
    await store.addTicketAttachment({
      ticketId: ticketB,
      name: `${MARK}.txt`,
      mediaType: 'text/plain',
      bytes: Buffer.from(MARK),
      actor: system,
      atMs: T0,
    }),
  ).id;
  return { tokens, ticketA, ticketB, attachmentB, spareToken };
}

/**
 * A route's path with maker B's objects (and harmless targets for the admin's writes); `absent`: with
 * ids that name nothing stored instead, which a user of maker A must not be able to tell apart.
 */
function fill(path: string, l: Line, absent = false): string {
  if (absent) return fill(path, { ...l, ticketB: 'T-999999', attachmentB: 999_999 }).replaceAll(MARK, ABSENT);
  const byRoute: Record<string, string> = {
    '/api/tools/{id}': TOOL_B,
    '/api/tools/{id}/reliability': TOOL_B,
    '/api/tools/{id}/coverage': TOOL_B,
    '/api/lots/{id}': LOT_B,
    '/api/pairs/{id}': PAIR_B,
    '/api/pairs/{id}/analysis': PAIR_B,
    '/api/pairs/{id}/fdc': PAIR_B,
    '/api/users/{id}/disable': 'spare',
    '/api/tokens/{id}': l.spareToken,
    '/api/spc/charts/{id}': `${TOOL_B}|yield|x`,
    '/api/spc/charts/{id}/phases': `${TOOL_B}|yield|x`,
    '/api/spc/violations/{id}/close': '1',
  };
  const query = path === '/api/tickets/{id}/attachments' ? '?name=scan.txt' : '';
  return `${path}${query}`
    .replace('{id}', byRoute[path] ?? l.ticketB)
    .replace('{attachment}', String(l.attachmentB))
    .replace('{recipe}', 'BOND-STD')
    .replace('{version}', '1')
    .replace('{context}', `${TOOL_B}+BOND-STD+default`);
}

/** A body each write accepts or refuses only after the access checks. */
const BODIES: Record<string, unknown> = {
  'POST /api/session': { user: 'nobody', password: 'not the password' },
  'POST /api/tokens': { label: 'script', scope: 'read' },
  'POST /api/users': {
    id: 'new-user',
    organisation: 'maker-b',
    role: 'viewer',
    password: 'a long passphrase 1',
  },
  'POST /api/tickets': { tool: TOOL_B, title: 'voids', text: 'seen at the edge' },
  'POST /api/tickets/{id}/actions': { action: { kind: 'comment', text: 'looking' } },
  'POST /api/tickets/{id}/attachments': { file: 'bytes' },
  'POST /api/fdc/models': { recipe: 'BOND-STD', lots: [LOT_B] },
  'POST /api/r2r/{context}/freeze': { reason: 'test' },
  'POST /api/r2r/{context}/override': { reason: 'test', offsets: {} },
};

/** The API with every optional part (R2R, tickets), in accounts mode. */
function everyPart(store: FabStore): FabApiOptions {
  return {
    store,
    auth: 'accounts',
    accounts: { scrypt: { N: 1024, r: 8, p: 1 }, limiter: new LoginLimiter({ maxFailures: 1000 }) },
    r2r: new R2rService({
      settings: r2rSettingsSchema.parse({ enabled: true }),
      store,
      tools: fakeToolPort(),
      toolIds: [TOOL_A, TOOL_B],
    }),
    tickets: {
      service: new TicketService({ store, settings: DEFAULT_TICKET_SETTINGS }),
      settings: DEFAULT_TICKET_SETTINGS,
    },
  };
}

/** `body` with the ids of `url` (its segments after /api/x/) put as placeholders, to compare answers. */
function sameBut(body: string, url: string): string {
  const ids = (url.split('?')[0] ?? url).split('/').slice(3);
  return ids.reduce(
    (t, id, i) => t.replaceAll(`'${id}'`, `'<${i}>'`).replaceAll(id.length >= 4 ? id : '\u0000', `<${i}>`),
    body,
  );
}

async function routesOf(app: FastifyInstance): Promise<{ method: string; path: string }[]> {
  const doc = (await app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
  );
}

export function accessContract(name: string, factory: HarnessFactory): void {
  describe(`access: every route as every role, ${name}`, () => {
    it('answers each role only what it may see and do; maker A never gets maker B', async () => {
      await withStore(factory, async (store) => {
        const l = await seed(store);
        const app = await buildFabApi(everyPart(store));
        try {
          const routes = await routesOf(app);
          // The OpenAPI document lists the policy's routes, and only those.
          expect(routes.map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`).sort()).toEqual(
            Object.keys(ACCESS_POLICY).sort(),
          );
          const callers = [undefined, ...ACCOUNTS.filter((a) => a.id !== 'spare').reverse()];
          // The stream (without a live feed here: 503) is tried on its own below.
          for (const { method, path } of routes.filter((r) => r.path !== '/api/stream')) {
            const key = `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
            const access = ACCESS_POLICY[key];
            if (access === undefined) throw new Error(`${key} is not in the policy`);
            for (const who of callers) {
              const where = `${key} as ${who?.id ?? 'nobody'}`;
              const body = BODIES[`${method} ${path}`];
              const r = await app.inject({
                method: method as 'GET' | 'POST' | 'DELETE',
                url: fill(path, l),
                headers: who === undefined ? {} : { authorization: `Bearer ${l.tokens.get(who.id) ?? ''}` },
                ...(body === undefined ? {} : { payload: body as object }),
              });
              expect(r.statusCode, `${where}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
              if (who === undefined) {
                if (access.see !== 'public') expect(r.statusCode, where).toBe(401);
                continue;
              }
              const maker = who.organisationId !== 'fab';
              if (maker && /\{/.test(path)) {
                // Maker B's object is answered exactly as one that does not exist.
                const none = await app.inject({
                  method: method as 'GET' | 'POST' | 'DELETE',
                  url: fill(path, l, true),
                  headers: { authorization: `Bearer ${l.tokens.get(who.id) ?? ''}` },
                  ...(body === undefined ? {} : { payload: body as object }),
                });
                expect(sameBut(r.body, fill(path, l)), where).toBe(sameBut(none.body, fill(path, l, true)));
              } else if (maker) expect(r.body, `${where} leaks maker B`).not.toContain(MARK);
              const permitted = access.permission === undefined || can(principal(who), access.permission);
              if (maker && access.see === 'fab') expect(r.statusCode, where).toBe(404);
              else if (!permitted) expect(r.statusCode, where).toBe(403);
              else if (maker && access.see === 'shared' && /\{/.test(path))
                expect(r.statusCode, where).toBe(404);
              // The fab sees maker B's objects (a ticket without a replay is `no-replay`, not unknown).
              if (!maker && method === 'GET' && access.see === 'shared')
                expect(r.body, where).not.toContain('"code":"not-found"');
            }
          }
        } finally {
          await app.close();
        }
      });
    });

    it("lists a maker's own data to its users", async () => {
      await withStore(factory, async (store) => {
        const l = await seed(store);
        const app = await buildFabApi(everyPart(store));
        try {
          const get = async (url: string) =>
            (
              await app.inject({ url, headers: { authorization: `Bearer ${l.tokens.get('mka') ?? ''}` } })
            ).json() as {
              items: readonly Record<string, unknown>[];
            };
          expect((await get('/api/tools')).items.map((t) => (t.tool as { id: string }).id)).toEqual([TOOL_A]);
          expect((await get('/api/tickets')).items.map((t) => t.id)).toEqual([l.ticketA]);
          expect((await get('/api/lots')).items.map((t) => t.id)).toEqual(['LOT-A']);
          expect((await get(`/api/events?tool=${TOOL_B}`)).items).toEqual([]);
          expect((await get('/api/events')).items.map((e) => e.toolId)).toEqual([TOOL_A]);
        } finally {
          await app.close();
        }
      });
    });
  });
}
