// Checking an S2F45 (Define Variable Limit Attributes) request against the variables that support
// limits. All or nothing: one bad entry rejects the request (VLAACK 1) and changes nothing.

import { LIMITACK, LVACK } from './limit-codes.js';

/** A variable the equipment monitors: its limit range and the LIMITIDs it supports. */
export interface LimitVariable {
  vid: number;
  units: string;
  /** Lowest value a deadband edge may take (LIMITMIN). */
  limitMin: number;
  /** Highest value a deadband edge may take (LIMITMAX). */
  limitMax: number;
  /** LIMITIDs this variable supports (E30: 1..n). */
  limitIds: readonly number[];
  /** False for text/boolean variables: they have no limits capability. */
  numeric: boolean;
}

/** A deadband: the value is in the upper zone above `upper`, the lower zone below `lower`. */
export interface Deadband {
  upper: number;
  lower: number;
}

/** One limit in a request: a deadband to set, or `undefined` (an empty list on the wire) to delete it. */
interface LimitRequest {
  limitId: number;
  /** UPPERDB and LOWERDB as received (a number, or ASCII text holding one); absent = delete. */
  deadband?: { upper: unknown; lower: unknown };
}

/** One variable in a request; an empty `limits` list deletes all of that variable's limits. */
export interface VariableLimitRequest {
  vid: number;
  limits: readonly LimitRequest[];
}

export interface VariableRejection {
  vid: number;
  lvack: number;
  limits: { limitId: number; limitack: number }[];
}

/** The accepted change: per variable, limits to set (deadband) or remove (undefined); `all` clears first. */
export interface LimitChange {
  vid: number;
  clearAll: boolean;
  set: Map<number, Deadband | undefined>;
}

function toNumber(v: unknown): { ok: true; n: number } | { ok: false; limitack: number } {
  if (typeof v === 'number' && Number.isFinite(v)) return { ok: true, n: v };
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return v.trim() !== '' && Number.isFinite(n)
      ? { ok: true, n }
      : { ok: false, limitack: LIMITACK.asciiNotNumeric };
  }
  return { ok: false, limitack: LIMITACK.illegalFormat };
}

/** Validate S2F45 content; either the changes to apply or the rejections for S2F46. */
export function checkLimitRequest(
  req: readonly VariableLimitRequest[],
  variables: ReadonlyMap<number, LimitVariable>,
): { ok: true; changes: LimitChange[] } | { ok: false; rejections: VariableRejection[] } {
  const rejections: VariableRejection[] = [];
  const changes: LimitChange[] = [];
  const seen = new Set<number>();
  for (const r of req) {
    const v = variables.get(r.vid);
    if (seen.has(r.vid)) {
      rejections.push({ vid: r.vid, lvack: LVACK.repeatedVariable, limits: [] });
      continue;
    }
    seen.add(r.vid);
    if (v === undefined) {
      rejections.push({ vid: r.vid, lvack: LVACK.unknownVariable, limits: [] });
      continue;
    }
    if (!v.numeric || v.limitIds.length === 0) {
      rejections.push({ vid: r.vid, lvack: LVACK.noLimitsCapability, limits: [] });
      continue;
    }
    const bad: { limitId: number; limitack: number }[] = [];
    const set = new Map<number, Deadband | undefined>();
    for (const l of r.limits) {
      const ack = checkOne(l, v, set);
      if (typeof ack === 'number') bad.push({ limitId: l.limitId, limitack: ack });
      else set.set(l.limitId, ack.deadband);
    }
    if (bad.length > 0) rejections.push({ vid: r.vid, lvack: LVACK.limitValueError, limits: bad });
    else changes.push({ vid: r.vid, clearAll: r.limits.length === 0, set });
  }
  return rejections.length > 0 ? { ok: false, rejections } : { ok: true, changes };
}

function checkOne(
  l: LimitRequest,
  v: LimitVariable,
  already: ReadonlyMap<number, unknown>,
): number | { deadband: Deadband | undefined } {
  if (!v.limitIds.includes(l.limitId)) return LIMITACK.unknownLimitId;
  if (already.has(l.limitId)) return LIMITACK.duplicateLimit;
  if (l.deadband === undefined) return { deadband: undefined };
  const u = toNumber(l.deadband.upper);
  if (!u.ok) return u.limitack;
  const lo = toNumber(l.deadband.lower);
  if (!lo.ok) return lo.limitack;
  if (u.n > v.limitMax) return LIMITACK.upperAboveMax;
  if (lo.n < v.limitMin) return LIMITACK.lowerBelowMin;
  if (u.n < lo.n) return LIMITACK.upperBelowLower;
  return { deadband: { upper: u.n, lower: lo.n } };
}
