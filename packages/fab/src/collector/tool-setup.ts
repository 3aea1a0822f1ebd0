// What the collector asks of a tool once communicating (docs/fab.md §2.1): its namelists, then the
// collection plan applied (reports, links, enables, alarms, traces, spooling) and the states read.
import { failAll, ok, type Result } from '@bondline/core';
import { type GemHost, GemHostError } from '@bondline/secs';
import type { FabTool } from '../config/fab-config.js';
import type { ToolStatus } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';
import { jsonOf } from './gem-values.js';
import { dsper, type PlanIssueCode, type ResolvedPlan, resolvePlan, type ToolNames } from './resolve-plan.js';
import type { ToolFacts } from './to-records.js';

/** S1F11, S1F21, S2F29 and S1F23: every name the tool declares. */
export async function readNames(h: GemHost): Promise<ToolNames> {
  const variables = new Map<string, number>();
  const svs = await h.statusNames();
  for (const e of svs) variables.set(e.name, e.id);
  for (const e of await h.dataNames()) variables.set(e.name, e.id);
  const ecs = await h.constantNames();
  for (const e of ecs) variables.set(e.name, e.ecid);
  const events = new Map<string, number>();
  for (const e of await h.eventNames()) events.set(e.name, e.ceid);
  for (const [name, id] of variables) h.vidNames.set(id, name);
  for (const [name, id] of events) h.ceidNames.set(id, name);
  return { variables, events, constants: ecs.map((e) => e.ecid), svids: svs.map((e) => e.id) };
}

export type SetupIssueCode = PlanIssueCode | 'tool-refused';

export interface AppliedPlan {
  readonly plan: ResolvedPlan;
  readonly status: Partial<ToolStatus>;
}

/** Status variables read at setup (as a Bondline bonder names them) and the status field each fills. */
const STATUS_SVS = {
  ControlState: 'control',
  ProcessStateName: 'processing',
  ToolE10State: 'e10',
  LotId: 'lotId',
} as const;
const CONTROL_NAMES = [
  '',
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
];

/**
 * Resolve the tool's plan and apply it. `defineReports` false keeps the reports the tool holds (GEM
 * persists them): only the first setup of a collector process redefines them, so no event is disabled
 * while a reconnecting tool delivers its spool. `spoolFirst` runs as soon as the events can be decoded.
 */
export async function applyPlan(
  h: GemHost,
  tool: FabTool,
  names: ToolNames,
  facts: ToolFacts,
  o: { defineReports: boolean; spoolFirst: () => Promise<void> },
): Promise<Result<AppliedPlan, SetupIssueCode>> {
  const resolved = resolvePlan(tool.plan, names);
  if (!resolved.ok) return resolved;
  const plan = resolved.value;
  // Spooled events were built with the collector's reports (RPTID 1000 + place): decodable now.
  for (const r of plan.reports) h.reportVids.set(r.rptid, r.vids.slice());
  if (o.defineReports) await o.spoolFirst();
  const refused: string[] = [];
  const expect = (what: string, code: number, okCodes: readonly number[] = [0]): void => {
    if (!okCodes.includes(code)) refused.push(`${what} answered ${code}`);
  };
  // A tool already holding this plan's reports (GEM persists them: the collector restarted) keeps
  // them: redefining means disabling every event first, and an event raised before they are enabled
  // again is neither sent nor spooled (E30), so a pair finished then would be lost.
  if (o.defineReports && plan.reports.length > 0 && (await holdsReports(h, plan))) {
    expect(
      'S2F37 enable events',
      await h.enableEvents(
        true,
        plan.reports.map((r) => r.ceid),
      ),
    );
  } else if (o.defineReports) {
    expect('S2F37 disable events', await h.enableEvents(false));
    expect('S2F33 delete reports', await h.defineReports([]));
    if (plan.reports.length > 0) {
      expect(
        'S2F33 define reports',
        await h.defineReports(plan.reports.map((r) => ({ rptid: r.rptid, vids: r.vids }))),
      );
      expect(
        'S2F35 link reports',
        await h.linkEvents(plan.reports.map((r) => ({ ceid: r.ceid, rptids: [r.rptid] }))),
      );
      expect(
        'S2F37 enable events',
        await h.enableEvents(
          true,
          plan.reports.map((r) => r.ceid),
        ),
      );
    }
  }
  const alarms = await h.listAlarms();
  for (const a of alarms) facts.alarmTexts.set(a.alid, { category: a.alcd & 0x7f, text: a.altx });
  if (plan.alarms === 'all') expect('S5F3 enable alarms', await h.enableAlarm(true));
  else if (plan.alarms === 'none') expect('S5F3 disable alarms', await h.enableAlarm(false));
  else {
    expect('S5F3 disable alarms', await h.enableAlarm(false));
    for (const alid of plan.alarms) expect(`S5F3 enable alarm ${alid}`, await h.enableAlarm(true, alid));
  }
  if (names.constants.length > 0) {
    const values = await h.readConstants(names.constants);
    for (const ecid of names.constants) {
      const v = values[String(ecid)];
      if (v !== undefined) facts.constants.set(ecid, jsonOf(v));
    }
  }
  for (const t of plan.traces)
    expect(
      `S2F23 trace ${t.trid}`,
      await h.defineTrace({
        trid: t.trid,
        dsper: dsper(t.periodMs),
        totsmp: t.samples,
        repgsz: t.groupSize,
        svids: t.svids.slice(),
      }),
    );
  // An empty list leaves the tool's spooling as it is (equipment without a spool refuses any S2F43).
  if (plan.spool.length > 0) {
    const streams = plan.spool.map((s) => ({ stream: s.stream, functions: s.functions.slice() }));
    expect('S2F43 spool streams', (await h.setSpoolStreams(streams)).rspack);
  }
  if (refused.length > 0)
    return failAll(
      refused.map((m) => ({ code: 'tool-refused' as const, message: `the tool refused the plan: ${m}` })),
    );
  return ok({ plan, status: await readStatus(h, names) });
}

