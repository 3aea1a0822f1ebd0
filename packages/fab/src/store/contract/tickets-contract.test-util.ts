// The tickets' store (migration 8, docs/fab.md §11.4): opened with the tool's maker and a first history
// line, changed under their version with a history line each (a stale version refused, nothing
// written), found per (tool, fault key), listed with filters and pages, attachments stored and bounded.
// Both stores run it from fab-store-contract.test-util.ts.
import { expect, it } from 'vitest';
import { type Actor, applyTicketAction, type TicketAction } from '../../loop/ticket-workflow.js';
import type { FabStore } from '../fab-store.js';
import { line, T0 } from '../store-fixtures.test-util.js';
import { MAX_ATTACHMENT_BYTES, type NewTicket, type StoredTicket } from '../ticket-records.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

const SYSTEM: Actor = { id: 'system', role: 'system' };
const MAKER: Actor = { id: 'mk-1', role: 'maker-engineer' };

function opening(extra: Partial<NewTicket> = {}): NewTicket {
  return {
    toolId: 'B1',
    module: 'BD',
    faultKey: 'alarm:7061',
    source: 'alarm',
    title: 'BD-ALIGN-061 registration failed',
    reportedMs: T0,
    data: { alid: 7061, trace: [{ t: 1, v: 2.5 }] },
    actor: SYSTEM,
    ...extra,
  };
}

async function act(store: FabStore, t: StoredTicket, action: TicketAction, actor: Actor, atMs: number) {
  const applied = applyTicketAction(t, action, actor, atMs);
  if (!applied.ok) throw new Error(applied.issues[0]?.message);
  return okValue(await store.changeTicket(t.id, t.version, applied.value.ticket, applied.value.change));
}

