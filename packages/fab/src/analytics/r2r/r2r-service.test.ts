// The R2R service on records fed by hand (a fake tool port): what it sends after a pair, that a pair
// is measured against the offsets it was bonded with, the largest step, hold and freeze. Expected
// values by hand: a pair with dx = 80 nm, dy = -40 nm at every site fits Tx = 80, Ty = -40, Rot = Mag
// = 0 (4-term model, exact data); with gain b = -1 and target 0 the first EWMA measurement sets
// a = y - b·u = 80 + u and the next input u = (0 - a)/b = a (docs/align.md §3).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord } from '../../store/records.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { line, T0 } from '../../store/store-fixtures.test-util.js';
import { type FakeToolPort, fakeToolPort } from './r2r-fakes.test-util.js';
import { R2rService } from './r2r-service.js';
import { r2rSettingsSchema } from './r2r-settings.js';

const KEY = 'B1+BOND-STD+default';
let dir: string;
let store: FabStore;
let port: FakeToolPort;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-r2r-svc-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  okValue(await store.writeBatch(line(['B1'])));
  port = fakeToolPort();
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function service(settings: unknown = { enabled: true }): R2rService {
  return new R2rService({ settings: r2rSettingsSchema.parse(settings), store, tools: port, toolIds: ['B1'] });
}

/** A 7 × 7 grid of sites over ±120 mm, every site off by (dx, dy) nm. */
function overlayMap(dx: number, dy: number) {
  const data: number[] = [];
  for (let i = -3; i <= 3; i++) for (let j = -3; j <= 3; j++) data.push(i * 40_000, j * 40_000, dx, dy);
  return { dims: [49, 4], data: Float64Array.from(data) };
}

/** The records of pair n: its pair record, its bond step start, its result. */
function pair(n: number, dx: number, dy: number): { bonded: FabRecord[]; result: FabRecord[] } {
  const id = `P${n}`;
  return {
    bonded: [
      {
        type: 'pair',
        id,
        toolId: 'B1',
        lotId: 'L1',
        slot: n,
        recipe: 'BOND-STD',
        topId: `T${n}`,
        bottomId: `B${n}`,
        stackId: `S${n}`,
        startedMs: T0 + n,
      },
      {
        type: 'event',
        toolId: 'B1',
        dataId: 100 + n,
        ceid: 7001,
        name: 'BonderStepStarted',
        equipmentTimeMs: T0 + n,
        receivedTimeMs: T0 + n,
        data: { StepSubstrates: `T${n},B${n}` },
      },
    ],
    result: [{ type: 'pair-result', pairId: id, yield: 1, summary: {}, overlayMap: overlayMap(dx, dy) }],
  };
}

/** The ConstantChanged record a Bondline bonder sends for one S2F15 (one, naming its last constant). */
function changed(name: string, value: number, at: number): FabRecord {
  return {
    type: 'ec-change',
    toolId: 'B1',
    ecid: 2001,
    name,
    oldValue: 0,
    newValue: value,
    source: 'tool',
    equipmentTimeMs: T0 + at,
    receivedTimeMs: T0 + at,
  };
}

async function history() {
  return okValue(await store.listR2rActions({ context: KEY })).items;
}

