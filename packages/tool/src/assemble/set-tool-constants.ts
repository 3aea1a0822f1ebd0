// Equipment constants set on the tool without GEM (docs/tool.md §7.4, §8.4): what a host's S2F15
// does through the binding, for a lot run offline (a replay of a fab's ticket). The names, types and
// limits are those of the GEM table (TOOL_CONSTANTS), so a value GEM would refuse is refused here too.
// The R2R constants act on the controller (setR2rOffsets); GEM's own constants (clock form,
// communication and spooling) act on the GEM link alone, so offline they are checked and left aside.
import { type Issue, issue, type Result, shown } from '@bondline/core';
import type { ToolControl } from '../controller/tool-api.js';
import type { DocumentedConstant } from '../gem/documented.js';
import { R2R_CONSTANTS, R2R_TERM, type R2rConstantName, TOOL_CONSTANTS } from '../gem/tool-constants.js';
import type { OverlayTerms } from '../sim/process-physics.js';

/** A constant's value as a file gives it. */
export type ConstantValue = number | boolean;

export type ConstantIssueCode = 'unknown-constant' | 'wrong-type' | 'out-of-range';

const BY_NAME: ReadonlyMap<string, DocumentedConstant> = new Map(TOOL_CONSTANTS.map((c) => [c.name, c]));
const R2R_NAMES: ReadonlySet<string> = new Set(R2R_CONSTANTS.map((c) => c.name));
const isR2r = (name: string): name is R2rConstantName => R2R_NAMES.has(name);
const INTEGER_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  U1: [0, 255],
  U2: [0, 65535],
  U4: [0, 4294967295],
};

/** Names of the tool's equipment constants, in the table's order. */
const TOOL_CONSTANT_NAMES: readonly string[] = TOOL_CONSTANTS.map((c) => c.name);

/**
 * Why `value` cannot be constant `name` (not a constant of the tool, not of its type, outside its
 * limits), or undefined when it can.
 */
export function constantProblem(
  name: string,
  value: unknown,
): { code: ConstantIssueCode; text: string } | undefined {
  const def = BY_NAME.get(name);
  if (def === undefined) {
    return {
      code: 'unknown-constant',
      text: `is not an equipment constant of the tool (known: ${TOOL_CONSTANT_NAMES.join(', ')})`,
    };
  }
  const unit = def.unit === '' ? '' : ` ${def.unit}`;
  if (def.type === 'BOOLEAN') {
    return typeof value === 'boolean'
      ? undefined
      : { code: 'wrong-type', text: `expected true or false, got ${shown(value)}` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { code: 'wrong-type', text: `expected a number (${def.type}${unit}), got ${shown(value)}` };
  }
  const range = INTEGER_RANGE[def.type];
  if (range !== undefined && (!Number.isInteger(value) || value < range[0] || value > range[1])) {
    return {
      code: 'wrong-type',
      text: `${value} is not an integer in ${range[0]}..${range[1]} (${def.type})`,
    };
  }
  if (range === undefined && def.type !== 'F8' && def.type !== 'F4') {
    return { code: 'wrong-type', text: `a ${def.type} constant cannot be set offline` };
  }
  if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
    const lo = def.min === undefined ? '' : `${def.min}`;
    const hi = def.max === undefined ? '' : `${def.max}`;
    return { code: 'out-of-range', text: `${value}${unit} is outside its limits ${lo}..${hi}${unit}` };
  }
  return undefined;
}

/** What setting constants did: those that act on the tool offline, and GEM's own, which wait for a link. */
export interface ConstantsSet {
  /** Names applied to the controller (the R2R offsets), in the order given. */
  applied: string[];
  /** Names checked but with nothing to act on without GEM (clock form, communication, spooling). */
  gemOnly: string[];
}

/**
 * Set equipment constants on the tool before a lot, offline. Every name and value is checked first
 * (all or nothing, as S2F15 is); R2R offsets not named keep the tool's current value.
 */
export function setToolConstants(
  tool: Pick<ToolControl, 'setR2rOffsets'> & { status(): { r2rOffsets: OverlayTerms } },
  constants: Readonly<Record<string, ConstantValue>>,
): Result<ConstantsSet> {
  const issues: Issue<ConstantIssueCode>[] = [];
  for (const [name, value] of Object.entries(constants)) {
    const p = constantProblem(name, value);
    if (p !== undefined) issues.push(issue(p.code, `${name}: ${p.text}`, name));
  }
  if (issues.length > 0) return { ok: false, issues };
  const names = Object.keys(constants);
  const applied = names.filter(isR2r);
  const gemOnly = names.filter((n) => !isR2r(n));
  if (applied.length > 0) {
    const offsets: OverlayTerms = { ...tool.status().r2rOffsets };
    for (const name of applied) offsets[R2R_TERM[name]] = Number(constants[name]);
    const r = tool.setR2rOffsets(offsets);
    if (!r.ok) return r;
  }
  return { ok: true, value: { applied, gemOnly } };
}
