// Current values of status variables, data variables and equipment constants, and the EC rules of
// E30 (limits, types). Pure: the equipment supplies the builtin values (clock, states) through a
// callback, so this file knows nothing of state machines or time.

import { formatIssues } from '@bondline/core';
import { encodedItemSize } from '../../codec/encode.js';
import type { Item } from '../../item/item.js';
import { EAC } from '../messages/acks.js';
import { builtinRangeProblem } from '../model/builtin-types.js';
import type { ConstantDef, EquipmentModel, VariableDef } from '../model/equipment-model.js';
import { checkValue, itemToValue, type Value, valueToItem } from '../model/value.js';

export type VariableKind = 'sv' | 'dv' | 'ec';
type Builtin = NonNullable<VariableDef['builtin']>;

/** Why a value was refused for an equipment constant, with the E5 EAC code. */
export interface ConstantRefusal {
  ecid: number;
  eac: number;
  reason: string;
}

/** Variable values of one equipment. VIDs are one namespace over SVs, DVs and ECs. */
export class VariableStore {
  private readonly defs = new Map<number, { kind: VariableKind; def: VariableDef | ConstantDef }>();
  private readonly byName = new Map<string, number>();
  private readonly values = new Map<number, Value>();
  // Encoded-ready items of stored (non-builtin) values, dropped when the value changes: S1F3, S6F11 and
  // trace samples read the same values far more often than the tool sets them, and building an item
  // (type check, typed array) per read was most of the per-request allocation. Items are never mutated
  // after construction, so one instance can go into many messages.
  private readonly items = new Map<number, Item>();

  constructor(
    readonly model: EquipmentModel,
    private readonly builtin: (b: Builtin) => Value,
  ) {
    const add = (kind: VariableKind, d: VariableDef | ConstantDef): void => {
      this.defs.set(d.id, { kind, def: d });
      this.byName.set(d.name, d.id);
    };
    for (const d of model.statusVariables) add('sv', d);
    for (const d of model.dataVariables) add('dv', d);
    for (const d of model.equipmentConstants) add('ec', d);
    for (const d of model.statusVariables) this.values.set(d.id, d.value ?? zero(d));
    for (const d of model.dataVariables) this.values.set(d.id, d.value ?? zero(d));
    for (const d of model.equipmentConstants) this.values.set(d.id, d.default);
  }

  /** The VID for a name or a VID; undefined when unknown. */
  resolve(nameOrId: string | number): number | undefined {
    if (typeof nameOrId === 'number') return this.defs.has(nameOrId) ? nameOrId : undefined;
    return this.byName.get(nameOrId);
  }

  kind(vid: number): VariableKind | undefined {
    return this.defs.get(vid)?.kind;
  }

  has(vid: number): boolean {
    return this.defs.has(vid);
  }

  /** Current value (builtin SVs/DVs computed now; builtin ECs are stored like any EC). */
  get(vid: number): Value | undefined {
    const d = this.defs.get(vid);
    if (d === undefined) return undefined;
    const b = computedBuiltin(d);
    return b === undefined ? this.values.get(vid) : this.builtin(b);
  }

  /** Value as an item of its declared type; a zero-length item for an unknown VID (E5 convention). */
  item(vid: number): Item {
    const cached = this.items.get(vid);
    if (cached !== undefined) return cached;
    const d = this.defs.get(vid);
    if (d === undefined) return EMPTY;
    if (computedBuiltin(d) !== undefined) return valueToItem(d.def.type, this.get(vid)!);
    const item = valueToItem(d.def.type, this.values.get(vid)!);
    this.items.set(vid, item);
    return item;
  }

  /** Bytes the value of `vid` takes encoded now (as `item`). */
  encodedSize(vid: number): number {
    return encodedItemSize(this.item(vid));
  }