describe('R2R service', () => {
  it('sends the correction a pair asks for, then none when the next pair bonded with it is on target', async () => {
    const s = service();
    const p1 = pair(1, 80, -40);
    s.ingest(p1.bonded);
    s.ingest(p1.result);
    await s.idle();
    // Rot and Mag fit 0 (within 1e-9): inside the deadband, not sent.
    expect(port.sets).toHaveLength(1);
    const sent = port.sets[0] ?? [];
    expect(sent.map((v) => v.name)).toEqual(['R2R_TX_NM', 'R2R_TY_NM']);
    expect(sent[0]?.value).toBeCloseTo(80, 6);
    expect(sent[1]?.value).toBeCloseTo(-40, 6);
    // Pair 2 bonded after the tool reported the change (one ConstantChanged, naming Ty): on target.
    const p2 = pair(2, 0, 0);
    s.ingest([changed('R2R_TY_NM', sent[1]?.value ?? 0, 2), ...p2.bonded]);
    s.ingest(p2.result);
    await s.idle();
    expect(port.sets).toHaveLength(1);
    const h = await history();
    expect(h.map((a) => a.action)).toEqual(['correct', 'no-change']);
    expect(h[0]).toMatchObject({
      actionNo: 1,
      pairId: 'P1',
      detail: { eac: 0, bondedWith: { Tx: 0, Ty: 0 } },
    });
    expect(h[1]?.detail.bondedWith).toMatchObject({ Tx: expect.closeTo(80, 6) });
  });

  it('a pair bonded before the correction reached the tool is measured with the old offsets', async () => {
    const s = service();
    const p1 = pair(1, 80, 0);
    const p2 = pair(2, 80, 0);
    s.ingest([...p1.bonded, ...p2.bonded]);
    s.ingest(p1.result);
    await s.idle();
    s.ingest([changed('R2R_TX_NM', 80, 3)]);
    s.ingest(p2.result);
    await s.idle();
    // P2 was bonded with Tx 0 and still showed 80: a = 80 again, the correction stays 80 (no change).
    const h = await history();
    expect(h.map((a) => a.action)).toEqual(['correct', 'no-change']);
    expect(h[1]?.detail.bondedWith).toMatchObject({ Tx: 0 });
    expect(h[1]?.detail.raw).toMatchObject({ Tx: expect.closeTo(80, 6) });
  });

  it('limits a step to maxStep and audits the clamp', async () => {
    const s = service({ enabled: true, maxStep: { Tx: 50 } });
    const p1 = pair(1, 80, 0);
    s.ingest([...p1.bonded, ...p1.result]);
    await s.idle();
    expect(port.sets[0]).toEqual([{ name: 'R2R_TX_NM', value: 50 }]);
    type Clamp = { term: string; reason: string; from: number; to: number };
    const all = (await history())[0]?.detail.clamps as Clamp[];
    // The others are Ty, Rot and Mag's fitted zeros (|v| < 1e-9) kept at 0 by the deadband.
    expect(all.filter((c) => c.reason === 'deadband').map((c) => c.term)).toEqual(['Ty', 'Rot', 'Mag']);
    const clamps = all.filter((c) => c.reason !== 'deadband');
    expect(clamps).toHaveLength(1);
    expect(clamps[0]).toMatchObject({ term: 'Tx', reason: 'max-step', to: 50 });
    expect(clamps[0]?.from).toBeCloseTo(80, 6);
  });

  it('held: measures, sends nothing; frozen: does not even measure; released: corrects', async () => {
    const s = service();
    okValue(await s.hold(KEY, 'SPC'));
    const p1 = pair(1, 80, 0);
    s.ingest([...p1.bonded, ...p1.result]);
    await s.idle();
    okValue(await s.freeze(KEY, 'engineer'));
    const p2 = pair(2, 80, 0);
    s.ingest([...p2.bonded, ...p2.result]);
    await s.idle();
    expect(port.sets).toEqual([]);
    okValue(await s.unfreeze(KEY, 'done'));
    okValue(await s.release(KEY, 'SPC closed'));
    const p3 = pair(3, 80, 0);
    s.ingest([...p3.bonded, ...p3.result]);
    await s.idle();
    expect(port.sets).toHaveLength(1);
    const h = await history();
    expect(h.map((a) => a.action)).toEqual([
      'hold',
      'held',
      'freeze',
      'frozen',
      'unfreeze',
      'release',
      'correct',
    ]);
    // Held, the controller still ran (runs 1); frozen it did not (stateAfter absent).
    expect(h[1]?.detail.stateAfter).toMatchObject({ Tx: { runs: 1 } });
    expect(h[3]?.detail.stateAfter).toBeUndefined();
    expect(s.contexts()[0]?.controller.Tx?.runs).toBe(2);
  });

  it('numbers a restarted service’s actions after the stored ones', async () => {
    okValue(await service().hold(KEY, 'a'));
    okValue(await service().release(KEY, 'b'));
    expect((await history()).map((a) => a.actionNo)).toEqual([1, 2]);
  });

  it('skips, audited, a pair whose map cannot be fitted', async () => {
    const s = service();
    const p1 = pair(1, 0, 0);
    s.ingest([...p1.bonded, { type: 'pair-result', pairId: 'P1', yield: 1, summary: {} }]);
    await s.idle();
    const h = await history();
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ action: 'skip', pairId: 'P1' });
    expect(String(h[0]?.detail.reason)).toContain('no overlay site map');
  });
});
