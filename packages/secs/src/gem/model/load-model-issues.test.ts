// What the loader says about a bad model: duplicate ids and names name both entries, and a field that
// is already wrong (an unknown type, a missing section, bad YAML) is reported once, without follow-up
// issues computed from a stand-in value. Messages say `key.path: problem` (with a file:
// `file:line:column: key.path: problem`).
import { describe, expect, it } from 'vitest';
import { parseModelText, validateModel } from './load-model.js';

const minimal = () => ({
  mdln: 'M',
  softrev: '1',
  processing: { states: ['IDLE'], initial: 'IDLE' },
});

/** The messages of a model that must not load. */
function messages(model: Record<string, unknown>): string[] {
  const r = validateModel({ ...minimal(), ...model });
  if (r.ok) throw new Error('the model loaded');
  return r.issues.map((i) => i.message);
}

describe('duplicate names and ids', () => {
  it('refuses an SV, a DV and an EC sharing a name, naming both entries', () => {
    expect(
      messages({
        statusVariables: [
          { id: 1, name: 'ChamberPressure', type: 'F8' },
          { id: 2, name: 'ChamberPressure', type: 'F8' },
        ],
        dataVariables: [{ id: 3, name: 'BondForce', type: 'F8' }],
        equipmentConstants: [{ id: 4, name: 'BondForce', type: 'F8', default: 0 }],
      }),
    ).toEqual([
      'statusVariables[1].name: variable name (status, data and constants share names) "ChamberPressure" is already declared by statusVariables[0].name',
      'equipmentConstants[0].name: variable name (status, data and constants share names) "BondForce" is already declared by dataVariables[0].name',
    ]);
  });

  it('refuses a VID declared by an SV and again by an EC', () => {
    expect(
      messages({
        statusVariables: [{ id: 7, name: 'a', type: 'U1' }],
        equipmentConstants: [{ id: 7, name: 'b', type: 'U1', default: 0 }],
      }),
    ).toEqual([
      'equipmentConstants[0].id: variable id (status, data and constants share ids) 7 is already declared by statusVariables[0].id',
    ]);
  });

  it('refuses duplicate event names and CEIDs, ALIDs, remote commands, their parameters and states', () => {
    const r = validateModel({
      ...minimal(),
      processing: { states: ['IDLE', 'RUN', 'IDLE'], initial: 'IDLE' },
      events: [
        { id: 1, name: 'Done' },
        { id: 2, name: 'Done' },
        { id: 2, name: 'Other' },
      ],
      alarms: [
        { id: 5, text: 'a', category: 1 },
        { id: 5, text: 'b', category: 1 },
      ],
      remoteCommands: [
        { name: 'GO', params: [] },
        {
          name: 'GO',
          params: [
            { name: 'P', type: 'A' },
            { name: 'P', type: 'U4' },
          ],
        },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.code, i.path])).toEqual([
        ['duplicate', 'events[2].id'],
        ['duplicate', 'events[1].name'],
        ['duplicate', 'alarms[1].id'],
        ['duplicate', 'remoteCommands[1].name'],
        ['duplicate', 'remoteCommands[1].params[1].name'],
        ['duplicate', 'processing.states[2]'],
      ]);
  });

  it('does not count ids the file got wrong as duplicates of each other', () => {
    expect(
      messages({
        statusVariables: [
          { id: 'x', name: 'a', type: 'U1' },
          { id: 'y', name: 'b', type: 'U1' },
        ],
      }),
    ).toEqual([
      'statusVariables[0].id: expected an integer 0..4294967295, got "x"',
      'statusVariables[1].id: expected an integer 0..4294967295, got "y"',
    ]);
  });
});

describe('alarm categories (E5 ALCD bits 1..7)', () => {
  it('accepts 8 (data integrity) and 9..63 (other categories)', () => {
    const r = validateModel({
      ...minimal(),
      alarms: [
        { id: 1, text: 'Checksum mismatch', category: 8 },
        { id: 2, text: 'Site-defined', category: 63 },
      ],
    });
    expect(r.ok && r.value.alarms.map((a) => a.category)).toEqual([8, 63]);
  });

  it('refuses 0 (not used) and 64..127 (reserved), naming the range', () => {
    expect(messages({ alarms: [{ id: 1, text: 't', category: 64 }] })).toEqual([
      'alarms[0].category: 64 is outside 1..63',
    ]);
  });
});

describe('the hint for an unknown type lists what that entry may have', () => {
  const scalars = 'U1, U2, U4, I1, I2, I4, F4, F8, B, A, BOOLEAN';

  it('a command parameter: the scalar types, not L (L is only for the list builtins)', () => {
    expect(
      messages({ remoteCommands: [{ name: 'START', params: [{ name: 'LOTID', type: 'STRING' }] }] }),
    ).toEqual([`remoteCommands[0].params[0].type: "STRING" is not allowed; expected one of ${scalars}`]);
  });

  it('a status variable: the scalar types and L (allowed for the list builtins)', () => {
    expect(messages({ statusVariables: [{ id: 1, name: 'Temp', type: 'F16' }] })).toEqual([
      `statusVariables[0].type: "F16" is not allowed; expected one of ${scalars}, L`,
    ]);
  });
});

