// A collection plan (names, as the fab configuration writes them) made into what the tool is sent
// (ids): each event's report, the links, the enables, the alarms, the traces, the spooled streams.
// The names come from the tool's own namelists (S1F11, S1F21, S2F29, S1F23), so a plan written for one
// tool type works for every tool that declares the same names; an unknown name is refused, named.
import { failAll, type Issue, issue, ok, type Result } from '@bondline/core';
import type { CollectionPlan } from '../config/fab-config-schema.js';

/** What the tool declared, by name. */
export interface ToolNames {
  /** Variable name -> VID (SVs, DVs and ECs share one namespace). */
  readonly variables: ReadonlyMap<string, number>;
  /** Event name -> CEID, in the order the tool lists them. */
  readonly events: ReadonlyMap<string, number>;
  /** ECIDs. */
  readonly constants: readonly number[];
  /** SVIDs. */
  readonly svids: readonly number[];
}

interface ResolvedReport {
  readonly rptid: number;
  readonly ceid: number;
  readonly eventName: string;
  readonly vids: readonly number[];
}

interface ResolvedTrace {
  readonly trid: number;
  readonly svids: readonly number[];
  readonly periodMs: number;
  readonly samples: number;
  readonly groupSize: number;
}

export interface ResolvedPlan {
  /** One report per collected event (RPTID 1000 + its place), the time variable first. */
  readonly reports: readonly ResolvedReport[];
  readonly timeVid: number;
  readonly alarms: CollectionPlan['alarms'];
  readonly traces: readonly ResolvedTrace[];
  readonly spool: CollectionPlan['spool'];
}

export type PlanIssueCode = 'unknown-event' | 'unknown-variable';

/** First RPTID the collector uses; a tool's reports are all redefined by the collector. */
export const FIRST_RPTID = 1000;

/** The event whose report also carries every equipment constant (old and new value of a change). */
export const CONSTANT_CHANGED = 'ConstantChanged';

const pattern = (name: string): RegExp =>
  new RegExp(
    `^${name
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** Resolve `plan` against the tool's names; every unknown name is one issue naming its place. */
export function resolvePlan(plan: CollectionPlan, names: ToolNames): Result<ResolvedPlan, PlanIssueCode> {
  const issues: Issue<PlanIssueCode>[] = [];
  const vid = (name: string, path: string): number | undefined => {
    const id = names.variables.get(name);
    if (id === undefined)
      issues.push(
        issue('unknown-variable', `${path}: the tool declares no variable ${JSON.stringify(name)}`, path),
      );
    return id;
  };
  const timeVid = vid(plan.timeVariable, 'timeVariable');
  const reports: ResolvedReport[] = [];
  const taken = new Set<number>();
  plan.events.forEach((e, i) => {
    const re = pattern(e.name);
    const matched = [...names.events].filter(([n]) => re.test(n));
    if (matched.length === 0) {
      issues.push(
        issue(
          'unknown-event',
          `events[${i}].name: the tool declares no event ${e.name.includes('*') ? 'matching ' : ''}${JSON.stringify(e.name)}`,
          `events[${i}].name`,
        ),
      );
      return;
    }
    const vids = e.variables.map((v, j) => vid(v, `events[${i}].variables[${j}]`));
    for (const [eventName, ceid] of matched) {
      if (taken.has(ceid)) continue; // an earlier entry (or pattern) of the plan took it
      taken.add(ceid);
      const own = vids.filter((v): v is number => v !== undefined && v !== timeVid);
      const extra = eventName === CONSTANT_CHANGED ? names.constants.filter((c) => !own.includes(c)) : [];
      reports.push({
        rptid: FIRST_RPTID + reports.length,
        ceid,
        eventName,
        vids: [...(timeVid === undefined ? [] : [timeVid]), ...own, ...extra],
      });
    }
  });
  const traces = plan.trace.map((t, i) => ({
    trid: t.id,
    svids: t.variables.map((v, j) => vid(v, `trace[${i}].variables[${j}]`) ?? 0),
    periodMs: t.periodMs,
    samples: t.samples,
    groupSize: t.groupSize,
  }));
  if (issues.length > 0 || timeVid === undefined) return failAll(issues);
  return ok({ reports, timeVid, alarms: plan.alarms, traces, spool: plan.spool });
}

/** DSPER as E5's hhmmsscc for a period in ms (a multiple of 10). */
export function dsper(periodMs: number): string {
  const cs = Math.round(periodMs / 10);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(Math.floor(cs / 360_000))}${p2(Math.floor(cs / 6000) % 60)}${p2(Math.floor(cs / 100) % 60)}${p2(cs % 100)}`;
}
