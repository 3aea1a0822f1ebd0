// The learning curve's annotations: a ticket taken through to a verified fix shows on
// GET /api/yield/curve with the fix the maker deployed; an open ticket does not.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFabApi } from '../api/fab-api.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line } from '../store/store-fixtures.test-util.js';
import { TicketService } from './ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from './ticket-settings.js';
import type { Actor, TicketAction } from './ticket-workflow.js';
import { verificationCheck } from './verification.js';
import { verifiedFixes } from './verified-fixes.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const FAB: Actor = { id: 'eng-1', role: 'fab-engineer' };
const MAKER: Actor = { id: 'mk-1', role: 'maker-engineer' };

describe('verified fixes', () => {
  it('lists the verified and closed tickets with their fixes, oldest first, and the curve carries them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-fixes-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
    cleanups.push(() => store.close());
    okValue(await store.migrate());
    okValue(await store.writeBatch(line(['B1', 'B2'])));
    let now = 1_800_000_000_000;
    const service = new TicketService({ store, settings: DEFAULT_TICKET_SETTINGS, clock: () => now });
    const open = async (toolId: string, title: string) =>
      okValue(await service.report({ toolId, title, text: 'seen on the line' }, FAB)).id;
    const fixed = await open('B1', 'Edge voids on every wafer');
    const stillOpen = await open('B1', 'Autofocus retries');
    const other = await open('B2', 'Chuck vacuum low');
    const steps: [TicketAction, Actor][] = [
      [{ kind: 'acknowledge' }, MAKER],
      [{ kind: 'start-analysis' }, MAKER],
      [{ kind: 'propose-fix', summary: 'bond wave start moved inward' }, MAKER],
      [{ kind: 'deploy-fix', fix: { kind: 'software', version: '2.4.1' } }, MAKER],
      [
        {
          kind: 'verify',
          check: verificationCheck({ pairsSinceFix: 25, requiredPairs: 25, recurrencesSinceFix: 0 }),
        },
        FAB,
      ],
    ];
    for (const id of [other, fixed]) {
      for (const [action, who] of steps) {
        now += 60_000;
        okValue(await service.act(id, action, who));
      }
    }
    now += 60_000;
    okValue(await service.act(other, { kind: 'close' }, FAB));

    const all = okValue(await verifiedFixes(store, {}));
    expect(all.truncated).toBe(false);
    expect(all.fixes.map((f) => f.ticketId)).toEqual([other, fixed]);
    const b1 = okValue(await verifiedFixes(store, { toolId: 'B1' }));
    expect(b1.fixes).toEqual([
      {
        ticketId: fixed,
        toolId: 'B1',
        makerId: 'maker-a',
        faultKey: expect.stringMatching(/^report:/),
        title: 'Edge voids on every wafer',
        fix: { kind: 'software', version: '2.4.1' },
        fixDeployedMs: 1_800_000_000_000 + 9 * 60_000,
        verifiedMs: 1_800_000_000_000 + 10 * 60_000,
      },
    ]);
    expect(b1.fixes.map((f) => f.ticketId)).not.toContain(stillOpen);

    const app = await buildFabApi({ store, checkResponses: true });
    cleanups.push(() => app.close());
    const curve = await app.inject('/api/yield/curve?tool=B1');
    expect(curve.statusCode).toBe(200);
    expect(curve.json()).toMatchObject({
      points: [],
      truncated: false,
      fixesTruncated: false,
      fixes: [{ ticketId: fixed }],
    });
  });
});
