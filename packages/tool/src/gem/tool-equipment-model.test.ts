import { describe, expect, it } from 'vitest';
import { testToolConfig } from '../config/tool-config.test-util.js';
import { testCatalogue } from './gem-fixtures.test-util.js';
import { moduleSvBase } from './gem-ids.js';
import { toolEquipmentModel } from './tool-equipment-model.js';

const build = (config = testToolConfig(), catalogue = testCatalogue()) => {
  const r = toolEquipmentModel(config, catalogue);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
};

describe('toolEquipmentModel', () => {
  it('takes the identity and device id from the configuration', () => {
    const m = build(testToolConfig({ gem: { deviceId: 7, port: 5000 } }));
    expect([m.mdln, m.softrev, m.deviceId]).toEqual(['BL-HB300', '0.1.0', 7]);
  });

  it('keeps each kind of id in its block (SV 1000s, EC 2000s, DV 3000s, CE 4000s)', () => {
    const m = build();
    const within = (ids: number[], lo: number, hi: number) => ids.every((id) => id >= lo && id <= hi);
    expect(
      within(
        m.statusVariables.map((v) => v.id),
        1000,
        1999,
      ),
    ).toBe(true);
    expect(
      within(
        m.equipmentConstants.map((v) => v.id),
        2000,
        2999,
      ),
    ).toBe(true);
    expect(
      within(
        m.dataVariables.map((v) => v.id),
        3000,
        3999,
      ),
    ).toBe(true);
    expect(
      within(
        m.events.map((v) => v.id),
        4000,
        4999,
      ),
    ).toBe(true);
  });

  it('declares the aligner R2R offsets as constants with units, limits and default 0', () => {
    const r2r = build()
      .equipmentConstants.filter((c) => c.name.startsWith('R2R_'))
      .map((c) => [c.name, c.type, c.unit, c.min, c.max, c.default]);
    expect(r2r).toEqual([
      ['R2R_TX_NM', 'F8', 'nm', -1000, 1000, 0],
      ['R2R_TY_NM', 'F8', 'nm', -1000, 1000, 0],
      ['R2R_ROT_URAD', 'F8', 'urad', -10, 10, 0],
      ['R2R_MAG_PPM', 'F8', 'ppm', -10, 10, 0],
    ]);
  });

  it('makes every alarming fault point an alarm with its ALID and ALCD, and no silent one', () => {
    const m = build();
    expect(m.alarms.map((a) => [a.id, a.category, a.text])).toEqual([
      [40101, 2, 'PL-RF-001 RF generator reflected power above limit'],
      [70117, 4, 'BD-ALIGN-017 alignment mark not found after all retries'],
      [50103, 6, 'CL-SPIN-003 spin chuck speed not reached'],
    ]);
    const set = m.events.find((e) => e.name === 'AlarmSet');
    expect(m.alarms.every((a) => a.setCeid === set?.id)).toBe(true);
  });

  it('cuts an alarm text over 120 characters and keeps its id', () => {
    const long = testCatalogue().map((fp) => ({ ...fp, text: 'x'.repeat(200) }));
    const text = build(testToolConfig(), long).alarms[0]?.text ?? '';
    expect(text.length).toBe(120);
    expect(text.startsWith('PL-RF-001 xxx')).toBe(true);
    expect(text.endsWith('...')).toBe(true);
  });

  it('gives each module a block by kind and ordinal: a second plasma chamber moves nothing else', () => {
    const one = build();
    const modules = testToolConfig().modules;
    const two = build(testToolConfig({ modules: [...modules, { id: 'PL2', kind: 'plasma' }] }));
    const id = (m: typeof one, name: string) => m.statusVariables.find((v) => v.name === name)?.id;
    expect(id(two, 'PL1State')).toBe(moduleSvBase('plasma', 0));
    expect(id(two, 'PL2State')).toBe(moduleSvBase('plasma', 1));
    expect(id(two, 'PL2ChamberPressure')).toBe(moduleSvBase('plasma', 1) + 5);
    for (const name of ['BD1State', 'BD1BondForce', 'LP3E10State', 'IN1Substrates'])
      expect(id(two, name)).toBe(id(one, name));
    expect(
      one.statusVariables.filter((v) => v.name.startsWith('BD1')).map((v) => [v.id, v.name, v.unit]),
    ).toEqual([
      [1700, 'BD1State', ''],
      [1701, 'BD1E10State', ''],
      [1702, 'BD1Substrates', ''],
      [1703, 'BD1BondForce', 'N'],
      [1704, 'BD1ChamberPressure', 'Pa'],
      [1705, 'BD1ChuckTemperature', 'degC'],
      [1706, 'BD1MarkScoreTop', ''],
      [1707, 'BD1MarkScoreBottom', ''],
    ]);
  });

  it('has the processing states of the tool, with a transition from every state to every other', () => {
    const p = build().processing;
    expect(p.states).toEqual(['IDLE', 'SETUP', 'EXECUTING', 'PAUSING', 'PAUSED', 'STOPPING', 'ABORTING']);
    expect(p.transitions.length).toBe(7 * 6);
    expect(p.transitions.every((t) => t.from !== t.to && t.on === t.to)).toBe(true);
  });

  it('declares the remote commands and their parameters', () => {
    const cmds = build().remoteCommands.map((c) => [
      c.name,
      c.params.map((p) => `${p.name}:${p.type}${p.required === false ? '?' : ''}`),
    ]);
    expect(cmds).toEqual([
      ['START', ['LOTID:A', 'PAIRS:U4', 'PPID:A?', 'TOPCARRIER:A?', 'BOTTOMCARRIER:A?', 'STACKCARRIER:A?']],
      ['STOP', []],
      ['PAUSE', []],
      ['RESUME', []],
      ['ABORT', []],
      ['PP-SELECT', ['PPID:A']],
      ['CLEAR-ALARM', ['ALID:U4']],
    ]);
  });

  it('refuses more modules of one kind than the id plan holds', () => {
    const modules = Array.from({ length: 11 }, (_, i) => ({ id: `PL${i + 1}`, kind: 'plasma' as const }));
    const r = toolEquipmentModel(testToolConfig({ modules }), testCatalogue());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.code, i.path])).toEqual([['too-many-modules', 'modules']]);
  });

  it('refuses a catalogue with two fault points on one ALID, and an MDLN over 20 characters', () => {
    const cat = testCatalogue();
    const dup = cat.map((fp) => (fp.id === 'CL-SPIN-003' ? { ...fp, alarm: { alid: 40101, alcd: 6 } } : fp));
    const r = toolEquipmentModel(testToolConfig(), dup);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['duplicate', 'alarms[2].id']]);
    const base = testToolConfig();
    const long = toolEquipmentModel(testToolConfig({ tool: { ...base.tool, model: 'M'.repeat(21) } }), cat);
    expect(long.ok ? [] : long.issues.map((i) => [i.code, i.path])).toEqual([['out-of-range', 'mdln']]);
  });
});
