import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelText, validateModel } from './load-model.js';

const EXAMPLE = new URL('../../../../../examples/equipment.yaml', import.meta.url);

const minimal = () => ({
  mdln: 'M',
  softrev: '1',
  processing: { states: ['IDLE'], initial: 'IDLE' },
});

describe('equipment model loading', () => {
  it('loads the shipped example', () => {
    const r = parseModelText(readFileSync(EXAMPLE, 'utf8'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.mdln).toBe('BL-HB300');
    expect(r.value.equipmentConstants.find((c) => c.id === 1000)).toMatchObject({
      min: 100,
      max: 50000,
      default: 20000,
    });
    expect(r.value.remoteCommands.map((c) => c.name)).toEqual(['START', 'STOP', 'PAUSE', 'RESUME']);
    expect(r.value.control.events['online-remote']).toBe(103);
    // E5 LIMITID is B [1]; the limit event's direction code is declared the same way.
    expect(r.value.dataVariables.filter((v) => v.id === 56 || v.id === 57).map((v) => v.type)).toEqual([
      'B',
      'B',
    ]);
  });

  it('takes B values 0..255 and lets byte-code builtins be B or an integer type', () => {
    const r = validateModel({
      ...minimal(),
      dataVariables: [
        { id: 1, name: 'Code', type: 'B', value: 255 },
        { id: 2, name: 'EventLimit', type: 'B', builtin: 'event-limit' },
        { id: 3, name: 'TransitionType', type: 'U1', builtin: 'transition-type' },
      ],
      equipmentConstants: [{ id: 4, name: 'Mask', type: 'B', default: 0 }],
    });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.dataVariables[0]).toMatchObject({ type: 'B', value: 255 });
  });

  it('names the value and its range for a bad B value', () => {
    const r = validateModel({ ...minimal(), dataVariables: [{ id: 1, name: 'c', type: 'B', value: -1 }] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]?.message).toBe('dataVariables[0].value: -1 is not an integer in 0..255 (B)');
  });

  it('fills defaults in a minimal model', () => {
    const r = validateModel(minimal());
    expect(r.ok && r.value.control).toEqual({
      initial: 'equipment-offline',
      onlineFailed: 'equipment-offline',
      remote: false,
      events: {},
    });
    expect(r.ok && r.value.communication.establishRetryS).toBe(10);
  });

  it.each([
    [
      { equipmentConstants: [{ id: 1, name: 'x', type: 'U1', default: 300 }] },
      'equipmentConstants[0].default',
      'wrong-type',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'x', type: 'F8', min: 0, max: 1, default: 2 }] },
      'equipmentConstants[0].default',
      'out-of-range',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'x', type: 'F8', default: 0, mni: 3 }] },
      'equipmentConstants[0].mni',
      'unknown-key',
    ],
    [{ statusVariables: [{ id: 1, name: 'a', type: 'U9' }] }, 'statusVariables[0].type', 'invalid-value'],
    [
      {
        statusVariables: [
          { id: 1, name: 'a', type: 'U1' },
          { id: 1, name: 'b', type: 'U1' },
        ],
      },
      'statusVariables[1].id',
      'duplicate',
    ],
    [{ events: [{ id: 5, name: 'e', data: [99] }] }, 'events[0].data[0]', 'unknown-reference'],
    // E5 ALCD: 0 is "not used", 64..127 reserved (9..63 are other categories, accepted).
    [{ alarms: [{ id: 1, text: 't', category: 64 }] }, 'alarms[0].category', 'out-of-range'],
    [{ alarms: [{ id: 1, text: 't', category: 0 }] }, 'alarms[0].category', 'out-of-range'],
    [{ control: { initial: 'attempt-online' } }, 'control.initial', 'out-of-range'],
    [
      { remoteCommands: [{ name: 'GO', processingEvent: 'NOPE' }] },
      'remoteCommands[0].processingEvent',
      'unknown-reference',
    ],
    [{ mdln: 'x'.repeat(21) }, 'mdln', 'out-of-range'],
    [
      { dataVariables: [{ id: 1, name: 'code', type: 'B', value: 256 }] },
      'dataVariables[0].value',
      'wrong-type',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'mask', type: 'B', default: 'x' }] },
      'equipmentConstants[0].default',
      'wrong-type',
    ],
    [
      { dataVariables: [{ id: 1, name: 'EventLimit', type: 'A', builtin: 'event-limit' }] },
      'dataVariables[0].type',
      'wrong-type',
    ],
    [
      { statusVariables: [{ id: 1, name: 'Clock', type: 'U4', builtin: 'clock' }] },
      'statusVariables[0].type',
      'wrong-type',
    ],
    [
      {
        equipmentConstants: [
          { id: 1, name: 'OverWriteSpool', type: 'U1', default: 1, builtin: 'overwrite-spool' },
        ],
      },
      'equipmentConstants[0].type',
      'wrong-type',
    ],
    [
      {
        equipmentConstants: [{ id: 1, name: 'TimeFormat', type: 'A', default: '1', builtin: 'time-format' }],
      },
      'equipmentConstants[0].type',
      'wrong-type',
    ],
    [
      {
        equipmentConstants: [
          { id: 1, name: 'EnableSpooling', type: 'U4', default: 1, builtin: 'enable-spooling' },
        ],
      },
      'equipmentConstants[0].type',
      'wrong-type',
    ],
    [
      {
        equipmentConstants: [
          { id: 1, name: 'MaxSpoolTransmit', type: 'F8', default: 0, builtin: 'max-spool-transmit' },
        ],
      },
      'equipmentConstants[0].type',
      'wrong-type',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'TimeFormat', type: 'U1', default: 3, builtin: 'time-format' }] },
      'equipmentConstants[0].default',
      'out-of-range',
    ],
    [
      {
        equipmentConstants: [
          { id: 1, name: 'T', type: 'U2', default: 0, builtin: 'establish-communications-timeout' },
        ],
      },
      'equipmentConstants[0].default',
      'out-of-range',
    ],
    [
      {
        equipmentConstants: [
          { id: 1, name: 'A', type: 'BOOLEAN', default: true, builtin: 'overwrite-spool' },
          { id: 2, name: 'B', type: 'BOOLEAN', default: true, builtin: 'overwrite-spool' },
        ],
      },
      'equipmentConstants[1].builtin',
      'duplicate',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'X', type: 'U1', default: 0, builtin: 'spool-count-actual' }] },
      'equipmentConstants[0].builtin',
      'invalid-value',
    ],
    [
      { statusVariables: [{ id: 1, name: 'SpoolStartTime', type: 'U4', builtin: 'spool-start-time' }] },
      'statusVariables[0].type',
      'wrong-type',
    ],
    [{ spool: { maxMessages: 0 } }, 'spool.maxMessages', 'out-of-range'],
    [{ spool: { maxBytes: 'big' } }, 'spool.maxBytes', 'wrong-type'],
    [{ spool: { maxFiles: 3 } }, 'spool.maxFiles', 'unknown-key'],
    [{ spool: { activatedCeid: 9999 } }, 'spool.activatedCeid', 'unknown-reference'],
    [{ processPrograms: { changeCeid: 9999 } }, 'processPrograms.changeCeid', 'unknown-reference'],
    [
      {
        dataVariables: [{ id: 1, name: 'code', type: 'B' }],
        events: [{ id: 9, name: 'e', data: [] }],
        limits: { ceid: 9, variables: [{ vid: 1, min: 0, max: 255, limitIds: [1] }] },
      },
      'limits.variables[0].vid',
      'unknown-reference',
    ],
  ])('names the bad field %#', (patch, path, code) => {
    const r = validateModel({ ...minimal(), ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('loads the E30 spool SVs, the builtin ECs and the spool bounds of the example', () => {
    const r = parseModelText(readFileSync(EXAMPLE, 'utf8'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.spool).toEqual({
      maxMessages: 100_000,
      maxBytes: 256 << 20,
      activatedCeid: 700,
      deactivatedCeid: 701,
    });
    expect(r.value.statusVariables.filter((v) => v.builtin?.startsWith('spool')).map((v) => v.id)).toEqual([
      20, 21, 22, 23,
    ]);
    expect(
      r.value.equipmentConstants.filter((c) => c.builtin !== undefined).map((c) => [c.id, c.builtin]),
    ).toEqual([
      [1010, 'overwrite-spool'],
      [1011, 'max-spool-transmit'],
      [1012, 'enable-spooling'],
      [1013, 'establish-communications-timeout'],
      [1014, 'time-format'],
    ]);
  });

  it('defaults the spool bounds to 100,000 messages and 256 MiB', () => {
    const r = validateModel(minimal());
    expect(r.ok && r.value.spool).toEqual({ maxMessages: 100_000, maxBytes: 256 << 20 });
  });
});
