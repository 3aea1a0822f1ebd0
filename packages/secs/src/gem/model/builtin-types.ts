// Which declared types a builtin variable may have. GEM computes builtin values itself (text for the
// clock, whole numbers for states and ids, a byte code for the limit event), so a model that declares,
// say, EventLimit as text would only fail when a host first reads it; the loader refuses it instead.

import type { EquipmentModel, VariableDef } from './equipment-model.js';
import type { Fields } from './model-issue.js';
import type { ValueType } from './value.js';

type Builtin = NonNullable<VariableDef['builtin']>;

const INTEGERS: readonly ValueType[] = ['U1', 'U2', 'U4', 'I1', 'I2', 'I4'];
// E5 LIMITID is format 10 (B [1]); E30's TransitionType is a 0/1 code in the same limit event. Integer
// types stay allowed for models written before the B type existed.
const BYTE_CODE: readonly ValueType[] = ['B', ...INTEGERS];

export const BUILTIN_TYPES: Record<Builtin, readonly ValueType[]> = {
  clock: ['A'],
  'control-state': INTEGERS,
  'processing-state': INTEGERS,
  'previous-processing-state': INTEGERS,
  'changed-ecid': INTEGERS,
  'limit-variable': INTEGERS,
  'event-limit': BYTE_CODE,
  'transition-type': BYTE_CODE,
};

/** Add an issue for every SV/DV whose builtin cannot be sent with its declared type. */
export function checkBuiltinTypes(m: EquipmentModel, f: Fields): void {
  for (const key of ['statusVariables', 'dataVariables'] as const)
    m[key].forEach((v, i) => {
      if (v.builtin === undefined) return;
      const allowed = BUILTIN_TYPES[v.builtin];
      if (!allowed.includes(v.type))
        f.add(
          'wrong-type',
          `model.${key}[${i}].type`,
          `builtin ${v.builtin} cannot be ${v.type}; expected one of ${allowed.join(', ')}`,
        );
    });
}
