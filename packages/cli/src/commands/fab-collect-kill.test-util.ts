// The collector fault test of issue 11 (fab-collect-kill.test.ts): a simulated bonder as GEM equipment
// in the test process, `bondline fab collect` as a child process killed with SIGKILL at random moments
// while the tool runs its lots, and what the store holds afterwards compared with what the tool sent.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@bondline/align';
import type { Result } from '@bondline/core';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import type { EventRecord, FabStore, LotRecord, Page, PairListItem } from '@bondline/fab';
import { decodeItem, type Item, type OutgoingMessage } from '@bondline/secs';
import {
  openSimulatedTool,
  runToolLot,
  type SimulatedTool,
  startToolEquipment,
  type ToolEquipment,
  toolEquipmentModel,
} from '@bondline/tool';
import { expect, vi } from 'vitest';
import { type RunningBondline, runBondline, startBondline } from './e2e.test-util.js';

/** An S6F11 the equipment put on the wire: sent at once or from its spool, maybe more than once. */
interface SentEvent {
  readonly dataId: number;
  readonly ceid: number;
}

/** The simulated bonder, its GEM equipment on a free loopback port, and every S6F11 it wrote. */
export interface KillTool {
  readonly tool: SimulatedTool;
  readonly gem: ToolEquipment;
  /** Each event report written to the session (a resend from the spool too), in order. */
  sentEvents(): SentEvent[];
  /** Pair ids the tool's controller reported done (its own records), in order. */
  readonly pairsDone: readonly string[];
  /**
   * Each pair done while the tool's event reports were off: after an S2F37 (enable/disable events)
   * it answered and before the next one, i.e. within a collector's setup (which disables every
   * event, redefines the reports and enables them again) or after a collector killed in the middle
   * of one. Such a pair's PairResult is neither sent nor spooled (E30: a disabled event is not
   * reported).
   */
  pairsWhileDisabled(): string[];
  /** CEID to the event's name in the tool's model. */
  readonly eventNames: ReadonlyMap<number, string>;
  /** The tool's link and spool now, and its S6F24 answers (RSDA), for a failure's detail. */
  linkState(): string;
  close(): Promise<void>;
}

/**
 * Open the tool in `stateDir` with a paced clock (`factor` times real time) and start its equipment.
 * Every S6F11 it sends goes through its HSMS session's `send` (from the spool too): a spy there sees
 * each one the tool put on the wire.
 */
export async function startKillTool(stateDir: string, factor: number): Promise<KillTool> {
  const opened = await openSimulatedTool({ stateDir, seed: 11, pacing: { mode: 'factor', factor } });
  if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
  const tool = opened.value;
  const model = toolEquipmentModel(tool.config, tool.catalogue.points);
  if (!model.ok) throw new Error(model.issues.map((i) => i.message).join('; '));
  const started = await startToolEquipment(tool, { port: 0 });
  if (!started.ok) {
    await tool.close();
    throw new Error(started.issues.map((i) => i.message).join('; '));
  }
  const gem = started.value;
  const spy = vi.spyOn(gem.equipment.session, 'send');
  const replies = vi.spyOn(gem.equipment.session, 'reply');
  const pairsDone: string[] = [];
  const whileDisabled: string[] = [];
  const off = tool.controller.on('pair-result', (p) => {
    pairsDone.push(p.pairId);
    // The last S2F37 the tool answered: its CEED (L[CEED, L[CEID...]]) says events on or off.
    const last = replies.mock.calls.filter(([m]) => m.stream === 2 && m.function === 37).at(-1)?.[0];
    if (last !== undefined && !ceedOf(last.body)) whileDisabled.push(p.pairId);
  });
  return {
    tool,
    gem,
    pairsDone,
    pairsWhileDisabled: () => whileDisabled.slice(),
    eventNames: new Map(model.value.events.map((e) => [e.id, e.name])),
    linkState: () => {
      const { spool, session } = gem.equipment;
      const rsda = replies.mock.calls
        .filter(([m]) => m.stream === 6 && m.function === 23)
        .map(([, m]) => rsdaOf(m?.body));
      return [
        `tool session ${session.state}`,
        spool === undefined
          ? 'no spool'
          : `spool ${spool.stateName}, ${spool.countActual} held, stats ${JSON.stringify(spool.stats)}`,
        `S6F24 answers (RSDA) ${rsda.join(' ')}`,
      ].join('; ');
    },
    sentEvents: () =>
      spy.mock.calls.flatMap(([m]) => (m.stream === 6 && m.function === 11 ? [eventOf(m)] : [])),
    close: async () => {
      off();
      replies.mockRestore();
      spy.mockRestore();
      await gem.close();
      await tool.close();
    },
  };
}

