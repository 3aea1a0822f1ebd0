// The tickets' routes against a real store (SQLite and PostgreSQL through the store contract's
// harnesses): list, read, report, act (refused moves 409/403 with the workflow's code, a stale
// version 409), bad bodies 400 naming the path, unknown ids 404, attachments up and down and past
// 10 MB 413, the verification check and the response summary. The API runs with accounts: the fab's
// admin and the maker's engineer are users of the store, each request carries the API token of the
// one it acts as.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { userWithToken } from '../accounts/account-fixtures.test-util.js';
import { buildFabApi } from '../api/fab-api.js';
import { type HarnessFactory, withStore } from '../store/contract/fab-store-contract.test-util.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import { line, T0 } from '../store/store-fixtures.test-util.js';
import { MAX_ATTACHMENT_BYTES } from '../store/ticket-records.js';
import { TicketService } from './ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from './ticket-settings.js';
import type { Actor } from './ticket-workflow.js';

const MAKER: Actor = { id: 'mk-1', role: 'maker-engineer' };
const ADMIN: Actor = { id: 'admin', role: 'fab-admin' };

interface Api {
  readonly app: FastifyInstance;
  /** Who the next requests act as. */
  as(actor: Actor): void;
  /** The Authorization header of the actor the requests act as. */
  auth(): { authorization: string };
  call(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function withTicketApi(factory: HarnessFactory, work: (api: Api) => Promise<void>): Promise<void> {
  await withStore(factory, async (store) => {
    okValue(await store.writeBatch(line(['B1'])));
    const tokens = new Map<string, string>();
    for (const [a, organisationId] of [
      [ADMIN, 'fab'],
      [MAKER, 'maker-a'],
    ] as const) {
      if (a.role === 'system') throw new Error('a user has a role');
      tokens.set(a.id, (await userWithToken(store, { id: a.id, organisationId, role: a.role })).text);
    }
    let actor: Actor = ADMIN;
    let now = T0;
    const service = new TicketService({
      store,
      settings: DEFAULT_TICKET_SETTINGS,
      clock: () => (now += 60_000),
    });
    const app = await buildFabApi({
      store,
      checkResponses: true,
      auth: 'accounts',
      tickets: { service, settings: DEFAULT_TICKET_SETTINGS },
    });
    try {
      await work({
        app,
        as: (a) => {
          actor = a;
        },
        auth: () => ({ authorization: `Bearer ${tokens.get(actor.id) ?? ''}` }),
        async call(method, url, body) {
          const r = await app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${tokens.get(actor.id) ?? ''}` },
            ...(body === undefined ? {} : { payload: body as object }),
          });
          return { status: r.statusCode, body: r.json() as Record<string, unknown> };
        },
      });
    } finally {
      await app.close();
    }
  });
}

const report = { tool: 'B1', title: 'Edge voids on every wafer', text: 'scans attached' };

export function ticketRoutesContract(name: string, factory: HarnessFactory): void {
  describe(`ticket routes: ${name}`, () => {
    it('reports a ticket, walks it to a deployed fix, refuses what the workflow refuses', async () => {
      await withTicketApi(factory, async (api) => {
        const opened = await api.call('POST', '/api/tickets', report);
        expect(opened.status).toBe(201);
        expect(opened.body).toMatchObject({
          id: 'T-000001',
          source: 'report',
          state: 'new',
          makerId: 'maker-a',
        });
        const act = (action: unknown, version?: number) =>
          api.call('POST', '/api/tickets/T-000001/actions', {
            action,
            ...(version === undefined ? {} : { version }),
          });
        // The local operator is a fab admin: acknowledging is the maker's.
        const notMaker = await act({ kind: 'acknowledge' });
        expect([notMaker.status, notMaker.body.code]).toEqual([403, 'not-permitted']);
        api.as(MAKER);
        expect((await act({ kind: 'acknowledge' }, 1)).status).toBe(200);
        const twice = await act({ kind: 'acknowledge' });
        expect([twice.status, twice.body.code]).toEqual([409, 'illegal-transition']);
        const stale = await act({ kind: 'comment', text: 'late' }, 1);
        expect([stale.status, stale.body.code]).toEqual([409, 'stale-version']);
        expect((await act({ kind: 'start-analysis' })).status).toBe(200);
        expect((await act({ kind: 'propose-fix', summary: 'new registration firmware' })).status).toBe(200);
        const deployed = await act({ kind: 'deploy-fix', fix: { kind: 'software', version: '2.2.0' } });
        expect(deployed.body).toMatchObject({
          state: 'fix-deployed',
          fix: { kind: 'software', version: '2.2.0' },
        });
        expect((await act({ kind: 'comment', text: 'deployed on B1' })).status).toBe(200);

        const check = await api.call('GET', '/api/tickets/T-000001/verification');
        // No analysed pair since the fix: 0 of the default 25 pairs (ticket-settings.ts).
        expect(check.status).toBe(200);
        expect(check.body).toMatchObject({
          passed: false,
          pairsSinceFix: 0,
          requiredPairs: 25,
          recurrencesSinceFix: 0,
        });
        api.as(ADMIN);
        const verify = await act({ kind: 'verify', check: check.body });
        expect([verify.status, verify.body.code]).toEqual([409, 'verification-failed']);

        const detail = await api.call('GET', '/api/tickets/T-000001');
        expect(detail.status).toBe(200);
        const history = detail.body.history as { action: { kind: string } }[];
        expect(history.map((h) => h.action.kind)).toEqual([
          'open',
          'acknowledge',
          'start-analysis',
          'propose-fix',
          'deploy-fix',
          'comment',
        ]);
        expect(detail.body.allowedActions).toEqual(['verify', 'fix-failed', 'comment', 'assign']);
        const list = await api.call('GET', '/api/tickets?state=fix-deployed&maker=maker-a');
        expect((list.body.items as { id: string }[]).map((t) => t.id)).toEqual(['T-000001']);
        expect((await api.call('GET', '/api/tickets?state=new')).body.items).toEqual([]);
      });
    });

    it('answers 400 naming the path, 404 for unknown ids, 409 for a check of a ticket without a fix', async () => {
      await withTicketApi(factory, async (api) => {
        const bad = await api.call('POST', '/api/tickets', { ...report, title: '' });
        expect([bad.status, bad.body.path]).toEqual([400, 'title']);
        const badAction = await api.call('POST', '/api/tickets/T-000001/actions', {
          action: { kind: 'dance' },
        });
        expect([badAction.status, badAction.body.path]).toEqual([400, 'action.kind']);
        const noText = await api.call('POST', '/api/tickets/T-000001/actions', {
          action: { kind: 'reject', reason: '' },
        });
        expect([noText.status, noText.body.path]).toEqual([400, 'action.reason']);
        const badFilter = await api.call('GET', '/api/tickets?state=sleeping');
        expect([badFilter.status, badFilter.body.path]).toEqual([400, 'state']);
        for (const url of [
          '/api/tickets/T-000042',
          '/api/tickets/nonsense',
          '/api/tickets/T-000042/verification',
        ])
          expect((await api.call('GET', url)).status).toBe(404);
        const nowhere = await api.call('POST', '/api/tickets/T-000042/actions', {
          action: { kind: 'close' },
        });
        expect(nowhere.status).toBe(404);
        const unknownTool = await api.call('POST', '/api/tickets', { ...report, tool: 'NOPE' });
        expect([unknownTool.status, unknownTool.body.code]).toEqual([404, 'unknown-reference']);
        expect((await api.call('POST', '/api/tickets', report)).status).toBe(201);
        const early = await api.call('GET', '/api/tickets/T-000001/verification');
        expect([early.status, early.body.code]).toEqual([409, 'not-fix-deployed']);
      });
    });

    it('stores attachments byte for byte, refuses one past 10 MB with 413', async () => {
      await withTicketApi(factory, async (api) => {
        expect((await api.call('POST', '/api/tickets', report)).status).toBe(201);
        const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
        const up = await api.app.inject({
          method: 'POST',
          url: '/api/tickets/T-000001/attachments?name=scan.png',
          headers: { ...api.auth(), 'content-type': 'image/png' },
          payload: bytes,
        });
        expect(up.statusCode).toBe(201);
        const info = up.json() as { id: number; size: number; mediaType: string };
        expect([info.size, info.mediaType]).toEqual([6, 'image/png']);
        const down = await api.app.inject({
          method: 'GET',
          url: `/api/tickets/T-000001/attachments/${info.id}`,
          headers: api.auth(),
        });
        expect(down.statusCode).toBe(200);
        expect(down.headers['content-type']).toBe('image/png');
        expect([...down.rawPayload]).toEqual([...bytes]);
        const big = await api.app.inject({
          method: 'POST',
          url: '/api/tickets/T-000001/attachments?name=big.bin',
          headers: { ...api.auth(), 'content-type': 'application/octet-stream' },
          payload: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1),
        });
        expect([big.statusCode, (big.json() as { code: string }).code]).toEqual([413, 'body-too-large']);
        const missing = await api.app.inject({
          method: 'GET',
          url: '/api/tickets/T-000001/attachments/99',
          headers: api.auth(),
        });
        expect(missing.statusCode).toBe(404);
        const detail = await api.call('GET', '/api/tickets/T-000001');
        expect((detail.body.attachments as unknown[]).length).toBe(1);
      });
    });

    it('summarises response times per maker in working hours', async () => {
      await withTicketApi(factory, async (api) => {
        // The service clock moves 60 s per call from T0 (Monday 2026-01-05 08:00 UTC, before the
        // default 09:00–18:00 calendar opens): reported at 08:01, acknowledged at 08:02, both before
        // work starts, so the response is 0 working hours.
        expect((await api.call('POST', '/api/tickets', report)).status).toBe(201);
        api.as(MAKER);
        expect(
          (await api.call('POST', '/api/tickets/T-000001/actions', { action: { kind: 'acknowledge' } }))
            .status,
        ).toBe(200);
        const r = await api.call('GET', '/api/tickets/response-times?maker=maker-a');
        expect(r.status).toBe(200);
        expect(r.body.total).toMatchObject({
          reported: 1,
          awaitingResponse: 0,
          response: { count: 1, median: 0 },
        });
        expect((r.body.byMakerMonth as { month: string }[]).map((g) => g.month)).toEqual(['2026-01']);
      });
    });
  });
}
