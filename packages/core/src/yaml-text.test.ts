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
    // The same key in plain data: the number 1 and the string "1".
    const same = parseYamlText('b:\n  1: x\n  "1": y\n', { source: 'f.yaml' });
    expect(!same.ok && same.issues[0]?.message).toBe(
      'f.yaml:3:3: YAML syntax: Map keys must be unique; "1" appears twice',
    );
  });

  it('finds the one duplicate among 50 000 keys', () => {
    // How long it takes (linear: the yaml library's own check took 68 s here) is measured by
    // bench/yaml.bench.ts.
    const n = 50_000;
    const text = `${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\nk7: again\n`;
    const r = parseYamlText(text, { source: 'big.yaml' });
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual([`${n + 1}:1`]);
  });

  it('compares a mapping used as a key as it is written: keys nested in keys cost no more than the text', () => {
    // Found by core's hostile text: lines of `{` before a JSON document make each mapping the key of
    // the next; their plain-data form doubled with each level (gigabytes from 2 kB).
    const text = `${'{\n'.repeat(40)}"runs": 60, "seed": 7, "context": { "tool": "BND01", "chamber": "A" }\n`;
    const r = parseYamlText(text, { source: 'c.json', format: 'json' });
    expect(r.ok).toBe(false);
    const twice = parseYamlText('? [a, b]\n: 1\n? [a,\n   b]\n: 2\n? [a,b]\n: 3\n', { source: 'k.yaml' });
    expect(!twice.ok && twice.issues.map((i) => i.message)).toEqual([
      'k.yaml:3:3: YAML syntax: Map keys must be unique; "[a, b]" appears twice',
    ]);
  });

  it('shows a key holding a line break on one line', () => {
    const r = parseYamlText('{"a\\nb": 1, "a\\nb": 2}', { source: 'k.json', format: 'json' });
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([
      'k.json:1:13: JSON syntax: Map keys must be unique; "a\\nb" appears twice',
    ]);
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

  it('locates every key of a large mapping (keys indexed once per mapping)', () => {
    const n = 20_000;
    const text = Array.from({ length: n }, (_, i) => `k${i}: { a: ${i} }`).join('\n');
    const r = parseYamlText(text, { source: 'big.yaml' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    for (let i = 0; i < n; i++)
      expect(r.value.locate([`k${i}`, 'a'])).toBe(`${i + 1}:${String(i).length + 6}`);
  });

  it('takes a UTF-8 byte-order mark in JSON as YAML does, and names invisible characters in messages', () => {
    const r = parseYamlText('\uFEFF{"a": 1}', { source: 'f.json', format: 'json' });
    expect(r.ok && r.value.value).toEqual({ a: 1 });
    const bad = parseYamlText('{"a": 1,\u00A0}', { source: 'f.json', format: 'json' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues[0]?.message).toMatch(/^f\.json(:\d+:\d+)?: JSON syntax: /);
      expect(bad.issues[0]?.message).not.toMatch(/\u00A0/);
    }
  });

  it('refuses text nested deeper than the parser can follow, as too-deep, never a stack overflow', () => {
    for (const text of ['['.repeat(5000), '"a": '.repeat(20_000), `${'- '.repeat(3000)}x`]) {
      const r = parseYamlText(text, { source: 'deep.yaml' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('too-deep');
    }
  });
});

describe('parseYamlText on deeply nested text', () => {
  it('refuses nesting beyond maxDepth with its line:column, in YAML and JSON, every time it is asked', () => {
    // Without the bound the recursive document builder overflows the stack; a second such parse in the
    // same process aborted Node 20 with a fatal out-of-memory error in the regular-expression compiler.
    const yaml = `a: 1\nb: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const json = `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (let k = 0; k < 3; k++) {
      const y = parseYamlText(yaml, { source: 'deep.yaml' });
      expect(!y.ok && y.issues[0]).toMatchObject({ code: 'too-deep', path: '2:67' });
      expect(!y.ok && y.issues[0]?.message).toBe(
        'deep.yaml:2:67: the YAML nests deeper than 64 levels of mappings and lists; a configuration needs far fewer',
      );
      const j = parseYamlText(json, { source: 'deep.json', format: 'json' });
      expect(!j.ok && j.issues[0]?.code).toBe('too-deep');
    }
    // Brackets after a document has ended sit in the parser's error token, not its stack; they were
    // missed and cost the document builder hundreds of megabytes (the physics config fuzz test).
    for (const format of ['json', 'yaml'] as const) {
      const after = parseYamlText(`{"a": 1}\n${'['.repeat(100_000)}`, { source: `after.${format}`, format });
      expect(!after.ok && after.issues[0]).toMatchObject({ code: 'too-deep', path: '2:65' });
    }
    // Stray brackets below the depth limit: the first 99 problems one by one, then their count.
    const junk = parseYamlText(`{"a": 1}\n${'[ '.repeat(40)}${'] '.repeat(40)}\n`.repeat(30), {
      source: 'junk.yaml',
    });
    if (junk.ok) throw new Error('junk was accepted');
    expect(junk.issues).toHaveLength(100);
    expect(junk.issues[99]?.message).toMatch(
      /^junk\.yaml:\d+:\d+: YAML syntax: \d+ more problems from here on$/,
    );
    expect(parseYamlText('a: [[1]]', { source: 'f.yaml', maxDepth: 2 }).ok).toBe(false);
    expect(parseYamlText('a: [[1]]', { source: 'f.yaml', maxDepth: 3 }).ok).toBe(true);
  });
});