/**
 * True when every event of the plan already reports exactly the plan's report (its RPTID, with as
 * many values as the plan's variables), asked with S6F15. GEM has no request that lists a report's
 * variables, so a report another host redefined with the same id and as many variables would pass:
 * the fab's tools are configured by its collectors only.
 */
async function holdsReports(h: GemHost, plan: ResolvedPlan): Promise<boolean> {
  for (const r of plan.reports) {
    let now: Awaited<ReturnType<GemHost['requestEventReport']>>;
    try {
      now = await h.requestEventReport(r.ceid);
    } catch (err) {
      // A tool that aborts S6F15 (SxF0) or answers it badly tells nothing: define the reports. A link
      // gone or a reply not in time fails the setup as any other request does.
      if (err instanceof GemHostError && (err.code === 'aborted' || err.code === 'bad-reply')) return false;
      throw err;
    }
    const [only, ...more] = now.reports;
    if (
      only === undefined ||
      more.length > 0 ||
      only.rptid !== r.rptid ||
      only.items.length !== r.vids.length
    )
      return false;
  }
  return true;
}

async function readStatus(h: GemHost, names: ToolNames): Promise<Partial<ToolStatus>> {
  const present = Object.keys(STATUS_SVS).filter((n) => names.svids.includes(names.variables.get(n) ?? -1));
  if (present.length === 0) return {};
  const values = await h.readStatus(present);
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(STATUS_SVS)) {
    const v = values[name];
    if (typeof v === 'number' && field === 'control') out.control = CONTROL_NAMES[v] ?? String(v);
    else if (typeof v === 'string' && v !== '') out[field] = field === 'processing' ? v.toLowerCase() : v;
  }
  return out;
}

/**
 * The tool's modules from its status variables, by the id plan of a Bondline bonder (docs/tool.md §7:
 * `<module>E10State` at SVID 1100 + 100 x kind + 10 x n + 1); a tool without them has none listed.
 */
export function toolRecords(toolId: string, names: ToolNames): FabRecord[] {
  const out: FabRecord[] = [];
  for (const [name, id] of names.variables) {
    if (!name.endsWith('E10State') || id < 1100 || id > 1899 || id % 10 !== 1) continue;
    const kind = MODULE_KINDS[Math.floor((id - 1100) / 100)];
    const moduleId = name.slice(0, -'E10State'.length);
    if (kind !== undefined && moduleId !== '') out.push({ type: 'module', toolId, id: moduleId, kind });
  }
  return out;
}

const MODULE_KINDS = [
  'loadport',
  'robot',
  'prealigner',
  'plasma',
  'clean',
  'flipper',
  'bonder',
  'inspection',
];
