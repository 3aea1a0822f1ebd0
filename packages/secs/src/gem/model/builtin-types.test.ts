import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelText, validateModel } from './load-model.js';

const EXAMPLE = new URL('../../../../../examples/equipment.yaml', import.meta.url);

const minimal = () => ({
  mdln: 'M',
  softrev: '1',
  processing: { states: ['IDLE'], initial: 'IDLE' },
});

const LIST_SVS = [
  { id: 24, name: 'AlarmsEnabled', type: 'L', builtin: 'alarms-enabled' },
  { id: 25, name: 'AlarmsSet', type: 'L', builtin: 'alarms-set' },
  { id: 26, name: 'EventsEnabled', type: 'L', builtin: 'events-enabled' },
];

/** The issues of a model, as "code path: message". */
function issuesOf(patch: object): string[] {
  const r = validateModel({ ...minimal(), ...patch });
  return r.ok ? [] : r.issues.map((i) => `${i.code} ${i.message}`);
}

describe('list builtins (AlarmsEnabled, AlarmsSet, EventsEnabled)', () => {
  it('are declared with type L as SVs or DVs', () => {
    const r = validateModel({
      ...minimal(),
      statusVariables: LIST_SVS.slice(0, 2),
      dataVariables: [LIST_SVS[2]],
    });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.statusVariables.map((v) => [v.type, v.builtin])).toEqual([
      ['L', 'alarms-enabled'],
      ['L', 'alarms-set'],
    ]);
    expect(r.value.dataVariables[0]).toMatchObject({ type: 'L', builtin: 'events-enabled' });
  });

  it('are in the shipped example with ids 24, 25, 26', () => {
    const r = parseModelText(readFileSync(EXAMPLE, 'utf8'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(
      r.value.statusVariables.filter((v) => v.type === 'L').map((v) => [v.id, v.name, v.builtin]),
    ).toEqual([
      [24, 'AlarmsEnabled', 'alarms-enabled'],
      [25, 'AlarmsSet', 'alarms-set'],
      [26, 'EventsEnabled', 'events-enabled'],
    ]);
  });

  it('refuses a list builtin with a scalar type', () => {
    expect(
      issuesOf({ statusVariables: [{ id: 1, name: 'AlarmsSet', type: 'U4', builtin: 'alarms-set' }] }),
    ).toEqual(['wrong-type statusVariables[0].type: builtin alarms-set cannot be U4; expected one of L']);
  });

  it('refuses L for a scalar builtin', () => {
    expect(issuesOf({ statusVariables: [{ id: 1, name: 'Clock', type: 'L', builtin: 'clock' }] })).toEqual([
      'wrong-type statusVariables[0].type: builtin clock cannot be L; expected one of A',
    ]);
  });

  it('refuses L for an SV, DV, EC or command parameter that is not a list builtin', () => {
    const only = 'type L is only for the builtins alarms-enabled, alarms-set, events-enabled';
    expect(issuesOf({ statusVariables: [{ id: 1, name: 'Ids', type: 'L' }] })).toEqual([
      `wrong-type statusVariables[0].type: ${only}`,
    ]);
    expect(issuesOf({ dataVariables: [{ id: 1, name: 'Ids', type: 'L', value: [1, 2] }] })).toEqual([
      `wrong-type dataVariables[0].type: ${only}`,
    ]);
    expect(issuesOf({ remoteCommands: [{ name: 'GO', params: [{ name: 'LOTS', type: 'L' }] }] })).toEqual([
      `wrong-type remoteCommands[0].params[0].type: ${only}`,
    ]);
    expect(issuesOf({ equipmentConstants: [{ id: 1, name: 'Ids', type: 'L', default: [] }] })).toContain(
      `wrong-type equipmentConstants[0].type: ${only}`,
    );
  });
});
