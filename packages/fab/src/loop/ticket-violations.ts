// Which committed analytics records open (or recur on) a ticket (docs/fab.md §11.5): an open SPC
// violation, keyed by its chart (`spc:<chart id>`: every later violation of the chart counts on the
// same ticket), and an FDC fault, keyed by recipe and step (`fdc:<recipe>/<step>`), each with the
// figures that drove it. Pure: the service takes what this returns.
import type { JsonObject } from '../store/json-value.js';
import type { FdcFaultRecord, SpcViolationRecord } from '../store/records.js';
import type { TicketSource } from '../store/ticket-records.js';
import type { Violation } from './ticket-service.js';
import type { TicketSettings } from './ticket-settings.js';

export interface ViolationTicket {
  readonly source: Exclude<TicketSource, 'alarm' | 'report'>;
  readonly violation: Violation;
}

const fmt = (v: number): string => String(Number(v.toPrecision(4)));

function fromSpc(r: SpcViolationRecord): ViolationTicket {
  const data: JsonObject = {
    chartId: r.chartId,
    parameter: r.parameter,
    context: r.context,
    part: r.part,
    rule: r.rule,
    phase: r.phase,
    pointIndex: r.pointIndex,
    indexes: [...r.indexes],
    value: r.value,
    description: r.description,
    ...(r.pairId === undefined ? {} : { pairId: r.pairId }),
  };
  return {
    source: 'spc',
    violation: {
      toolId: r.toolId,
      faultKey: `spc:${r.chartId}`,
      title: `SPC ${r.parameter} (${r.context}): ${r.description}`.slice(0, 200),
      data,
    },
  };
}

function fromFdc(r: FdcFaultRecord): ViolationTicket {
  const top = r.traces.slice(0, 3).map((t) => t.trace);
  const data: JsonObject = {
    pairId: r.pairId,
    recipe: r.recipe,
    step: r.step,
    moduleId: r.moduleId,
    modelVersion: r.modelVersion,
    t2: r.t2,
    t2Ucl: r.t2Ucl,
    reasons: [...r.reasons],
    traces: r.traces.map((t) => ({
      trace: t.trace,
      contribution: t.contribution,
      share: t.share,
      outOfLimits: [...t.outOfLimits],
    })),
  };
  return {
    source: 'fdc',
    violation: {
      toolId: r.toolId,
      faultKey: `fdc:${r.recipe}/${r.step}`,
      module: r.moduleId,
      title:
        `FDC ${r.recipe} ${r.step} on ${r.moduleId}: T² ${fmt(r.t2)} over ${fmt(r.t2Ucl)}${top.length === 0 ? '' : `, driven by ${top.join(', ')}`}`.slice(
          0,
          200,
        ),
      data,
    },
  };
}

/** The ticket a committed record asks for, or undefined (closed violations, other records, switched off). */
export function violationTicket(
  s: TicketSettings,
  r: { readonly type: string },
): ViolationTicket | undefined {
  if (r.type === 'spc-violation' && s.violations.spc) {
    const v = r as SpcViolationRecord;
    return v.closedMs === undefined ? fromSpc(v) : undefined;
  }
  if (r.type === 'fdc-fault' && s.violations.fdc) return fromFdc(r as FdcFaultRecord);
  return undefined;
}