export function ticketsContract(factory: HarnessFactory): void {
  it('tickets: opened with the maker and a history line, changed by version, history in order', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1', 'B2'])));
      const t = okValue(await store.createTicket(opening()));
      expect(t).toMatchObject({
        id: 'T-000001',
        toolId: 'B1',
        makerId: 'maker-a',
        module: 'BD',
        state: 'new',
        occurrences: 1,
        reopened: 0,
        assignee: null,
        reportedMs: T0,
        version: 1,
        data: { alid: 7061, trace: [{ t: 1, v: 2.5 }] },
      });
      const acked = await act(store, t, { kind: 'acknowledge' }, MAKER, T0 + 60_000);
      expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedMs: T0 + 60_000, version: 2 });
      const a = await act(store, acked, { kind: 'start-analysis' }, MAKER, T0 + 61_000);
      const p = await act(store, a, { kind: 'propose-fix', summary: 'recalibrate' }, MAKER, T0 + 62_000);
      const fix = { kind: 'software', version: '2.1.4' } as const;
      const d = await act(store, p, { kind: 'deploy-fix', fix }, MAKER, T0 + 63_000);
      expect(okValue(await store.getTicket(t.id))).toMatchObject({ state: 'fix-deployed', fix, version: 5 });
      // A change against version 4 (read before the deployment) is refused and writes nothing.
      const stale = applyTicketAction(p, { kind: 'comment', text: 'late' }, MAKER, T0 + 64_000);
      if (!stale.ok) throw new Error('comment refused');
      const refused = issuesOf(
        await store.changeTicket(t.id, p.version, stale.value.ticket, stale.value.change),
      );
      expect(refused[0]).toMatchObject({ code: 'stale-version', path: 'version' });
      const history = okValue(await store.ticketHistory(t.id));
      expect(history.map((h) => [h.seq, h.action.kind, h.from, h.to])).toEqual([
        [1, 'open', 'new', 'new'],
        [2, 'acknowledge', 'new', 'acknowledged'],
        [3, 'start-analysis', 'acknowledged', 'analysing'],
        [4, 'propose-fix', 'analysing', 'fix-proposed'],
        [5, 'deploy-fix', 'fix-proposed', 'fix-deployed'],
      ]);
      expect(history[1]).toEqual({
        seq: 2,
        atMs: T0 + 60_000,
        actor: MAKER,
        action: { kind: 'acknowledge' },
        from: 'new',
        to: 'acknowledged',
      });
      expect(d.version).toBe(5);
    });
  });

  it('tickets: the current one per (tool, fault key), lists filtered and paged, unknown ids', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1', 'B2'])));
      expect(okValue(await store.currentTicket('B1', 'alarm:7061'))).toBeNull();
      const first = okValue(await store.createTicket(opening()));
      const rejected = await act(store, first, { kind: 'reject', reason: 'not a fault' }, MAKER, T0 + 1);
      const second = okValue(await store.createTicket(opening({ reportedMs: T0 + 2 })));
      okValue(await store.createTicket(opening({ toolId: 'B2', source: 'report', faultKey: 'report:1' })));
      expect(rejected.state).toBe('rejected');
      expect(okValue(await store.currentTicket('B1', 'alarm:7061'))?.id).toBe(second.id);
      const list = async (q: Parameters<FabStore['listTickets']>[0]) =>
        okValue(await store.listTickets(q)).items.map((t) => t.id);
      expect(await list({})).toEqual(['T-000001', 'T-000002', 'T-000003']);
      expect(await list({ state: 'new' })).toEqual(['T-000002', 'T-000003']);
      expect(await list({ toolId: 'B2' })).toEqual(['T-000003']);
      expect(await list({ source: 'alarm', makerId: 'maker-a' })).toEqual(['T-000001', 'T-000002']);
      expect(await list({ makerId: 'maker-b' })).toEqual([]);
      const page1 = okValue(await store.listTickets({ limit: 2, order: 'desc' }));
      expect(page1.items.map((t) => t.id)).toEqual(['T-000003', 'T-000002']);
      expect('data' in (page1.items[0] ?? {})).toBe(false);
      const page2 = okValue(
        await store.listTickets({ limit: 2, order: 'desc', cursor: page1.nextCursor ?? '' }),
      );
      expect(page2.items.map((t) => t.id)).toEqual(['T-000001']);
      expect(page2.nextCursor).toBeUndefined();
      for (const id of ['T-000099', 'T-1', 'x'])
        expect(issuesOf(await store.getTicket(id))[0]?.code).toBe('not-found');
      expect(issuesOf(await store.ticketHistory('T-000099'))[0]?.code).toBe('not-found');
      const unknownTool = issuesOf(await store.createTicket(opening({ toolId: 'NOPE' })));
      expect(unknownTool[0]).toMatchObject({ code: 'unknown-reference', path: 'toolId' });
      const badTitle = issuesOf(await store.createTicket(opening({ title: ' ' })));
      expect(badTitle[0]).toMatchObject({ code: 'invalid-record', path: 'title' });
    });
  });

  it('tickets: attachments stored byte for byte, listed, bounded at 10 MB', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const t = okValue(await store.createTicket(opening()));
      const bytes = new Uint8Array([0, 1, 2, 255, 128, 7]);
      const info = okValue(
        await store.addTicketAttachment({
          ticketId: t.id,
          name: 'scope.png',
          mediaType: 'image/png',
          bytes,
          actor: MAKER,
          atMs: T0 + 5,
        }),
      );
      expect(info).toMatchObject({
        ticketId: t.id,
        name: 'scope.png',
        size: 6,
        actorId: 'mk-1',
        atMs: T0 + 5,
      });
      expect(okValue(await store.listTicketAttachments(t.id))).toEqual([info]);
      const got = okValue(await store.getTicketAttachment(t.id, info.id));
      expect([...got.bytes]).toEqual([...bytes]);
      expect(issuesOf(await store.getTicketAttachment(t.id, info.id + 1))[0]?.code).toBe('not-found');
      const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
      const refused = issuesOf(
        await store.addTicketAttachment({
          ticketId: t.id,
          name: 'big.bin',
          mediaType: 'application/octet-stream',
          bytes: big,
          actor: MAKER,
          atMs: T0 + 6,
        }),
      );
      expect(refused[0]?.code).toBe('too-large');
      const nowhere = issuesOf(
        await store.addTicketAttachment({
          ticketId: 'T-000042',
          name: 'a',
          mediaType: 'text/plain',
          bytes,
          actor: MAKER,
          atMs: T0,
        }),
      );
      expect(nowhere[0]?.code).toBe('not-found');
    });
  });
}
