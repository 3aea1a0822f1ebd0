// Limits monitoring (E30 4.2.4, S2F45/46, S2F47/48).
//
// How the equipment uses it: build one `LimitsMonitor` from the variables that support limits (and the
// stored definitions, `snapshot()` read back from the store). On S2F45 call `define(request)`; answer
// S2F46 with its `vlaack` and `rejections`; when it is accepted, persist `snapshot()`. On S2F47 answer
// with `attributes(vids)`. Each time a monitored variable is updated call `update(vid, value)` and send,
// for every transition it returns, the limit collection event with DVs LimitVariable (vid), EventLimit
// (limitId) and TransitionType (0 = into the upper zone, 1 = into the lower zone).
//
// Zones and hysteresis: a value above UPPERDB is in the upper zone, below LOWERDB in the lower zone;
// inside the deadband (edges included) the zone does not change, so a value wandering inside it never
// produces events. The first value seen outside the deadband after a limit is defined only sets the
// zone (there is no "from" zone yet) and produces no event.

import type { LimitAttributesEntry } from '../messages/s2-limits.js';
import { VLAACK } from './limit-codes.js';
import {
  checkLimitRequest,
  type Deadband,
  type LimitVariable,
  type VariableLimitRequest,
  type VariableRejection,
} from './limit-definitions.js';

export type Zone = 'upper' | 'lower';

/** A zone change of one limit. */
export interface LimitTransition {
  vid: number;
  limitId: number;
  /** TransitionType: 0 = lower to upper zone, 1 = upper to lower zone. */
  transitionType: 0 | 1;
  value: number;
}

/** Stored form: variable -> limit -> deadband. */
export type LimitsSnapshot = { vid: number; limits: { limitId: number; upper: number; lower: number }[] }[];

interface Active extends Deadband {
  zone: Zone | undefined;
}

/** The limits the host defined, and the zone each monitored value is in. */
export class LimitsMonitor {
  private readonly variables: Map<number, LimitVariable>;
  private readonly defs = new Map<number, Map<number, Active>>();

  constructor(variables: readonly LimitVariable[], stored: LimitsSnapshot = []) {
    this.variables = new Map(variables.map((v) => [v.vid, v]));
    for (const s of stored) {
      if (!this.variables.has(s.vid)) continue; // the model no longer has it: drop, do not fail start-up
      const m = new Map<number, Active>();
      for (const l of s.limits) m.set(l.limitId, { upper: l.upper, lower: l.lower, zone: undefined });
      this.defs.set(s.vid, m);
    }
  }

  /** S2F45. Returns VLAACK and, when 1, the per-variable rejections; changes nothing unless VLAACK is 0. */
  define(req: readonly VariableLimitRequest[]): { vlaack: number; rejections: VariableRejection[] } {
    const r = checkLimitRequest(req, this.variables);
    if (!r.ok) return { vlaack: VLAACK.attributeError, rejections: r.rejections };
    for (const c of r.changes) {
      const m = c.clearAll ? new Map<number, Active>() : (this.defs.get(c.vid) ?? new Map<number, Active>());
      for (const [id, db] of c.set) {
        if (db === undefined) m.delete(id);
        else m.set(id, { ...db, zone: undefined }); // a redefined limit starts without a zone
      }
      if (m.size === 0) this.defs.delete(c.vid);
      else this.defs.set(c.vid, m);
    }
    return { vlaack: VLAACK.ok, rejections: [] };
  }

  /** S2F47: attributes of `vids` (all limit-capable variables when empty), in request order. */
  attributes(vids: readonly number[]): LimitAttributesEntry[] {
    const capable = [...this.variables.values()].filter((v) => v.numeric && v.limitIds.length > 0);
    const list = vids.length > 0 ? vids : capable.map((v) => v.vid);
    return list.map((vid) => {
      const v = this.variables.get(vid);
      if (v === undefined || !v.numeric || v.limitIds.length === 0) return { vid };
      const m = this.defs.get(vid) ?? new Map<number, Active>();
      const limits = [...m]
        .sort((a, b) => a[0] - b[0])
        .map(([limitId, d]) => ({ limitId, upper: d.upper, lower: d.lower }));
      return { vid, attributes: { units: v.units, limitMin: v.limitMin, limitMax: v.limitMax, limits } };
    });
  }

  /** A monitored variable has a new value: the zone transitions it causes (ascending LIMITID). */
  update(vid: number, value: number): LimitTransition[] {
    const m = this.defs.get(vid);
    if (m === undefined || Number.isNaN(value)) return [];
    const out: LimitTransition[] = [];
    for (const [limitId, d] of [...m].sort((a, b) => a[0] - b[0])) {
      const now: Zone | undefined = value > d.upper ? 'upper' : value < d.lower ? 'lower' : undefined;
      if (now === undefined || now === d.zone) continue;
      const had = d.zone;
      d.zone = now;
      if (had !== undefined) out.push({ vid, limitId, transitionType: now === 'upper' ? 0 : 1, value });
    }
    return out;
  }

  /** The current zone of one limit (undefined until the value has left the deadband once). */
  zoneOf(vid: number, limitId: number): Zone | undefined {
    return this.defs.get(vid)?.get(limitId)?.zone;
  }

  /** Definitions for the store. */
  snapshot(): LimitsSnapshot {
    return [...this.defs].map(([vid, m]) => ({
      vid,
      limits: [...m].map(([limitId, d]) => ({ limitId, upper: d.upper, lower: d.lower })),
    }));
  }
}
