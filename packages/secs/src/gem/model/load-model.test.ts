import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { A, F4, I2, L, U1, U4 } from '../../item/constructors.js';
import { parseModelText, validateModel } from './load-model.js';
import { checkValue, itemToValue, valueToItem } from './value.js';

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
    expect(r.model.mdln).toBe('BL-HB300');
    expect(r.model.equipmentConstants.find((c) => c.id === 1000)).toMatchObject({
      min: 100,
      max: 50000,
      default: 20000,
    });
    expect(r.model.remoteCommands.map((c) => c.name)).toEqual(['START', 'STOP', 'PAUSE', 'RESUME']);
    expect(r.model.control.events['online-remote']).toBe(103);
  });

  it('fills defaults in a minimal model', () => {
    const r = validateModel(minimal());
    expect(r.ok && r.model.control).toEqual({
      initial: 'equipment-offline',
      onlineFailed: 'equipment-offline',
      remote: false,
      events: {},
    });
    expect(r.ok && r.model.communication.establishRetryS).toBe(10);
  });

  it.each([
    [
      { equipmentConstants: [{ id: 1, name: 'x', type: 'U1', default: 300 }] },
      'model.equipmentConstants[0].default',
      'wrong-type',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'x', type: 'F8', min: 0, max: 1, default: 2 }] },
      'model.equipmentConstants[0].default',
      'out-of-range',
    ],
    [
      { equipmentConstants: [{ id: 1, name: 'x', type: 'F8', default: 0, mni: 3 }] },
      'model.equipmentConstants[0].mni',
      'unknown-key',
    ],
    [{ statusVariables: [{ id: 1, name: 'a', type: 'U9' }] }, 'model.statusVariables[0].type', 'wrong-type'],
    [
      {
        statusVariables: [
          { id: 1, name: 'a', type: 'U1' },
          { id: 1, name: 'b', type: 'U1' },
        ],
      },
      'model.variables (status, data, constants share ids)[1]',
      'duplicate',
    ],
    [{ events: [{ id: 5, name: 'e', data: [99] }] }, 'model.events[0].data[0]', 'unknown-reference'],
    [{ alarms: [{ id: 1, text: 't', category: 9 }] }, 'model.alarms[0].category', 'out-of-range'],
    [{ control: { initial: 'attempt-online' } }, 'model.control.initial', 'out-of-range'],
    [
      { remoteCommands: [{ name: 'GO', processingEvent: 'NOPE' }] },
      'model.remoteCommands[0].processingEvent',
      'unknown-reference',
    ],
    [{ mdln: 'x'.repeat(21) }, 'model.mdln', 'out-of-range'],
  ])('names the bad field %#', (patch, path, code) => {
    const r = validateModel({ ...minimal(), ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports YAML syntax errors with line and column', () => {
    const r = parseModelText('mdln: x\nsoftrev: [1,\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^line \d+, column \d+/);
  });
});

describe('values', () => {
  it('checks ranges per E5 integer width', () => {
    expect(checkValue('U1', 255)).toBeUndefined();
    expect(checkValue('U1', 256)).toMatch(/0..255/);
    expect(checkValue('I2', -32769)).toMatch(/-32768..32767/);
    expect(checkValue('A', 3)).toMatch(/text/);
  });
  it('reads any integer width that fits and refuses the wrong kind', () => {
    expect(itemToValue('U4', U1(7))).toEqual({ ok: true, value: 7 });
    expect(itemToValue('U1', I2(-1))).toMatchObject({ ok: false });
    expect(itemToValue('F8', U4(3))).toEqual({ ok: true, value: 3 });
    expect(itemToValue('U4', F4(3))).toMatchObject({ ok: false, reason: 'expected U4, got F4' });
    expect(itemToValue('A', L())).toMatchObject({ ok: false });
    expect(itemToValue('A', A('x'))).toEqual({ ok: true, value: 'x' });
  });
  it('builds items of the declared format', () => {
    expect(valueToItem('U2', 5)).toEqual({ format: 'U2', value: new Uint16Array([5]) });
    expect(() => valueToItem('U1', -1)).toThrow(RangeError);
  });
});
