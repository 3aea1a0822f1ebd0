import { describe, expect, it } from 'vitest';
import { parseYamlText } from './yaml-text.js';

describe('parseYamlText', () => {
  it('gives the data and the line:column of a key path', () => {
    const r = parseYamlText('a: 1\nb:\n  c: [1, 2]\n  d:\n    - x: 3\n', { source: 'f.yaml' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.value).toEqual({ a: 1, b: { c: [1, 2], d: [{ x: 3 }] } });
    expect(r.value.locate(['b', 'c'])).toBe('3:3');
    expect(r.value.locate(['b', 'd', 0, 'x'])).toBe('5:7');
    expect(r.value.locate(['nope'])).toBeUndefined();
  });

  it('refuses a syntax error with its position', () => {
    const r = parseYamlText('a: [1, 2\n', { source: 'f.yaml' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.code).toBe('syntax');
      expect(r.issues[0]?.message).toMatch(/^f\.yaml:\d+:\d+: YAML syntax: /);
    }
  });

  it('refuses a duplicate key', () => {
    const r = parseYamlText('a: 1\na: 2\n', { source: 'f.yaml' });
    expect(!r.ok && r.issues[0]?.message).toMatch(/^f\.yaml:2:1: YAML syntax: .*unique/i);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    // Each level doubles: 2^20 leaves from 21 short lines ("billion laughs").
    const lines = ['l0: &l0 [x, x]'];
    for (let i = 1; i <= 20; i++) lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const r = parseYamlText(`${lines.join('\n')}\n`, { source: 'bomb.yaml' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'too-many-aliases' });
  });

  it('holds JSON to strict JSON when asked', () => {
    expect(parseYamlText('{"a": 1}', { source: 'f.json', format: 'json' }).ok).toBe(true);
    const r = parseYamlText('{"a": 1,}', { source: 'f.json', format: 'json' });
    expect(!r.ok && r.issues[0]?.message).toMatch(/^f\.json(:\d+:\d+)?: JSON syntax: /);
  });

  it('keeps a syntax message on one line with every character visible', () => {
    const r = parseYamlText('{\n  "a": 1,\n  "\u200bb"\n}', { source: 'f.json', format: 'json' });
    const m = !r.ok ? (r.issues[0]?.message ?? '') : '';
    expect(m).toMatch(/^f\.json(:\d+:\d+)?: JSON syntax: /);
    expect(m).not.toContain('\n');
    expect(m).not.toContain('\u200b');
  });
});
