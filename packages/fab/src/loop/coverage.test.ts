// Fault-point coverage (docs/fab.md §11.8) on a SQLite store: a point's alarm counted on the tool, the
// ticket of its ALID (or a ticket whose data names it) giving its status, points never seen left so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import type { AlarmRecord } from '../store/records.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, T0 } from '../store/store-fixtures.test-util.js';
import { type CataloguePoint, faultPointCoverage } from './coverage.js';
import { type Actor, applyTicketAction, type TicketAction } from './ticket-workflow.js';

const SYSTEM: Actor = { id: 'system', role: 'system' };
const MAKER: Actor = { id: 'mk', role: 'maker-engineer' };

const CATALOGUE: CataloguePoint[] = [
  {
    id: 'BD-ALIGN-061',
    module: 'aligner-bonder',
    name: 'registration failed',
    severity: 'error',
    alid: 7061,
  },
  { id: 'BD-ALIGN-062', module: 'aligner-bonder', name: 'mark not found', severity: 'error', alid: 7062 },
  { id: 'BD-ALIGN-063', module: 'aligner-bonder', name: 'stage limit', severity: 'critical', alid: 7063 },
  { id: 'PL-VAC-037', module: 'plasma', name: 'slow leak', severity: 'warning' },
  { id: 'PL-RF-040', module: 'plasma', name: 'match drift', severity: 'warning' },
];

let dir: string;
let store: FabStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-coverage-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  okValue(await store.writeBatch(line(['B1', 'B2'])));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const alarm = (toolId: string, alid: number, at: number): AlarmRecord => ({
  type: 'alarm',
  toolId,
  alid,
  state: 'set',
  category: 4,
  text: 'x',
  equipmentTimeMs: T0 + at,
  receivedTimeMs: T0 + at,
  dataId: at,
});

describe('fault-point coverage', () => {
  it('gives each catalogue point its occurrences and the status of its ticket', async () => {
    okValue(
      await store.writeBatch([
        alarm('B1', 7061, 1),
        alarm('B1', 7061, 2),
        alarm('B1', 7061, 3),
        alarm('B1', 7062, 4),
        // Another tool's alarm is not B1's.
        alarm('B2', 7063, 5),
      ]),
    );
    const open = (faultKey: string, data: object) =>
      store.createTicket({
        toolId: 'B1',
        faultKey,
        source: faultKey.startsWith('alarm') ? 'alarm' : 'yield',
        title: 't',
        reportedMs: T0,
        data: data as never,
        actor: SYSTEM,
      });
    let t = okValue(await open('alarm:7061', {}));
    const moves: TicketAction[] = [
      { kind: 'acknowledge' },
      { kind: 'start-analysis' },
      { kind: 'propose-fix', summary: 'recalibrate' },
      { kind: 'deploy-fix', fix: { kind: 'software', version: '1.2' } },
    ];
    for (const [i, a] of moves.entries()) {
      const applied = applyTicketAction(t, a, MAKER, T0 + 10 + i);
      if (!applied.ok) throw new Error(applied.issues[0]?.message);
      t = okValue(await store.changeTicket(t.id, t.version, applied.value.ticket, applied.value.change));
    }
    okValue(await open('yield:BOND-STD', { faultPoints: [{ id: 'PL-VAC-037', pairs: 4 }] }));
    const c = okValue(await faultPointCoverage(store, 'B1', CATALOGUE));
    expect(c.points.map((p) => [p.id, p.status, p.occurrences, p.ticket?.id])).toEqual([
      ['BD-ALIGN-061', 'fixed', 3, 'T-000001'],
      ['BD-ALIGN-062', 'occurred', 1, undefined],
      ['BD-ALIGN-063', 'not-seen', 0, undefined],
      ['PL-VAC-037', 'open', 0, 'T-000002'],
      ['PL-RF-040', 'not-seen', 0, undefined],
    ]);
    expect(c.points[0]?.lastMs).toBe(T0 + 3);
    expect(c.totals).toEqual({
      points: 5,
      silent: 2,
      'not-seen': 2,
      occurred: 1,
      open: 1,
      fixed: 1,
      verified: 0,
      rejected: 0,
    });
    expect(okValue(await faultPointCoverage(store, 'B2', CATALOGUE)).totals.occurred).toBe(1);
    expect((await faultPointCoverage(store, 'B9', CATALOGUE)).ok).toBe(false);
  });
});
