// The ticket service on the embedded pipeline (records written through the group-commit sink, the
// service on its live feed, a SQLite store): an alarm the settings name opens a ticket with its data
// captured from the store; its recurrence is counted on the open ticket; a verified ticket reopens on
// a recurrence; a rejected one gives way to a new ticket. Alarms the settings leave out open nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedPipeline, type EmbeddedPipeline } from '../bus/embedded-pipeline.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { analysisRecord } from '../store/pair-analysis-fixtures.test-util.js';
import type { AlarmRecord, FabRecord } from '../store/records.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, lot, lotContents, T0 } from '../store/store-fixtures.test-util.js';
import type { StoredTicket } from '../store/ticket-records.js';
import { type TicketEvent, TicketService } from './ticket-service.js';
import { ticketSettingsSchema } from './ticket-settings.js';
import type { Actor } from './ticket-workflow.js';
import { verificationCheck } from './verification.js';

const MAKER: Actor = { id: 'mk-1', role: 'maker-engineer' };
const FAB: Actor = { id: 'eng-1', role: 'fab-engineer' };
/** The shipped catalogue's BD-ALIGN-061 (docs/tool.md §1): ALID 7061, ALCD 4, its text as the tool sends it. */
const ALIGN_TEXT = 'BD-ALIGN-061 Registration failed on every attempt';

let dir: string;
let store: FabStore;
let pipeline: EmbeddedPipeline;
let service: TicketService;
let events: TicketEvent[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-tickets-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  pipeline = createEmbeddedPipeline(store);
  service = new TicketService({
    store,
    settings: ticketSettingsSchema.parse({ capture: { traceWindowS: 10, alarmHistory: 3, pairs: 2 } }),
  });
  events = [];
  service.subscribe((e) => events.push(e));
  service.attach(pipeline.feed);
});