/** DATAID and CEID of an S6F11 body (L[DATAID, CEID, L[reports]]). */
function eventOf(m: OutgoingMessage): SentEvent {
  const decoded = decodeItem(m.body ?? new Uint8Array());
  if (!decoded.ok)
    throw new Error(`the tool sent an S6F11 that does not decode: ${decoded.issues[0]?.message}`);
  const item = decoded.value;
  if (item.format !== 'L') throw new Error('the tool sent an S6F11 whose body is not a list');
  return { dataId: unsignedOf(item.value[0]), ceid: unsignedOf(item.value[1]) };
}

/** RSDA of an S6F24 body (a single binary item); -1 when it has none. */
function rsdaOf(body: Uint8Array | undefined): number {
  const decoded = decodeItem(body ?? new Uint8Array());
  return decoded.ok && decoded.value.format === 'B' ? (decoded.value.value[0] ?? -1) : -1;
}

function ceedOf(body: Uint8Array): boolean {
  const decoded = decodeItem(body);
  const ceed = decoded.ok && decoded.value.format === 'L' ? decoded.value.value[0] : undefined;
  if (ceed?.format !== 'BOOLEAN') throw new Error('an S2F37 without a BOOLEAN CEED');
  return ceed.value[0] === true;
}

function unsignedOf(item: Item | undefined): number {
  if (item === undefined || item.format === 'L' || item.format === 'A' || item.format === 'J')
    throw new Error('an S6F11 DATAID or CEID that is not a number');
  if (item.format === 'B' || item.format === 'BOOLEAN') throw new Error('an S6F11 id that is not a number');
  return Number(item.value[0]);
}

/** The fab configuration naming the tool as B1 at its port (the built-in default plan). */
export async function writeFabConfig(dir: string, t: KillTool): Promise<string> {
  const path = join(dir, 'fab.yaml');
  await writeFile(
    path,
    [
      'fab: { id: fab-kill, name: Fab Kill }',
      'makers: [{ id: maker-a, name: Maker A }]',
      'tools:',
      `  - { id: B1, name: Bonder 1, maker: maker-a, address: 127.0.0.1, port: ${t.gem.port}, deviceId: ${t.tool.config.gem.deviceId}, timers: { t5Ms: 1000 } }`,
      '',
    ].join('\n'),
  );
  return path;
}

/** `bondline fab migrate --store <location>`; throws with its output when it fails. */
export async function migrate(location: string): Promise<void> {
  const r = await runBondline('fab', ['migrate', '--store', location]);
  if (r.code !== 0) throw new Error(`bondline fab migrate failed (${r.code}): ${r.stderr}`);
}

export interface KillRunOptions {
  readonly tool: KillTool;
  readonly configPath: string;
  readonly location: string;
  /** The store the test reads (the collector's, opened by the test). */
  readonly store: FabStore;
  /** Lots of `pairsPerLot` pairs back to back. */
  readonly lots: number;
  readonly pairsPerLot: number;
  /** Kill at least this many collectors while the lots run (and go on until they ended). */
  readonly minKills: number;
  readonly seed: number;
  /** Every collector started, so that the test's afterEach can kill any left running. */
  readonly running: Set<RunningBondline>;
}

export interface KillRunReport {
  readonly kills: number;
  /** How many of the kills came before the last lot ended. */
  readonly killsDuringLots: number;
  readonly lotIds: readonly string[];
}

function startCollector(o: KillRunOptions): RunningBondline {
  const c = startBondline('fab', ['collect', '--config', o.configPath, '--store', o.location]);
  o.running.add(c);
  void c.exited.then(() => o.running.delete(c));
  return c;
}

/**
 * Start a collector, wait until it has set the tool up (its tool row in the store), then run the lots
 * while collectors are killed (SIGKILL, 300 to 1500 ms after each printed "collecting from", seeded)
 * and started again; then one last collector until the store holds every event the tool sent, stopped
 * with SIGTERM.
 */