  /**
   * Set a variable from the tool side. A wrong type is a programmer error (RangeError), and so is an EC
   * value outside its limits (an EC set this way skips ChangedEcid, persistence and the change event:
   * GemEquipment.set goes through `constantProblem` and the S2F15 path instead).
   */
  set(vid: number, value: Value): void {
    const d = this.defs.get(vid);
    if (d === undefined) throw new RangeError(`no variable with id ${vid}`);
    const why = d.kind === 'ec' ? this.constantProblem(vid, value) : undefined;
    if (why !== undefined) throw new RangeError(why);
    valueToItem(d.def.type, value); // type/range check
    this.values.set(vid, value);
    this.items.delete(vid);
  }

  /** The definition of an EC, if `ecid` is one. */
  constant(ecid: number): ConstantDef | undefined {
    const d = this.defs.get(ecid);
    return d?.kind === 'ec' ? (d.def as ConstantDef) : undefined;
  }

  /** All ECIDs in model order. */
  constantIds(): number[] {
    return this.model.equipmentConstants.map((c) => c.id);
  }

  /**
   * Check new EC values from S2F15 (all or nothing, E30: "the equipment shall not change any
   * constant if any is refused"). Returns the parsed values or the first refusal.
   */
  checkConstants(
    pairs: readonly { ecid: number; value: Item }[],
  ): { ok: true; values: Map<number, Value> } | { ok: false; refusal: ConstantRefusal } {
    const out = new Map<number, Value>();
    for (const { ecid, value } of pairs) {
      const c = this.constant(ecid);
      if (c === undefined)
        return {
          ok: false,
          refusal: { ecid, eac: EAC.unknownConstant, reason: `no equipment constant ${ecid}` },
        };
      const v = itemToValue(c.type, value);
      if (!v.ok) return { ok: false, refusal: { ecid, eac: EAC.outOfRange, reason: formatIssues(v.issues) } };
      const why = limitProblem(c, v.value);
      if (why !== undefined) return { ok: false, refusal: { ecid, eac: EAC.outOfRange, reason: why } };
      out.set(ecid, v.value);
    }
    return { ok: true, values: out };
  }

  /**
   * Why `value` cannot be the value of the EC `ecid` (unknown EC, wrong type, outside min/max or the
   * range of a builtin), or undefined when it can: the S2F15 checks, for a value set at the tool.
   */
  constantProblem(ecid: number, value: Value): string | undefined {
    const c = this.constant(ecid);
    if (c === undefined) return `no equipment constant ${ecid}`;
    if (Array.isArray(value)) return `equipment constant ${c.name} holds one value, not an array`;
    return checkValue(c.type, value) ?? limitProblem(c, value);
  }

  /** Store checked EC values. */
  setConstants(values: ReadonlyMap<number, Value>): void {
    for (const [k, v] of values) {
      this.values.set(k, v);
      this.items.delete(k);
    }
  }

  /** Snapshot of all EC values (for persistence). */
  constantValues(): Record<number, Value> {
    return Object.fromEntries(this.constantIds().map((id) => [id, this.values.get(id)!]));
  }
}

/** Why a value of the right type is outside the EC's min/max or its builtin range (TimeFormat 0..2...). */
function limitProblem(c: ConstantDef, value: Value): string | undefined {
  if (
    typeof value === 'number' &&
    ((c.min !== undefined && value < c.min) || (c.max !== undefined && value > c.max))
  )
    return `${value} is outside ${c.min ?? '-inf'}..${c.max ?? 'inf'}`;
  // A constant GEM acts on has a range of its own (TimeFormat 0..2, a retry delay of at least 1 s).
  return builtinRangeProblem(c, value);
}

const EMPTY: Item = Object.freeze({ format: 'L', value: [] }) as Item;
const zero = (d: VariableDef): Value =>
  d.type === 'A' ? '' : d.type === 'BOOLEAN' ? false : d.type === 'L' ? [] : 0;

/** The builtin an SV/DV's value is computed from (ECs are never computed). */
function computedBuiltin(d: { kind: VariableKind; def: VariableDef | ConstantDef }): Builtin | undefined {
  return d.kind === 'ec' ? undefined : (d.def as VariableDef).builtin;
}