afterEach(async () => {
  await pipeline.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function write(records: FabRecord[]): Promise<void> {
  const r = await pipeline.sink.write(records);
  if (!r.ok) throw new Error(r.issues[0]?.message);
}

function alarm(at: number, extra: Partial<AlarmRecord> = {}): AlarmRecord {
  return {
    type: 'alarm',
    toolId: 'B1',
    alid: 7061,
    state: 'set',
    category: 4,
    text: ALIGN_TEXT,
    equipmentTimeMs: T0 + at,
    receivedTimeMs: T0 + at + 3,
    dataId: at,
    ...extra,
  };
}

async function ticketsOf(): Promise<StoredTicket[]> {
  const items = okValue(await store.listTickets({})).items;
  return Promise.all(items.map(async (t) => okValue(await store.getTicket(t.id))));
}

async function settled(what: string, check: (ts: StoredTicket[]) => boolean): Promise<StoredTicket[]> {
  let last: StoredTicket[] = [];
  await until(
    async () => {
      await service.idle();
      last = await ticketsOf();
      return check(last);
    },
    what,
    { detail: () => JSON.stringify(last.map((t) => [t.id, t.state, t.occurrences])) },
  );
  return last;
}

/** The tool's history before the alarm: its line, a lot of 3 pairs, constants, trace around t = 60 s. */
async function history(): Promise<void> {
  await write([...line(['B1']), lot('L1', 'B1'), ...lotContents('L1', 'B1', 3)]);
  const ec = (n: number, name: string, v: number, at: number): FabRecord => ({
    type: 'ec-change',
    toolId: 'B1',
    ecid: 2000 + n,
    name,
    oldValue: 0,
    newValue: v,
    source: 'host',
    equipmentTimeMs: T0 + at,
    receivedTimeMs: T0 + at,
    dataId: at,
  });
  const trace = (n: number, at: number): FabRecord => ({
    type: 'trace',
    toolId: 'B1',
    traceId: 1,
    sampleNo: n,
    equipmentTimeMs: T0 + at,
    receivedTimeMs: T0 + at,
    values: { ChamberPressurePa: 100 + n },
  });
  await write([
    ec(1, 'R2R_TX_NM', 10, 1000),
    ec(1, 'R2R_TX_NM', 12.5, 2000),
    ec(2, 'BondForceN', 20, 3000),
    // 45 s, 55 s and 59 s: only the last two lie within 10 s of the alarm at 60 s.
    trace(1, 45_000),
    trace(2, 55_000),
    trace(3, 59_000),
    alarm(30_000, { alid: 4011, category: 6, text: 'PL-RF-011 RF reflected power above 10%' }),
  ]);
}

describe('ticket service', () => {
  it('opens a ticket from an alarm with its data captured at opening', async () => {
    await history();
    await write([alarm(60_000)]);
    const [t] = await settled('one ticket', (ts) => ts.length === 1);
    expect(t).toMatchObject({
      id: 'T-000001',
      toolId: 'B1',
      makerId: 'maker-a',
      // The fixture's tool has module BD1 of kind aligner-bonder: the BD prefix names it.
      module: 'BD1',
      faultKey: 'alarm:7061',
      source: 'alarm',
      title: ALIGN_TEXT,
      state: 'new',
      occurrences: 1,
      reportedMs: T0 + 60_003,
    });
    const d = t?.data ?? {};
    expect(d.alarm).toMatchObject({ alid: 7061, category: 4, faultPoint: 'BD-ALIGN-061' });
    expect(d.lot).toEqual({ id: 'L1', recipe: 'BOND-STD', recipeVersion: 1, startedMs: T0 });
    // The newest value of each constant.
    expect(d.constants).toEqual({ R2R_TX_NM: 12.5, BondForceN: 20 });
    expect((d.trace as { sampleNo: number }[]).map((s) => s.sampleNo)).toEqual([2, 3]);
    // The 3 newest alarms, newest first: this one and the earlier warning (which opened nothing).
    expect((d.alarmHistory as { alid: number }[]).map((a) => a.alid)).toEqual([7061, 4011]);
    expect((d.pairs as { pairId: string }[]).map((p) => p.pairId)).toEqual(['L1-P3', 'L1-P2']);
    // The replay file's document (docs/tool.md §8.4), the ticket id added when it is served.
    expect(d.replay).toEqual({
      format: 'bondline-replay/1',
      source: {
        tool: 'B1',
        module: 'BD1',
        capturedAt: new Date(T0 + 60_003).toISOString(),
        faultId: 'BD-ALIGN-061',
        alarm: { alid: 7061, text: ALIGN_TEXT },
      },
      recipe: { name: 'BOND-STD', body: 'bond:\n  forceN: 20\n' },
      constants: { R2R_TX_NM: 12.5, BondForceN: 20 },
      faults: { 'BD-ALIGN-061': { perStep: 1 } },
    });
    expect(events.map((e) => [e.kind, e.ticket.id])).toEqual([['opened', 'T-000001']]);
  });

  it('counts a recurrence on the open ticket, leaves out alarms the settings do not name', async () => {
    await history();
    await write([alarm(60_000)]);
    await write([
      alarm(61_000),
      alarm(61_500, { state: 'clear' }),
      alarm(62_000, { category: 7, alid: 9001 }),
    ]);
    await write([alarm(63_000)]);
    const ts = await settled('3 occurrences', (x) => x[0]?.occurrences === 3);
    expect(ts).toHaveLength(1);
    const h = okValue(await store.ticketHistory('T-000001'));
    expect(h.map((l) => [l.action.kind, l.actor.id])).toEqual([
      ['open', 'system'],
      ['recur', 'system'],
      ['recur', 'system'],
    ]);
  });

  it('reopens a verified ticket on a recurrence, and opens a new one after a rejection', async () => {
    await history();
    await write([alarm(60_000)]);
    await settled('a ticket', (ts) => ts.length === 1);
    const id = 'T-000001';
    okValue(await service.act(id, { kind: 'acknowledge' }, MAKER));
    okValue(await service.act(id, { kind: 'start-analysis' }, MAKER));
    okValue(await service.act(id, { kind: 'propose-fix', summary: 'retune the registration' }, MAKER));
    okValue(await service.act(id, { kind: 'deploy-fix', fix: { kind: 'software', version: '2.1' } }, MAKER));
    const check = verificationCheck({ pairsSinceFix: 25, requiredPairs: 25, recurrencesSinceFix: 0 });
    const verified = okValue(await service.act(id, { kind: 'verify', check }, FAB, 5));
    expect(verified.state).toBe('verified');
    await write([alarm(90_000)]);
    const [reopened] = await settled('reopened', (ts) => ts[0]?.state === 'new');
    expect(reopened).toMatchObject({ id, occurrences: 2, reopened: 1 });
    expect(reopened?.acknowledgedMs).toBeUndefined();

    okValue(await service.act(id, { kind: 'reject', reason: 'a misaligned carrier, not the tool' }, MAKER));
    await write([alarm(120_000)]);
    const after = await settled('a new ticket', (ts) => ts.length === 2);
    expect(after.map((t) => [t.id, t.state, t.occurrences])).toEqual([
      [id, 'rejected', 2],
      ['T-000002', 'new', 1],
    ]);
    expect(events.map((e) => e.kind)).toContain('changed');
  });

  it('refuses a stale version and a move the role may not make; reports and violations open tickets', async () => {
    await history();
    const report = okValue(
      await service.report({ toolId: 'B1', title: 'Edge voids on every wafer', text: 'see the scans' }, FAB),
    );
    expect(report).toMatchObject({ source: 'report', state: 'new', data: { text: 'see the scans' } });
    const stale = await service.act(report.id, { kind: 'comment', text: 'late' }, FAB, 7);
    expect(stale.ok ? 'ok' : stale.issues[0]?.code).toBe('stale-version');
    const notMaker = await service.act(report.id, { kind: 'acknowledge' }, FAB);
    expect(notMaker.ok ? 'ok' : notMaker.issues[0]?.code).toBe('not-permitted');
    const v = {
      toolId: 'B1',
      faultKey: 'spc:B1/overlay-x',
      title: 'Overlay X out of control',
      data: { rule: 1 },
    };
    const first = okValue(await service.openFromViolation('spc', v));
    const again = okValue(await service.openFromViolation('spc', v));
    expect([first.outcome, again.outcome, again.ticket.id, again.ticket.occurrences]).toEqual([
      'opened',
      'recurred',
      first.ticket.id,
      2,
    ]);
  });

  it('opens tickets from committed SPC violations (per chart) and FDC faults (per recipe step)', async () => {
    await history();
    const violation = (pointIndex: number, closedMs?: number): FabRecord => ({
      type: 'spc-violation',
      chartId: 'tx@B1|BOND-STD|P1',
      part: 'location',
      rule: 'we1',
      pointIndex,
      toolId: 'B1',
      parameter: 'tx',
      context: 'B1|BOND-STD|P1',
      phase: 1,
      description: 'one point beyond 3 sigma',
      indexes: [pointIndex],
      pairId: 'L1-P1',
      value: 812,
      atMs: T0 + 9000 + pointIndex,
      ...(closedMs === undefined ? {} : { closedMs, closeReason: 'stage recalibrated' }),
    });
    await write([violation(30), violation(31)]);
    const spc = await settled('an SPC ticket with two occurrences', (ts) =>
      ts.some((t) => t.source === 'spc' && t.occurrences === 2),
    );
    const t = spc.find((x) => x.source === 'spc');
    expect(t).toMatchObject({
      faultKey: 'spc:tx@B1|BOND-STD|P1',
      state: 'new',
      data: { rule: 'we1', pointIndex: 30 },
    });
    expect(t?.title).toContain('SPC tx');
    // Closing a violation writes it again: no ticket, no recurrence.
    await write([violation(30, T0 + 20_000)]);
    const fault: FabRecord = {
      type: 'fdc-fault',
      pairId: 'L1-P2',
      toolId: 'B1',
      recipe: 'BOND-STD',
      step: 'plasma.top',
      moduleId: 'PL1',
      modelVersion: 1,
      atMs: T0 + 9500,
      t2: 8259,
      t2Ucl: 27.74,
      reasons: ['t2', 'limits'],
      traces: [
        { trace: 'RfReflectedPower', contribution: 5000, share: 0.6, outOfLimits: ['mean'] },
        { trace: 'ChamberPressure', contribution: 2000, share: 0.25, outOfLimits: ['mean'] },
      ],
    };
    await write([fault]);
    const all = await settled('an FDC ticket', (ts) => ts.some((x) => x.source === 'fdc'));
    expect(all.find((x) => x.source === 'spc')?.occurrences).toBe(2);
    const fdc = all.find((x) => x.source === 'fdc');
    expect(fdc).toMatchObject({
      faultKey: 'fdc:BOND-STD/plasma.top',
      module: 'PL1',
      data: { pairId: 'L1-P2', t2: 8259 },
    });
    expect(fdc?.title).toBe(
      'FDC BOND-STD plasma.top on PL1: T² 8259 over 27.74, driven by RfReflectedPower, ChamberPressure',
    );
  });

  it('opens a yield ticket when a window of analysed pairs is an excursion, and counts its recurrence', async () => {
    await history();
    const stored = okValue(await store.listPairs({ lotId: 'L1' })).items.map((i) => i.pair);
    const analysedPair = (n: number) => {
      const p = stored[n % stored.length];
      if (p === undefined) throw new Error('no pair');
      const record = analysisRecord(p.id, { dies: 10, overlay: 8, void: 0, cu: 0 }, ['BD-ALIGN-061']);
      return { toolId: 'B1', lotId: 'L1', recipe: p.recipe, pair: p, record };
    };
    // The default window is 10 pairs; 20 pairs at 20% are two excursions on one ticket.
    for (let n = 0; n < 20; n++) service.analysed(analysedPair(n));
    const ts = await settled('a yield ticket with two occurrences', (all) =>
      all.some((t) => t.source === 'yield' && t.occurrences === 2),
    );
    const t = ts.find((x) => x.source === 'yield');
    expect(t).toMatchObject({
      faultKey: `yield:${stored[0]?.recipe}`,
      state: 'new',
    });
    // 2 good dies of 10 on each pair.
    expect(t?.data.meanYield).toBeCloseTo(0.2, 12);
  });
});
