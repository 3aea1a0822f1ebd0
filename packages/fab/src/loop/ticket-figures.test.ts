// The verification check read from the store (docs/fab.md §11.6) on a hand-computed case: tool B1's
// lot L1 before the ticket (pairs of 8 and 10 good dies of 10: yield 18/20 = 0.9), lot L2 after the
// fix (5 and 9 of 10: 14/20 = 0.7, not recovered; analysed again as 10 and 9: 19/20 = 0.95, recovered
// within the 0.02 tolerance), and a recurrence after the fix that fails it whatever the yield.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { analysisRecord } from '../store/pair-analysis-fixtures.test-util.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, lot, lotContents, T0 } from '../store/store-fixtures.test-util.js';
import { ticketVerification } from './ticket-figures.js';
import { TicketService } from './ticket-service.js';
import { ticketSettingsSchema } from './ticket-settings.js';
import type { Actor } from './ticket-workflow.js';

const HOUR = 3_600_000;
const MAKER: Actor = { id: 'mk-1', role: 'maker-engineer' };
const settings = ticketSettingsSchema.parse({
  verification: { pairs: 2, yieldTolerance: 0.02, baselineHours: 24 },
});

let dir: string;
let store: FabStore;
let now: number;
let service: TicketService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-ticket-figures-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  // L1's pairs start at T0 + 1 and 2 min; L2's three hours later.
  const l2 = lotContents('L2', 'B1', 2).map((r) =>
    r.type === 'pair' ? { ...r, startedMs: r.startedMs + 3 * HOUR } : r,
  );
  okValue(
    await store.writeBatch([
      ...line(['B1']),
      lot('L1', 'B1'),
      ...lotContents('L1', 'B1', 2),
      lot('L2', 'B1', { startedMs: T0 + 3 * HOUR }),
      ...l2,
    ]),
  );
  okValue(
    await store.writePairAnalyses([
      analysisRecord('L1-P1', { dies: 10, overlay: 1, void: 1, cu: 0 }),
      analysisRecord('L1-P2', { dies: 10, overlay: 0, void: 0, cu: 0 }),
    ]),
  );
  now = T0 + HOUR;
  service = new TicketService({ store, settings, clock: () => now });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const violation = { toolId: 'B1', faultKey: 'yield:B1', title: 'Yield excursion on B1', data: {} };

async function deployedTicket(): Promise<string> {
  const { ticket } = okValue(await service.openFromViolation('yield', violation));
  okValue(await service.act(ticket.id, { kind: 'acknowledge' }, MAKER));
  okValue(await service.act(ticket.id, { kind: 'start-analysis' }, MAKER));
  okValue(await service.act(ticket.id, { kind: 'propose-fix', summary: 'clean the chuck' }, MAKER));
  now = T0 + 2 * HOUR;
  okValue(
    await service.act(
      ticket.id,
      { kind: 'deploy-fix', fix: { kind: 'hardware', change: 'chuck cleaned' } },
      MAKER,
    ),
  );
  return ticket.id;
}

describe('ticket verification from the store', () => {
  it('fails while the yield has not recovered, passes once it has', async () => {
    const id = await deployedTicket();
    okValue(
      await store.writePairAnalyses([
        analysisRecord('L2-P1', { dies: 10, overlay: 0, void: 4, cu: 1 }),
        analysisRecord('L2-P2', { dies: 10, overlay: 0, void: 0, cu: 1 }),
      ]),
    );
    const low = okValue(await ticketVerification(store, id, settings.verification));
    expect(low).toMatchObject({ passed: false, pairsSinceFix: 2, requiredPairs: 2, recurrencesSinceFix: 0 });
    expect(low.figure).toMatchObject({ name: 'die yield', before: 0.9, after: 0.7, recovered: false });
    expect(low.reasons).toEqual([
      'die yield is 0.7 since the fix against 0.9 before the fault (tolerance 0.02)',
    ]);

    okValue(
      await store.writePairAnalyses([
        analysisRecord('L2-P1', { dies: 10, overlay: 0, void: 0, cu: 0 }, [], 2),
        analysisRecord('L2-P2', { dies: 10, overlay: 0, void: 0, cu: 1 }, [], 2),
      ]),
    );
    const good = okValue(await ticketVerification(store, id, settings.verification));
    expect(good).toMatchObject({ passed: true, figure: { before: 0.9, after: 0.95, recovered: true } });
  });

  it('counts a recurrence since the fix, and refuses a ticket whose fix is not deployed', async () => {
    const id = await deployedTicket();
    now = T0 + 4 * HOUR;
    expect(okValue(await service.openFromViolation('yield', violation)).outcome).toBe('recurred');
    const check = okValue(await ticketVerification(store, id, settings.verification));
    expect(check.recurrencesSinceFix).toBe(1);
    expect(check.reasons).toContain('the fault point recurred 1 time since the fix');
    const other = okValue(
      await service.openFromViolation('yield', { ...violation, faultKey: 'yield:other' }),
    );
    const refused = await ticketVerification(store, other.ticket.id, settings.verification);
    expect(refused.ok ? 'ok' : refused.issues[0]?.code).toBe('not-fix-deployed');
  });
});
