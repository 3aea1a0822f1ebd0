// A fab API for the browser tests: a SQLite store holding two makers' tools, a fab engineer and a
// maker-a engineer who sign in with a password, the dashboard's files built from the sources now, a
// status board and a live feed the test drives. Maker B's ids carry "B-" so a leak is easy to see.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventRecord,
  type FabRecord,
  type FabStore,
  hashPassword,
  type LiveFeed,
  MemoryStatusBoard,
  openSqliteStore,
  type RunningFabApi,
  startFabApi,
} from '@bondline/fab';
import { build } from 'vite';

export const PASSWORD = 'a long test password';
export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const TOOLS = ['A-1', 'A-2', 'B-1'] as const;

/** A feed the test pushes records into, as the pipeline would after a commit. */
class TestFeed implements LiveFeed {
  private readonly listeners = new Set<(records: readonly FabRecord[]) => void>();
  subscribe(listener: (records: readonly FabRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(records: readonly FabRecord[]): void {
    for (const l of this.listeners) l(records);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

export interface LineFixture {
  readonly url: string;
  readonly feed: TestFeed;
  readonly board: MemoryStatusBoard;
  close(): Promise<void>;
}

function must<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

/** An E10 move of tool A-1 at `s` seconds of its own clock. */
function e10Move(i: number, s: number, from: string, to: string): EventRecord {
  return {
    type: 'event',
    toolId: 'A-1',
    dataId: 100 + i,
    ceid: 4041,
    name: 'E10StateChanged',
    equipmentTimeMs: T0 + s * 1000,
    receivedTimeMs: T0 + s * 1000 + 5,
    data: { E10Entity: 'A-1', E10From: from, E10To: to, ToolTimeS: s },
  };
}

function lineRecords(): FabRecord[] {
  const out: FabRecord[] = [
    { type: 'organisation', id: 'fab', name: 'Fab 1', role: 'fab' },
    { type: 'organisation', id: 'maker-a', name: 'Maker A', role: 'maker' },
    { type: 'organisation', id: 'maker-b', name: 'Maker B', role: 'maker' },
  ];
  for (const id of TOOLS) {
    const organisationId = id.startsWith('A-') ? 'maker-a' : 'maker-b';
    out.push({ type: 'tool', id, name: `Bonder ${id}`, organisationId, address: '10.0.0.7', port: 5000 });
    out.push({ type: 'module', toolId: id, id: 'PM1', kind: 'plasma' });
    out.push({ type: 'module', toolId: id, id: 'BD1', kind: 'aligner-bonder' });
    out.push({ type: 'recipe', toolId: id, name: 'BOND-STD', version: 1, body: 'steps: []', createdMs: T0 });
    out.push({
      type: 'lot',
      id: `LOT-${id}`,
      toolId: id,
      recipe: 'BOND-STD',
      recipeVersion: 1,
      plannedPairs: 25,
      startedMs: T0,
    });
  }
  // productive 0..3600 s, down 3600..4200 s (a failure from productive), productive 4200..7200 s,
  // then standby: 6600 s productive, one failure, 600 s unscheduled down.
  out.push(
    e10Move(0, 0, 'standby', 'productive'),
    e10Move(1, 3600, 'productive', 'unscheduled-down'),
    e10Move(2, 4200, 'unscheduled-down', 'productive'),
    e10Move(3, 7200, 'productive', 'standby'),
  );
  const lotId = 'LOT-A-1';
  out.push(
    { type: 'carrier', id: `${lotId}-T`, capacity: 25, role: 'top' },
    { type: 'carrier', id: `${lotId}-B`, capacity: 25 },
    { type: 'substrate', id: `${lotId}-T1`, kind: 'top', lotId, carrierId: `${lotId}-T`, slot: 1 },
    { type: 'substrate', id: `${lotId}-B1`, kind: 'bottom', lotId, carrierId: `${lotId}-B`, slot: 1 },
    {
      type: 'substrate',
      id: `${lotId}-S1`,
      kind: 'stack',
      lotId,
      topId: `${lotId}-T1`,
      bottomId: `${lotId}-B1`,
    },
    {
      type: 'pair',
      id: PAIR_ID,
      toolId: 'A-1',
      lotId,
      slot: 1,
      recipe: 'BOND-STD',
      recipeVersion: 1,
      topId: `${lotId}-T1`,
      bottomId: `${lotId}-B1`,
      stackId: `${lotId}-S1`,
      startedMs: T0 + 60_000,
      endedMs: T0 + 105_000,
    },
  );
  const codes = dieCodes();
  const good = codes.filter((c) => c === 0).length;
  const onWafer = codes.filter((c) => c !== 255).length;
  out.push({
    type: 'pair-result',
    pairId: PAIR_ID,
    yield: good / onWafer,
    summary: {},
    dieYieldMap: { dims: [MAP_SIDE, MAP_SIDE], data: codes },
  });
  return out;
}

export const PAIR_ID = 'LOT-A-1-P1';
const MAP_SIDE = 70;

/**
 * A round wafer on a 70 × 70 grid, 3,852 sites inside the circle (near the 3,900-die map of the
 * dashboard's drawing target): overlay kills in the edge ring, a void cluster, copper scattered.
 */
export function dieCodes(): Uint8Array {
  const codes = new Uint8Array(MAP_SIDE * MAP_SIDE);
  const c = (MAP_SIDE - 1) / 2;
  for (let r = 0; r < MAP_SIDE; r++)
    for (let k = 0; k < MAP_SIDE; k++) {
      const d = Math.hypot(r - c, k - c);
      const i = r * MAP_SIDE + k;
      if (d > MAP_SIDE / 2) codes[i] = 255;
      else if (d > MAP_SIDE / 2 - 2) codes[i] = 1;
      else if (Math.hypot(r - 20, k - 45) < 5) codes[i] = 2;
      else if ((r * 31 + k * 17) % 41 === 0) codes[i] = 3;
      else codes[i] = 0;
    }
  return codes;
}

/** Build the dashboard into a temporary folder and serve it with the fab API on a free port. */
export async function startLineFixture(): Promise<LineFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-web-test-'));
  const webRoot = join(dir, 'dist');
  await build({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
    logLevel: 'warn',
  });
  const store: FabStore = must(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  must(await store.migrate());
  must(await store.writeBatch(lineRecords()));
  // Cheap hashes: the cost of real parameters is the fab package's concern, not this test's.
  const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  for (const [id, organisationId, role] of [
    ['eng', 'fab', 'fab-engineer'],
    ['mka', 'maker-a', 'maker-engineer'],
  ] as const)
    must(await store.createUser({ id, organisationId, role, passwordHash, createdMs: T0 }));
  const board = new MemoryStatusBoard();
  const now = Date.now();
  await board.put({
    toolId: 'A-1',
    link: 'communicating',
    control: 'online-remote',
    processing: 'executing',
    e10: 'productive',
    lotId: 'LOT-A-1',
    updatedMs: now,
  });
  await board.put({ toolId: 'A-2', link: 'disconnected', updatedMs: now });
  await board.put({ toolId: 'B-1', link: 'communicating', e10: 'standby', updatedMs: now });
  const feed = new TestFeed();
  const catalogue = [
    { id: 'FP-1', module: 'plasma', name: 'Plasma arc', severity: 'major', alid: 1001 },
    { id: 'FP-2', module: 'aligner-bonder', name: 'Chuck vacuum low', severity: 'critical', alid: 1002 },
  ];
  const api: RunningFabApi = await startFabApi({
    store,
    auth: 'accounts',
    port: 0,
    webRoot,
    feed,
    statusBoard: board,
    checkResponses: true,
    heartbeatMs: 1000,
    catalogueOf: (toolId) => (toolId === 'A-1' ? catalogue : undefined),
  });
  return {
    url: api.url,
    feed,
    board,
    async close() {
      await api.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
