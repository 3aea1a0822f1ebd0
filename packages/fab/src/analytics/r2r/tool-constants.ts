// A tool's R2R constants as the service needs them once per tool: their limits from the tool's
// namelist (S2F29) and their values now (S2F13), over the collector's link.
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import type { JsonObject } from '../../store/json-value.js';
import { BONDLINE_R2R_CONSTANTS, type PerTerm, R2R_TERMS, type R2rTerm } from './r2r-settings.js';
import type { R2rToolPort } from './r2r-tool-port.js';
import type { ToolTrack } from './tool-track.js';

/** Fill `t.limits` and `t.base` when not read yet; `tool-unavailable` when the tool cannot answer. */
export async function readToolConstants(
  tools: R2rToolPort,
  toolId: string,
  t: ToolTrack,
): Promise<Result<ToolTrack, 'tool-unavailable'>> {
  const names = R2R_TERMS.map((term) => BONDLINE_R2R_CONSTANTS[term]);
  if (t.limits === undefined) {
    const l = await tools.constantLimits(toolId, names);
    if (!l.ok) return fail(issue('tool-unavailable', l.issues[0]?.message ?? 'S2F29 failed'));
    const byName = new Map(l.value.map((e) => [e.name, e]));
    const limits = {} as Record<R2rTerm, { min: number; max: number }>;
    for (const term of R2R_TERMS) {
      const e = byName.get(BONDLINE_R2R_CONSTANTS[term]);
      if (e === undefined)
        return fail(issue('tool-unavailable', `${toolId} declares no ${BONDLINE_R2R_CONSTANTS[term]}`));
      limits[term] = { min: e.min, max: e.max };
    }
    t.limits = limits;
  }
  if (t.base === undefined) {
    const v = await tools.readNumericConstants(toolId, names);
    if (!v.ok) return fail(issue('tool-unavailable', v.issues[0]?.message ?? 'S2F13 failed'));
    const base = {} as PerTerm;
    for (const term of R2R_TERMS) base[term] = v.value[BONDLINE_R2R_CONSTANTS[term]] ?? 0;
    t.base = base;
  }
  return ok(t);
}

/**
 * S2F15 of the changed terms (all or none, E30); EAC 0 puts them in force on the track. The detail
 * (values sent, EAC or the error) goes to the audit either way.
 */
export async function sendOffsets(
  tools: R2rToolPort,
  toolId: string,
  track: ToolTrack,
  next: PerTerm,
  changed: readonly R2rTerm[],
): Promise<{ detail: JsonObject; refusal?: Issue<'tool-unavailable' | 'tool-refused'> }> {
  if (changed.length === 0) return { detail: { sent: {} } };
  const values = changed.map((term) => ({ name: BONDLINE_R2R_CONSTANTS[term], value: next[term] }));
  const sent: JsonObject = Object.fromEntries(values.map((v) => [v.name, v.value]));
  const r = await tools.setConstants(toolId, values);
  if (!r.ok) {
    const message = r.issues[0]?.message ?? 'S2F15 failed';
    return { detail: { sent, error: message }, refusal: issue('tool-unavailable', message) };
  }
  const { eac } = r.value;
  if (eac !== 0)
    return {
      detail: { sent, eac },
      refusal: issue('tool-refused', `${toolId} answered S2F15 with EAC ${eac}`),
    };
  track.sent(Object.fromEntries(changed.map((term) => [term, next[term]])));
  return { detail: { sent, eac } };
}