describe('one issue per mistake', () => {
  it('an unknown constant type is not followed by a value check against a stand-in type', () => {
    expect(
      messages({
        equipmentConstants: [
          { id: 1, name: 'BondForceSetpoint', type: 'U9', min: 100, max: 50000, default: 20000 },
        ],
      }),
    ).toEqual([
      'equipmentConstants[0].type: "U9" is not allowed; expected one of U1, U2, U4, I1, I2, I4, F4, F8, B, A, BOOLEAN',
    ]);
  });

  it('a default outside the limits is still reported when the type is unknown', () => {
    expect(
      messages({ equipmentConstants: [{ id: 1, name: 'x', type: 'U9', max: 10, default: 20 }] }),
    ).toEqual([
      expect.stringMatching(/type: "U9"/),
      'equipmentConstants[0].default: 20 is outside the limits -inf..10',
    ]);
  });

  it('an unknown variable type: no value check, no builtin or limits complaint about the stand-in', () => {
    expect(
      messages({
        statusVariables: [
          { id: 1, name: 'Clock', type: 'TEXT', builtin: 'clock', value: 5 },
          { id: 2, name: 'Temp', type: 'F16', value: 'warm' },
        ],
        events: [{ id: 9, name: 'Limit' }],
        limits: { ceid: 9, variables: [{ vid: 2, min: 0, max: 1, limitIds: [1] }] },
      }),
    ).toEqual([
      expect.stringMatching(/^statusVariables\[0\]\.type: "TEXT" is not allowed/),
      expect.stringMatching(/^statusVariables\[1\]\.type: "F16" is not allowed/),
    ]);
  });

  it('an unknown builtin is one issue (no type check against another builtin)', () => {
    expect(
      messages({
        dataVariables: [{ id: 1, name: 'X', type: 'F8', builtin: 'clok' }],
        equipmentConstants: [
          { id: 2, name: 'A', type: 'U1', default: 0, builtin: 'overwrite' },
          { id: 3, name: 'B', type: 'U1', default: 0, builtin: 'overwrite' },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^dataVariables\[0\]\.builtin: "clok" is not allowed/),
      expect.stringMatching(/^equipmentConstants\[0\]\.builtin: "overwrite" is not allowed/),
      expect.stringMatching(/^equipmentConstants\[1\]\.builtin: "overwrite" is not allowed/),
    ]);
  });

  it('a missing processing section is one issue, even with commands naming processing events', () => {
    const { processing: _, ...rest } = minimal();
    const r = validateModel({ ...rest, remoteCommands: [{ name: 'START', processingEvent: 'START' }] });
    expect(r.ok || r.issues.map((i) => i.message)).toEqual(['processing: is required (object)']);
  });

  it('an empty state list is one issue; transitions and initial are not checked against it', () => {
    expect(
      messages({
        processing: { states: [], initial: 'IDLE', transitions: [{ from: 'IDLE', on: 'GO', to: 'RUN' }] },
      }),
    ).toEqual(['processing.states: declare at least one state']);
  });

  it('a transition missing its from state says so once', () => {
    expect(messages({ processing: { states: ['IDLE'], transitions: [{ on: 'GO', to: 'IDLE' }] } })).toEqual([
      'processing.transitions[0].from: is required (string)',
    ]);
  });

  it('an entry that is not a mapping is one issue: no "required" for each of its fields, no duplicates', () => {
    expect(
      messages({
        statusVariables: ['ChamberPressure', 7],
        remoteCommands: [{ name: 'GO', params: ['P'] }],
        limits: 'none',
      }),
    ).toEqual([
      'statusVariables[0]: expected object, got "ChamberPressure"',
      'statusVariables[1]: expected object, got 7',
      'remoteCommands[0].params[0]: expected object, got "P"',
      'limits: expected object, got "none"',
    ]);
  });

  it('a YAML syntax error gives its position once, first', () => {
    const r = parseModelText('mdln: X\nsoftrev: 1\nstatusVariables:\n  - { id: 1, name: A\n  foo: [\n', {
      source: 'm.yaml',
    });
    expect(r.ok || r.issues.map((i) => [i.path, i.message])).toEqual([
      [
        '5:3',
        'm.yaml:5:3: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
      ],
    ]);
  });

  it('a duplicate in a file names the line of the earlier entry', () => {
    const text = [
      'mdln: M',
      "softrev: '1'",
      'processing: { states: [IDLE] }',
      'statusVariables:',
      '  - { id: 1, name: Temp, type: F8 }',
      '  - { id: 2, name: Temp, type: F8 }',
    ].join('\n');
    expect(parseModelText(text, { source: 'm.yaml' })).toEqual({
      ok: false,
      issues: [
        {
          code: 'duplicate',
          path: 'statusVariables[1].name',
          message:
            'm.yaml:6:14: statusVariables[1].name: variable name (status, data and constants share names) "Temp" is already declared by statusVariables[0].name (line 5)',
        },
      ],
    });
  });

  it('names invisible characters of names the file gives, in cross-reference messages too', () => {
    expect(
      messages({
        processing: { states: ['IDLE', 'RUN'], initial: 'IDLE\u00A0' },
        events: [
          { id: 1, name: 'Done\u200B' },
          { id: 2, name: 'Done\u200B' },
        ],
      }),
    ).toEqual([
      'events[1].name: event name "Done<U+200B zero-width space>" is already declared by events[0].name',
      'processing.initial: "IDLE<U+00A0 no-break space>" is not a declared state',
    ]);
  });
});
