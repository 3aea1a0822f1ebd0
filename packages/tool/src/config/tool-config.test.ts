// The tool configuration loader: the shipped configuration loads complete, and every bad field is
// refused naming the file, line:column and key.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { defaultToolConfigPath } from './default-config-path.js';
import { loadToolConfig } from './tool-config.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../../examples/tool');
const SHIPPED = readFileSync(join(EXAMPLES, 'tool.yaml'), 'utf8');

/** Write `text` as tool.yaml in a fresh folder (with the shipped bond.yaml and recipes/ beside it). */
function configFile(text: string, name = 'tool.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-tool-config-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'bond.yaml'), readFileSync(join(EXAMPLES, 'bond.yaml')));
  mkdirSync(join(dir, 'recipes'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** The shipped text with `from` replaced by `to` (which must be there). */
function edited(from: string | RegExp, to: string): string {
  const out = SHIPPED.replace(from, to);
  if (out === SHIPPED) throw new Error(`no ${String(from)} in tool.yaml`);
  return out;
}

/** Line (1-based) of the first line of the shipped text that contains `s`. */
const lineOf = (text: string, s: string): number => text.split('\n').findIndex((l) => l.includes(s)) + 1;

async function messages(file: string): Promise<string[]> {
  const r = await loadToolConfig(file);
  if (r.ok) throw new Error(`expected ${file} to be refused`);
  return r.issues.map((i) => i.message);
}

describe('loadToolConfig', () => {
  it('loads the shipped configuration with every path resolved and the bond configuration read', async () => {
    const r = await loadToolConfig(join(EXAMPLES, 'tool.yaml'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const c = r.value;
    expect(c.source).toBe(join(EXAMPLES, 'tool.yaml'));
    expect(c.modules.map((m) => m.id)).toEqual([
      'LP1',
      'LP2',
      'LP3',
      'TR1',
      'PA1',
      'PL1',
      'CL1',
      'FL1',
      'BD1',
      'IN1',
    ]);
    expect(c.tool.id).toBe('HB300-01');
    expect(c.carrierSlots).toBe(25);
    expect(c.bond.wafer.R).toBe(150000);
    expect(c.bond.pads.p).toBe(1);
    expect(c.twin.stageNoiseNm).toBe(15);
    expect(c.faults).toEqual({ catalogue: join(EXAMPLES, 'faults.yaml'), profile: 'mature' });
    expect(c.recipeSeeds).toBe(join(EXAMPLES, 'recipes'));
    expect(c.defaultRecipe).toBe('BOND-STD');
    expect(c.maintenanceEveryWafers).toBe(2000);
    expect(c.gem).toEqual({ deviceId: 0, port: 5000 });
  });

  it('fills the defaults of carrierSlots, twin and gem, and resolves a profile given as a file', async () => {
    const text = SHIPPED.replace(/^carrierSlots:.*\n/m, '')
      .replace(/^twin:\n( {2}.*\n)+/m, '')
      .replace(/^gem:\n( {2}.*\n)+/m, '')
      .replace('profile: mature ', 'profile: ./profiles/mine.yaml ');
    const file = configFile(text);
    const r = await loadToolConfig(file);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.carrierSlots).toBe(25);
    expect(r.value.twin.timeJitter).toBe(0.02);
    expect(r.value.gem).toEqual({ deviceId: 0, port: 5000 });
    expect(r.value.faults.profile).toBe(join(file, '..', 'profiles', 'mine.yaml'));
  });

  it('refuses too few load ports, a second robot and a missing kind, at the modules key', async () => {
    const text = edited('  - { id: LP3, kind: loadport }\n', '  - { id: TR2, kind: robot }\n').replace(
      '  - { id: FL1, kind: flipper }\n',
      '',
    );
    const file = configFile(text);
    const at = `${file}:${lineOf(text, 'modules:')}:1: modules`;
    expect(await messages(file)).toEqual([
      `${at}: has 2 loadport modules; a tool needs at least 3`,
      `${at}: has 2 robot modules; a tool needs exactly 1`,
      `${at}: has 0 flipper modules; a tool needs at least 1`,
    ]);
  });

  it('refuses a module id used twice at the second one, and an unknown kind', async () => {
    const text = edited('{ id: CL1, kind: clean }', '{ id: PL1, kind: clean }');
    const file = configFile(text);
    expect(await messages(file)).toEqual([
      `${file}:${lineOf(text, 'id: PL1, kind: clean')}:7: modules[6].id: PL1 is already the id of modules[5]; module ids must be unique`,
    ]);
    const laser = edited('{ id: FL1, kind: flipper }', '{ id: FL1, kind: laser }');
    const file2 = configFile(laser);
    expect((await messages(file2))[0]).toMatch(
      new RegExp(
        `^${file2}:${lineOf(laser, 'laser')}:16: modules\\[7\\]\\.kind: "laser" is not allowed; expected "loadport", `,
      ),
    );
  });

  it('refuses an unknown key naming the keys known there, and a twin parameter out of range', async () => {
    const text = edited('carrierSlots: 25', 'carrierSlot: 25');
    const file = configFile(text);
    expect((await messages(file))[0]).toBe(
      `${file}:${lineOf(text, 'carrierSlot:')}:1: carrierSlot: is not a known key (known keys: tool, modules, carrierSlots, bond, twin, faults, recipeSeeds, defaultRecipe, maintenanceEveryWafers, gem)`,
    );
    const twin = edited('timeJitter: 0.02', 'timeJitter: 0.5');
    const file2 = configFile(twin);
    expect(await messages(file2)).toEqual([
      `${file2}:${lineOf(twin, 'timeJitter')}:3: twin.timeJitter: 0.5 is out of range; must be at most 0.2`,
    ]);
  });

  it('refuses wrong types and values of the scalar fields, each at its key', async () => {
    const text = edited('port: 5000', 'port: 70000')
      .replace('deviceId: 0', 'deviceId: "zero"')
      .replace('defaultRecipe: BOND-STD', 'defaultRecipe: ../BOND');
    const file = configFile(text);
    expect(await messages(file)).toEqual([
      `${file}:${lineOf(text, 'defaultRecipe')}:1: defaultRecipe: "../BOND" is not a recipe name: 1 to 80 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit`,
      `${file}:${lineOf(text, 'deviceId')}:3: gem.deviceId: expected number, got "zero"`,
      `${file}:${lineOf(text, 'port:')}:3: gem.port: 70000 is out of range; must be at most 65535`,
    ]);
  });

  it('refuses a missing section', async () => {
    const text = SHIPPED.replace(/^faults:\n( {2}.*\n)+/m, '');
    expect(await messages(configFile(text))).toEqual([
      expect.stringMatching(/tool\.yaml: faults: is required \(object\)$/),
    ]);
  });

  it('refuses a bond configuration that is missing or invalid, at the bond key with its own position', async () => {
    const missing = edited('bond: ./bond.yaml', 'bond: ./nowhere.yaml');
    const file = configFile(missing);
    const at = `${file}:${lineOf(missing, 'bond:')}:1: bond:`;
    expect(await messages(file)).toEqual([`${at} ${join(file, '..', 'nowhere.yaml')}: no such file`]);
    const file2 = configFile(SHIPPED);
    const bond = join(file2, '..', 'bond.yaml');
    const bondText = readFileSync(bond, 'utf8');
    writeFileSync(bond, bondText.replace('R: 150000', 'R: -5'));
    const [m] = await messages(file2);
    expect(m).toBe(
      `${file2}:${lineOf(SHIPPED, 'bond:')}:1: bond: ${bond}:${lineOf(bondText, 'R: 150000')}:3: wafer.R: -5 µm is out of range (allowed [1000, 250000] µm: wafer radius)`,
    );
  });

  it('refuses a recipe seed folder that does not exist', async () => {
    const text = edited('recipeSeeds: ./recipes', 'recipeSeeds: ./gone');
    const file = configFile(text);
    expect(await messages(file)).toEqual([
      `${file}:${lineOf(text, 'recipeSeeds')}:1: recipeSeeds: ${join(file, '..', 'gone')} does not exist`,
    ]);
  });

  it('refuses YAML syntax errors and missing files with their position or path', async () => {
    const file = configFile('tool:\n  id: [x\n');
    expect((await messages(file))[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: YAML syntax: `));
    const gone = join(tmpdir(), 'bondline-no-such-dir', 'tool.yaml');
    expect(await messages(gone)).toEqual([`${gone}: no such file`]);
  });
});

describe('defaultToolConfigPath', () => {
  it('finds examples/tool/tool.yaml of the repository from the sources', async () => {
    expect(await defaultToolConfigPath()).toEqual({ ok: true, value: join(EXAMPLES, 'tool.yaml') });
  });

  it('says where it looked when there is none above the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-no-config-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const r = await defaultToolConfigPath(dir);
    expect(!r.ok && r.issues[0]?.code).toBe('no-default-config');
  });
});
