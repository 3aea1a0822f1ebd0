// The assembled simulated tool as GEM equipment on a real loopback HSMS connection, driven by a
// Bondline GemHost as a fab's host would: online remote, reports defined and linked to every event,
// alarms enabled. Profiles for fault injection are written as files (every other point rate 0).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '@bondline/core';
import { A, GemHost, type HostEvent, HsmsActiveEndpoint, HsmsSession, U4 } from '@bondline/secs';
import { expect } from 'vitest';
import type { PairRecord } from '../controller/tool-api.js';
import type { OperatorMode } from '../controller/tool-runtime.js';
import { loadCatalogue } from '../faults/load-catalogue.js';
import { CEID, stepCeids } from '../gem/gem-ids.js';
import { until } from '../gem/gem-rig.test-util.js';
import { MODULE_KINDS } from '../module-kind.js';
import { openSimulatedTool, type SimulatedTool } from './simulated-tool.js';
import { startToolEquipment, type ToolEquipment } from './tool-equipment.js';

export interface E2eRig {
  tool: SimulatedTool;
  eq: ToolEquipment;
  host: GemHost;
  /** Every S6F11 and S5F1 the host received, in order. */
  events: HostEvent[];
  alarms: { alid: number; set: boolean; text: string }[];
  /** The controller's own pair records (what the tool knows, to compare with what GEM reported). */
  pairs: PairRecord[];
  /** Issues of the binding and the equipment. */
  issues: Issue[];
  stateDir: string;
  close(): Promise<void>;
}

/** A profile file in `dir` rating every catalogue point 0 except `rates` (a fault injected on purpose). */
export async function profileFile(
  dir: string,
  name: string,
  rates: Readonly<Record<string, { perStep: number } | { perHour: number }>>,
): Promise<string> {
  const catalogue = await loadCatalogue();
  if (!catalogue.ok) throw new Error(catalogue.issues.map((i) => i.message).join('\n'));
  const lines = catalogue.value.points.map((p) => {
    const r = rates[p.id] ?? { perStep: 0 };
    const [key, value] = Object.entries(r)[0] ?? ['perStep', 0];
    return `  ${p.id}: { ${key}: ${value} }`;
  });
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}\nrates:\n${lines.join('\n')}\n`);
  return path;
}

/** Open the tool in a new state directory, start its equipment on an ephemeral port, connect a host. */
export async function startE2e(o: {
  seed: number;
  profile?: string | ((stateDir: string) => Promise<string>);
  operator?: OperatorMode;
}): Promise<E2eRig> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tool-e2e-'));
  const profile = typeof o.profile === 'function' ? await o.profile(stateDir) : (o.profile ?? 'mature');
  const opened = await openSimulatedTool({
    stateDir,
    seed: o.seed,
    profile,
    ...(o.operator === undefined ? {} : { operator: o.operator }),
  });
  if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('\n'));
  const tool = opened.value;
  const pairs: PairRecord[] = [];
  tool.controller.on('pair-result', (p) => pairs.push(p));
  const issues: Issue[] = [];
  const started = await startToolEquipment(tool, { port: 0, onIssue: (i) => issues.push(i) });
  if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('\n'));
  const eq = started.value;
  const session = new HsmsSession({ sessionId: tool.config.gem.deviceId, t5Ms: 1000 });
  const host = new GemHost(session);
  const events: HostEvent[] = [];
  const alarms: E2eRig['alarms'] = [];
  host.on('event', (e) => events.push(e));
  host.on('alarm', (a) => alarms.push({ alid: a.alid, set: a.set, text: a.altx }));
  const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port: eq.port });
  active.start();
  await until(() => eq.equipment.communicationState === 'communicating', 'communicating');
  return {
    tool,
    eq,
    host,
    events,
    alarms,
    pairs,
    issues,
    stateDir,
    async close() {
      await tool.close();
      active.dispose();
      await eq.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Report ids the host defines. */
const RPT = { pair: 1, step: 2, lot: 3, alarm: 4, time: 5 } as const;

/** Online remote, names learned, reports defined and linked to every collection event, alarms enabled. */
export async function hostSetUp(r: E2eRig): Promise<void> {
  expect(await r.host.requestOnline()).toBe(0);
  await r.host.learnNames();
  const pairVids = ['PairId', 'PairIndex', 'TopId', 'BottomId', 'StackId', 'PairRecipe', 'PairYield'];
  const overlay = [
    'OverlayTx',
    'OverlayTy',
    'OverlayRot',
    'OverlayMag',
    'VoidCount',
    'PairAlarms',
    'StackSlot',
    'LotId',
  ];
  expect(
    await r.host.defineReports([
      { rptid: RPT.pair, vids: [...pairVids, ...overlay] },
      { rptid: RPT.step, vids: ['StepModule', 'StepSubstrates', 'ToolTimeS'] },
      {
        rptid: RPT.lot,
        vids: ['LotId', 'LotPairsDone', 'LotYield', 'LotOutcome', 'LotBottleneck', 'LotBoundPairsPerHour'],
      },
      { rptid: RPT.alarm, vids: ['AlarmFaultId', 'AlarmModule', 'AlarmAlid', 'AlarmRecovery', 'ToolTimeS'] },
      { rptid: RPT.time, vids: ['ToolTimeS'] },
    ]),
  ).toBe(0);
  const steps = new Set(MODULE_KINDS.flatMap((k) => Object.values(stepCeids(k))));
  const special = new Map<number, number>([
    [CEID.pairResult, RPT.pair],
    [CEID.lotEnded, RPT.lot],
    [CEID.alarmSet, RPT.alarm],
    [CEID.alarmCleared, RPT.alarm],
  ]);
  const names = await r.host.eventNames();
  const links = names.map((e) => ({
    ceid: e.ceid,
    rptids: [special.get(e.ceid) ?? (steps.has(e.ceid) ? RPT.step : RPT.time)],
  }));
  expect(await r.host.linkEvents(links)).toBe(0);
  expect(await r.host.enableEvents(true)).toBe(0);
  expect(await r.host.enableAlarm(true)).toBe(0);
}

/** PP-SELECT the recipe and START a lot through GEM; resolves with the LotEnded report once it came. */
export async function hostLot(
  r: E2eRig,
  lotId: string,
  pairs: number,
  recipe = 'BOND-STD',
): Promise<HostEvent> {
  expect(await r.host.command('PP-SELECT', [{ name: 'PPID', value: A(recipe) }])).toEqual({
    hcack: 0,
    params: [],
  });
  const start = await r.host.command('START', [
    { name: 'LOTID', value: A(lotId) },
    { name: 'PAIRS', value: U4(pairs) },
  ]);
  expect(start).toEqual({ hcack: 0, params: [] });
  const ended = () => r.events.find((e) => e.ceid === CEID.lotEnded && e.values.LotId === lotId);
  await until(() => ended() !== undefined, `LotEnded of ${lotId}`);
  const e = ended();
  if (e === undefined) throw new Error('unreachable');
  return e;
}

/** The host's events of one CEID. */
export const eventsOf = (r: E2eRig, ceid: number): HostEvent[] => r.events.filter((e) => e.ceid === ceid);
