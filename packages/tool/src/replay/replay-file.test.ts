import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REPLAY_BYTES, parseReplayText, readReplayFile } from './replay-file.js';

const EXAMPLE = resolve(import.meta.dirname, '../../../../examples/tool/replay/pl-vac-037.yaml');
const DIR = '/replays';
const parse = (text: string, source = 'r.yaml') => parseReplayText(text, { source, dir: DIR });

/** The issues of a refused text: [path, message] in order. */
function refused(text: string, source?: string): [string | undefined, string][] {
  const r = parse(text, source);
  if (r.ok) throw new Error('expected a refusal');
  return r.issues.map((i) => [i.path, i.message]);
}

const tmp = await mkdtemp(join(tmpdir(), 'bondline-replay-file-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('readReplayFile', () => {
  it('reads the shipped example: paths from its folder, rates as the engine takes them', async () => {
    const r = await readReplayFile(EXAMPLE);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value).toMatchObject({
      source: { ticket: 'T-2026-0412', tool: 'HB300-01', faultId: 'PL-VAC-037' },
      configPath: resolve(EXAMPLE, '../../tool.yaml'),
      profile: 'mature',
      recipe: { name: 'BOND-STD', body: { name: 'BOND-STD', params: { plasma: { rfPowerW: 300 } } } },
      constants: { R2R_TX_NM: 12.5, R2R_TY_NM: -8, TimeFormat: 1 },
      seed: 7,
      pairs: 10,
    });
    expect([...r.value.faults]).toEqual([['PL-VAC-037', { per: 'step', rate: 1 }]]);
  });

  it('a UTF-8 byte-order mark is accepted, in YAML and in JSON', async () => {
    const yaml = join(tmp, 'bom.yaml');
    await writeFile(yaml, '\uFEFFformat: bondline-replay/1\nseed: 3\n');
    expect(await readReplayFile(yaml)).toMatchObject({ ok: true, value: { seed: 3 } });
    const json = join(tmp, 'bom.json');
    await writeFile(json, '\uFEFF{ "format": "bondline-replay/1", "pairs": 2 }');
    expect(await readReplayFile(json)).toMatchObject({ ok: true, value: { pairs: 2 } });
    expect(parse('\uFEFFformat: bondline-replay/1\n')).toMatchObject({ ok: true });
  });

  it('a .json file is held to strict JSON', () => {
    expect(refused("{ format: 'bondline-replay/1' }", 'r.json')[0]?.[1]).toMatch(
      /^r\.json:1:\d+: JSON syntax: /,
    );
  });

  it('refuses a file over the size bound before reading it, and a missing file, by path', async () => {
    const big = join(tmp, 'big.yaml');
    await writeFile(
      big,
      `format: bondline-replay/1\nsource: { note: x }\n# ${'x'.repeat(MAX_REPLAY_BYTES)}\n`,
    );
    expect(await readReplayFile(big)).toMatchObject({
      ok: false,
      issues: [{ code: 'file-too-large', message: expect.stringContaining(big) }],
    });
    expect(await readReplayFile(join(tmp, 'none.yaml'))).toMatchObject({
      ok: false,
      issues: [{ code: 'file-not-found' }],
    });
  });

  it('refuses binary data and UTF-16 naming the file', async () => {
    const bin = join(tmp, 'bin.yaml');
    await writeFile(bin, Buffer.from([0x66, 0x00, 0x01]));
    expect(await readReplayFile(bin)).toMatchObject({ ok: false, issues: [{ code: 'not-text' }] });
    const u16 = join(tmp, 'u16.yaml');
    await writeFile(u16, Buffer.from([0xff, 0xfe, 0x66, 0x00]));
    expect(await readReplayFile(u16)).toMatchObject({
      ok: false,
      issues: [{ code: 'unsupported-encoding' }],
    });
  });
});