export async function runLotsUnderKills(o: KillRunOptions): Promise<KillRunReport> {
  // Seeded: the same kill moments on every run.
  const seeded = new SeededRandom(o.seed);
  const random = (): number => seeded.nextUniform();
  let collector = startCollector(o);
  await collector.printed(/collecting from/);
  await until(async () => (await o.store.getTool('B1')).ok, 'the first collector set the tool up', {
    detail: () => collector.err(),
  });
  const lotIds = Array.from({ length: o.lots }, (_, i) => `KILL-${i + 1}`);
  let lotsEnded = false;
  const lots = (async () => {
    for (const lotId of lotIds) {
      const r = await runToolLot(o.tool.tool, { pairs: o.pairsPerLot, lotId });
      if (!r.ok) throw new Error(`lot ${lotId} refused: ${r.issues.map((i) => i.message).join('; ')}`);
    }
  })().finally(() => {
    lotsEnded = true;
  });
  let kills = 0;
  let killsDuringLots = 0;
  while (kills < o.minKills || !lotsEnded) {
    // The random moment is the test's design: how long this collector lives before its SIGKILL.
    const lifeMs = 300 + Math.floor(random() * 1200);
    await new Promise((resolve) => setTimeout(resolve, lifeMs));
    if (collector.proc.exitCode !== null)
      throw new Error(`a collector exited by itself (${collector.proc.exitCode}):\n${collector.err()}`);
    if (!lotsEnded) killsDuringLots++;
    collector.proc.kill('SIGKILL');
    expect(await collector.exited).toBeNull();
    kills++;
    collector = startCollector(o);
    await collector.printed(/collecting from/);
  }
  await lots;
  const last = collector;
  let missing = '';
  await until(
    async () => {
      const lotsStored = await allLots(o.store);
      const ended = lotsStored.filter((l) => l.endedMs !== undefined).map((l) => l.id);
      const stored = new Set((await allEvents(o.store)).map((e) => e.dataId));
      const lost = o.tool.sentEvents().filter((e) => !stored.has(e.dataId));
      missing = `lots ended in the store: ${ended.join(', ')}; events sent, not stored: ${lost
        .slice(0, 20)
        .map((e) => `${e.dataId} ${o.tool.eventNames.get(e.ceid)}`)
        .join(', ')} (${lost.length})`;
      return ended.length === o.lots && lost.length === 0;
    },
    'the last collector stored every lot and every event the tool sent',
    {
      timeoutMs: TEST_DEADLINE_MS,
      intervalMs: 200,
      detail: () => `${missing}\n${o.tool.linkState()}\n${last.out()}\n${last.err()}`,
    },
  );
  expect(await last.stop('SIGTERM')).toBe(0);
  return { kills, killsDuringLots, lotIds };
}

/** Read every page of a listing (100 a page, so paging is exercised). */
async function allPages<T>(list: (cursor: string | undefined) => Promise<Result<Page<T>>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await list(cursor);
    if (!page.ok) throw new Error(page.issues.map((i) => i.message).join('; '));
    out.push(...page.value.items);
    if (page.value.nextCursor === undefined) return out;
    cursor = page.value.nextCursor;
  }
}

const page = (cursor: string | undefined) => ({ limit: 100, ...(cursor === undefined ? {} : { cursor }) });

const allEvents = (s: FabStore): Promise<EventRecord[]> =>
  allPages((c) => s.listEvents({ toolId: 'B1', ...page(c) }));
const allLots = (s: FabStore): Promise<LotRecord[]> =>
  allPages((c) => s.listLots({ toolId: 'B1', ...page(c) }));
const allPairs = (s: FabStore): Promise<PairListItem[]> =>
  allPages((c) => s.listPairs({ toolId: 'B1', ...page(c) }));

/** Everything the issue asks of the store after the run: every record once, nothing lost. */
export async function expectEverythingOnce(
  store: FabStore,
  t: KillTool,
  report: KillRunReport,
  pairsPerLot: number,
): Promise<void> {
  const total = report.lotIds.length * pairsPerLot;
  expect(t.pairsDone).toHaveLength(total);
  const events = await allEvents(store);
  // Nothing twice: the tool's DATAIDs are unique, so are the stored ones.
  const ids = events.map((e) => e.dataId);
  expect(ids.length - new Set(ids).size).toBe(0);
  // Nothing lost on the way: each event the tool put on the wire (however often) is stored, once.
  const sent = new Map(t.sentEvents().map((e) => [e.dataId, e.ceid]));
  const stored = new Map(events.map((e) => [e.dataId, e.ceid]));
  expect([...sent].filter(([id, ceid]) => stored.get(id) !== ceid)).toEqual([]);
  const counts = countByName(events.map((e) => e.name));
  const sentNames = countByName([...sent.values()].map((ceid) => t.eventNames.get(ceid) ?? `CEID ${ceid}`));
  expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(sentNames));

  // Every record of the run: each pair the tool made, with its result, and each lot, once.
  const pairs = await allPairs(store);
  const storedPairs = new Set(pairs.map((p) => p.pair.id));
  expect(
    t.pairsDone.filter((id) => !storedPairs.has(id)),
    `pairs the tool made that the store lacks (their PairResult never left the tool); pairs done while a collector had the events disabled: ${t.pairsWhileDisabled().join(', ')}`,
  ).toEqual([]);
  expect(pairs).toHaveLength(total);
  expect(storedPairs.size).toBe(total);
  expect(pairs.filter((p) => p.yield === undefined).map((p) => p.pair.id)).toEqual([]);
  const lots = await allLots(store);
  expect(lots.map((l) => l.id).sort()).toEqual([...report.lotIds].sort());
  for (const l of lots) expect(l, l.id).toMatchObject({ endedMs: expect.any(Number), outcome: 'completed' });
  for (const lotId of report.lotIds)
    expect(
      pairs.filter((p) => p.pair.lotId === lotId),
      lotId,
    ).toHaveLength(pairsPerLot);
  expect(counts.get('PairResult')).toBe(total);
  expect(counts.get('LotStarted')).toBe(report.lotIds.length);
  expect(counts.get('LotEnded')).toBe(report.lotIds.length);
}

function countByName(names: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of [...names].sort()) m.set(n, (m.get(n) ?? 0) + 1);
  return m;
}
