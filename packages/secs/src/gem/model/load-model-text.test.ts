// The model loader on text: YAML or strict JSON through core's parseYamlText, every issue placed as
// file:line:column with its key path; the byte-order mark, empty files and values of the wrong kind.
import { describe, expect, it } from 'vitest';
import { parseModelText } from './load-model.js';

const minimal = () => ({
  mdln: 'M',
  softrev: '1',
  processing: { states: ['IDLE'], initial: 'IDLE' },
});

describe('equipment model text', () => {
  it('reports YAML syntax errors with file, line and column', () => {
    const r = parseModelText('mdln: x\nsoftrev: [1,\n', { source: 'm.yaml' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^m\.yaml:\d+:\d+: YAML syntax: /);
  });

  it('names file, line, column and key path of a bad field', () => {
    const text = [
      'mdln: BL',
      "softrev: '1'",
      'processing: { states: [IDLE] }',
      'equipmentConstants:',
      '  - id: 1',
      '    name: Mask',
      '    type: U1',
      '    default: 300',
      '  - { id: 2, name: Speed, type: F8, default: 1, mni: 0 }',
    ].join('\n');
    const r = parseModelText(text, { source: 'm.yaml' });
    expect(r.ok || r.issues).toEqual([
      {
        code: 'wrong-type',
        path: 'equipmentConstants[0].default',
        message: 'm.yaml:8:5: equipmentConstants[0].default: 300 is not an integer in 0..255 (U1)',
      },
      {
        code: 'unknown-key',
        path: 'equipmentConstants[1].mni',
        message:
          'm.yaml:9:49: equipmentConstants[1].mni: is not a known key; expected one of id, name, type, unit, min, max, default, builtin',
      },
    ]);
  });

  it('reads strict JSON when asked, and refuses what only YAML allows', () => {
    const json = JSON.stringify({ ...minimal(), deviceId: 7 });
    const r = parseModelText(json, { source: 'm.json', format: 'json' });
    expect(r.ok && r.value.deviceId).toBe(7);
    const y = parseModelText(`${json.slice(0, -1)},}`, { source: 'm.json', format: 'json' });
    expect(y.ok || y.issues[0]?.message).toMatch(/^m\.json(:\d+:\d+)?: JSON syntax: /);
  });

  it('accepts a UTF-8 byte-order mark; an empty file says so', () => {
    const r = parseModelText(`\uFEFF${JSON.stringify(minimal())}`, { source: 'm.yaml' });
    expect(r.ok).toBe(true);
    for (const empty of ['', '# nothing yet\n', '\uFEFF'])
      expect(parseModelText(empty, { source: 'm.yaml' })).toEqual({
        ok: false,
        issues: [
          {
            code: 'missing',
            message: 'm.yaml: the model is empty: it needs at least mdln, softrev and processing',
          },
        ],
      });
  });

  it('a text where a number belongs and the reverse, huge numbers, a list where a mapping belongs', () => {
    const r = parseModelText(
      [
        'mdln: 12',
        'softrev: 1.0',
        'deviceId: "7"',
        'processing: { states: [IDLE] }',
        'spool: { maxBytes: 1e400, maxMessages: 99999999999999999999 }',
        'control: [online-remote]',
      ].join('\n'),
      { source: 'm.yaml' },
    );
    expect(r.ok || r.issues.map((i) => i.message)).toEqual([
      'm.yaml:1:1: mdln: expected string, got 12',
      'm.yaml:2:1: softrev: expected string, got 1',
      'm.yaml:3:1: deviceId: expected an integer 0..32767, got "7"',
      'm.yaml:6:1: control: expected object, got a list of 1',
      'm.yaml:5:27: spool.maxMessages: 100000000000000000000 is outside 1..4294967295',
      'm.yaml:5:10: spool.maxBytes: Infinity is outside 1..9007199254740991',
    ]);
  });
});