describe('parseReplayText: every bad field named by file, line:col and key path', () => {
  it('an empty document and a missing or wrong format', () => {
    expect(refused('')).toEqual([[undefined, 'r.yaml: the replay is empty: it needs at least format']]);
    expect(refused('seed: 1\n')).toEqual([['format', 'r.yaml: format: is required (string)']]);
    expect(refused('format: bondline-replay/2\n')).toEqual([
      [
        'format',
        'r.yaml:1:1: format: "bondline-replay/2" is not a replay format this tool reads; expected bondline-replay/1',
      ],
    ]);
  });

  it('each field of the document', () => {
    const text = [
      'format: bondline-replay/1', //                    1
      'source:', //                                      2
      '  ticket: ""', //                                 3
      '  capturedAt: 2026-12-07 09:14', //               4
      '  faultId: pl-vac-37', //                         5
      '  alarm: { alid: -1 }', //                        6
      '  operator: sam', //                              7
      'config: 7', //                                    8
      'profile: old', //                                 9
      'fixes: 1.5', //                                   10
      'recipe: { body: "name: X" }', //                  11
      'constants: { R2R_TX_NM: 5000, TimeFormat: 1.5, EnableSpooling: 1, BOGUS: 1 }', // 12
      'faults: { PL-VAC-037: { perStep: 2 }, PL-RF-011: { perHour: 1, perStep: 0.1 } }', // 13
      'seed: -1', //                                     14
      'pairs: 0', //                                     15
      'lot: L1', //                                      16
    ].join('\n');
    const issues = refused(text);
    const byPath = new Map(issues.map(([p, m]) => [p, m]));
    expect(byPath.get('source.ticket')).toBe('r.yaml:3:3: source.ticket: is empty');
    expect(byPath.get('source.capturedAt')).toMatch(
      /^r\.yaml:4:3: source\.capturedAt: .* is not an ISO 8601 time/,
    );
    expect(byPath.get('source.faultId')).toMatch(
      /^r\.yaml:5:3: source\.faultId: "pl-vac-37" is not a fault id/,
    );
    expect(byPath.get('source.alarm.alid')).toMatch(/^r\.yaml:6:12: source\.alarm\.alid: -1 is not an ALID/);
    expect(byPath.get('source.operator')).toMatch(
      /^r\.yaml:7:3: source\.operator: is not a known key \(known keys: /,
    );
    expect(byPath.get('config')).toBe('r.yaml:8:1: config: expected string, got 7');
    expect(byPath.get('fixes')).toMatch(/^r\.yaml:10:1: fixes: 1\.5 is not a count of fix records/);
    expect(byPath.get('recipe.name')).toBe('r.yaml:11:1: recipe.name: is required (string)');
    expect(byPath.get('faults.PL-VAC-037.perStep')).toMatch(
      /^r\.yaml:13:25: faults\.PL-VAC-037\.perStep: 2 is outside 0\.\.1/,
    );
    expect(byPath.get('faults.PL-RF-011')).toMatch(
      /^r\.yaml:13:39: faults\.PL-RF-011: give exactly one of perStep/,
    );
    expect(byPath.get('seed')).toMatch(
      /^r\.yaml:14:1: seed: -1 is not a seed: an integer from 0 to 4294967295/,
    );
    expect(byPath.get('pairs')).toMatch(/^r\.yaml:15:1: pairs: 0 is not a count of pairs/);
    expect(byPath.get('lot')).toMatch(
      /^r\.yaml:16:1: lot: is not a known key \(known keys: format, source, /,
    );
    // The constants are checked with the rest, not after it.
    expect(byPath.get('constants.R2R_TX_NM')).toMatch(
      /^r\.yaml:12:\d+: constants\.R2R_TX_NM: 5000 nm is outside its limits/,
    );
    expect(byPath.get('constants.BOGUS')).toMatch(
      /^r\.yaml:12:\d+: constants\.BOGUS: is not an equipment constant/,
    );
    // In the order of the text.
    const lines = issues.map(([, m]) => Number(/^r\.yaml:(\d+):/.exec(m)?.[1]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('names a key with a character a person cannot see, never prints it (found by the property test)', () => {
    // A control character (U+0001) in place of the first letter of R2R_TX_NM.
    const [[path, message]] = refused('format: bondline-replay/1\nconstants:\n  \u00012R_TX_NM: 12.5\n') as [
      [string | undefined, string],
    ];
    expect(path).toBe('constants.\u00012R_TX_NM');
    expect(message).toMatch(/^r\.yaml:3:3: constants\.<U\+0001[^>]*>2R_TX_NM: is not an equipment constant/);
    expect(message).not.toContain('\u0001');
  });

  it('constants: unknown names, types and limits of docs/tool.md §7.4, each at its key', () => {
    const text =
      'format: bondline-replay/1\nconstants:\n  R2R_TX_NM: 5000\n  TimeFormat: 1.5\n  EnableSpooling: 1\n  BOGUS: 1\n  R2R_MAG_PPM: true\n';
    expect(refused(text)).toEqual([
      [
        'constants.R2R_TX_NM',
        'r.yaml:3:3: constants.R2R_TX_NM: 5000 nm is outside its limits -1000..1000 nm',
      ],
      ['constants.TimeFormat', 'r.yaml:4:3: constants.TimeFormat: 1.5 is not an integer in 0..255 (U1)'],
      ['constants.EnableSpooling', 'r.yaml:5:3: constants.EnableSpooling: expected true or false, got 1'],
      [
        'constants.BOGUS',
        expect.stringMatching(
          /^r\.yaml:6:3: constants\.BOGUS: is not an equipment constant of the tool \(known: R2R_TX_NM, /,
        ),
      ],
      ['constants.R2R_MAG_PPM', 'r.yaml:7:3: constants.R2R_MAG_PPM: expected a number (F8 ppm), got true'],
    ]);
    expect(refused('format: bondline-replay/1\nconstants: { TimeFormat: 3 }\n')).toEqual([
      ['constants.TimeFormat', 'r.yaml:2:14: constants.TimeFormat: 3 is outside its limits 0..2'],
    ]);
  });

  it('an unknown shipped profile name; a profile or config path is taken from the file', () => {
    expect(refused('format: bondline-replay/1\nprofile: mid-life\n')).toEqual([
      [
        'profile',
        expect.stringMatching(
          /^r\.yaml:2:1: profile: 'mid-life' is not a shipped profile \(immature, mature\)/,
        ),
      ],
    ]);
    const r = parse('format: bondline-replay/1\nprofile: p/mine.yaml\nconfig: /abs/tool.yaml\n');
    expect(r).toMatchObject({
      ok: true,
      value: { profile: '/replays/p/mine.yaml', configPath: '/abs/tool.yaml' },
    });
  });

  it('a recipe body (mapping) is checked as the store checks a recipe, named under recipe.body', () => {
    const text = [
      'format: bondline-replay/1',
      'recipe:',
      '  name: BOND-X',
      '  body:',
      '    name: BOND-X',
      '    modules:',
      '      plasma: { rfPowerW: 1500 }',
      '      plasm: {}',
    ].join('\n');
    expect(refused(text)).toEqual([
      [
        'recipe.body.modules.plasma.rfPowerW',
        'r.yaml:7:17: recipe.body.modules.plasma.rfPowerW: 1500 W is above the maximum 1000 W',
      ],
      [
        'recipe.body.modules.plasm',
        'r.yaml:8:7: recipe.body.modules.plasm: is not a known module; did you mean plasma?',
      ],
    ]);
  });

  it('a recipe body (process program text) with its own line numbers, and a body of another name', () => {
    const text =
      'format: bondline-replay/1\nrecipe:\n  name: BOND-X\n  body: "name: BOND-X\\nmodules:\\n  bonder: { bowUm: 300 }\\n"\n';
    expect(refused(text)).toEqual([
      [
        'recipe.body.modules.bonder.bowUm',
        'r.yaml: recipe.body:3:13: modules.bonder.bowUm: 300 µm is above the maximum 200 µm',
      ],
    ]);
    expect(refused('format: bondline-replay/1\nrecipe:\n  name: BOND-X\n  body: { name: BOND-Y }\n')).toEqual(
      [
        [
          'recipe.body.name',
          'r.yaml:4:11: recipe.body.name: the body is recipe BOND-Y, not BOND-X (recipe.name)',
        ],
      ],
    );
  });

  it('a text body gives the recipe as parsed', () => {
    const r = parse(
      'format: bondline-replay/1\nrecipe:\n  name: B1\n  body: "name: B1\\nmodules: { plasma: { timeS: 45 } }\\n"\n',
    );
    expect(r).toMatchObject({
      ok: true,
      value: { recipe: { name: 'B1', body: { params: { plasma: { timeS: 45 } } } } },
    });
  });

  it('YAML problems: a duplicate key, an alias bomb, deep nesting', () => {
    expect(refused('format: bondline-replay/1\nseed: 1\nseed: 2\n')[0]?.[1]).toMatch(
      /^r\.yaml:3:1: YAML syntax: Map keys must be unique; "seed" appears twice/,
    );
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(parse(`${bomb}\nformat: bondline-replay/1\n`)).toMatchObject({
      ok: false,
      issues: [{ code: 'too-many-aliases' }],
    });
    expect(parse(`format: bondline-replay/1\nsource: ${'['.repeat(200)}`)).toMatchObject({
      ok: false,
      issues: [{ code: 'too-deep' }],
    });
  });
});
