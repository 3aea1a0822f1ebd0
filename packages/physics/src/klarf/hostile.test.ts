import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manyListsKlarf, manyWafersKlarf } from './many-records.test-util.js';
import { MAX_KLARF_LENGTH, parseKlarf } from './parse.js';

// Hostile and damaged variants of the shipped example inspections (examples/klarf): each must come back
// as a value (accepted, or one issue naming the place and the problem), quickly.
const EXAMPLES = join(import.meta.dirname, '../../../../examples/klarf');
const bottom = readFileSync(join(EXAMPLES, 'bottom.klarf'), 'utf8'); // KLARF 1.2
const top = readFileSync(join(EXAMPLES, 'top.klarf'), 'utf8'); // KLARF 1.8
const source = 'b.klarf';

function refused(input: string | Uint8Array): { code: string; message: string; path?: string } {
  const r = parseKlarf(input, { source });
  if (r.ok) throw new Error('expected a refusal');
  expect(r.issues).toHaveLength(1);
  return r.issues[0]!;
}

describe('parseKlarf on hostile text', () => {
  it('accepts a UTF-8 byte-order mark, as bytes or as text, with columns counted after it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(bottom)]);
    for (const input of [bytes, `\uFEFF${bottom}`, `\uFEFF${top}`]) {
      const r = parseKlarf(input, { source });
      expect(r.ok).toBe(true);
    }
    // A later error still points at the right column of line 1.
    expect(refused('\uFEFFFileVersion 1 9;')).toMatchObject({ code: 'unsupported-version', path: '1:1' });
  });

  it('refuses a no-break space, a vertical tab and other invisible characters by name and place', () => {
    // Each of these once made the tokenizer loop until the process ran out of memory.
    const cases: [string, string, string][] = [
      ['\u00A0', '<U+00A0 no-break space>', 'retype it as a space'],
      ['\u000B', '<U+000B vertical tab>', 'retype it as a space'],
      ['\u2009', '<U+2009>', 'retype it as a space'],
      ['\u200B', '<U+200B zero-width space>', 'retype it as a space'],
      ['\uFEFF', '<U+FEFF byte-order mark> inside the file', 'only the first character'],
    ];
    for (const [ch, name, hint] of cases) {
      const i = refused(bottom.replace(' 2 8000.0 2500.0', ` 2 8000.0${ch}2500.0`));
      expect(i.code).toBe('bad-character');
      expect(i.path).toBe('25:10');
      expect(i.message).toContain(`${source}:25:10: ${name}`);
      expect(i.message).toContain(hint);
      expect(i.message).not.toContain(ch);
    }
    // In a quoted string of a KLARF 1.8 file too, at the character's own column.
    const s = refused(top.replace('"DEMO-LOT-01"', '"DEMO\u00A0LOT-01"'));
    expect(s).toMatchObject({ code: 'bad-character', path: '5:25' });
  });

  it('refuses binary junk: NUL and control characters in text, NUL or non-UTF-8 bytes in bytes', () => {
    const nul = refused(bottom.replace('DiePitch', 'Die\u0000Pitch'));
    expect(nul).toMatchObject({ code: 'bad-character', path: '13:4' });
    expect(nul.message).toBe(
      `${source}:13:4: <U+0000>, a control character: this is binary data, not KLARF text`,
    );
    const ff = refused(bottom.replace('DiePitch', 'Die\uFFFDPitch'));
    expect(ff.message).toContain('<U+FFFD replacement character>: the file');
    expect(refused(`FileVersion 1 2;\n\uD800`)).toMatchObject({ code: 'bad-character', path: '2:1' });
    const bytes = new TextEncoder().encode(bottom);
    const withNul = bytes.slice();
    withNul[100] = 0;
    expect(refused(withNul)).toMatchObject({ code: 'not-text' });
    const latin1 = bytes.slice();
    latin1[100] = 0xe9;
    expect(refused(latin1).message).toMatch(/^b\.klarf: the file is not UTF-8 text/);
    expect(refused(new Uint8Array([0xff, 0xfe, 0x46, 0x00])).code).toBe('unsupported-encoding');
  });

  it('counts CRLF and lone CR line ends as one line each', () => {
    for (const eol of ['\r\n', '\r']) {
      const r = parseKlarf(bottom.replaceAll('\n', eol), { source });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.wafers[0]!.defects.map((d) => d.line)).toEqual([24, 25, 26, 27, 28]);
      expect(refused(bottom.replaceAll('\n', eol).replace('2500.0', '2S00.0')).path).toBe('25:11');
    }
  });

  it('refuses numbers that are not finite, not decimal or not plausible, naming the field and range', () => {
    const row = (r: string) => bottom.replace(' 2 8000.0 2500.0 11 8 0.18 0.16 0.023 0.17 1', r);
    expect(refused(row(' 2 8000.0 2500.0 11 8 0.18 0.16 0.023 1e300 1'))).toMatchObject({
      code: 'out-of-range',
      path: '25:39',
      message: `${source}:25:39: DSIZE: 1e300 µm is out of range (allowed [0, 500000] µm: no defect is larger than a 500 mm wafer)`,
    });
    expect(refused(row(' 2 8000.0 2500.0 11 8 0.18 0.16 0.023 -0.17 1')).code).toBe('out-of-range');
    for (const bad of ['NaN', 'Infinity', '-Infinity', '0x1F', '1_0', '']) {
      const i = refused(row(` 2 8000.0 ${bad === '' ? '""' : bad} 11 8 0.18 0.16 0.023 0.17 1`));
      expect(i.code, bad).toBe('bad-value');
      expect(i.message, bad).toContain('YREL: ');
      expect(i.message, bad).toContain('is not a number');
    }
    expect(refused(row(' 2 8000.0 2500.0 1.5 8 0.18 0.16 0.023 0.17 1')).message).toContain(
      'XINDEX: 1.5 is not a whole number',
    );
    expect(refused(row(' 2 8000.0 2500.0 2e9 8 0.18 0.16 0.023 0.17 1')).code).toBe('out-of-range');
    expect(refused(bottom.replace('DiePitch 1.1e+04', 'DiePitch 0')).message).toContain(
      'DiePitch: 0 µm is out of range (allowed (0, 500000] µm',
    );
    expect(refused(bottom.replace('SampleCenterLocation 1.54e+05', 'SampleCenterLocation 1e999')).code).toBe(
      'out-of-range',
    );
    expect(refused(top.replace('Data 6', 'Data -1')).message).toContain('Data count: -1 is out of range');
    expect(refused(top.replace('Columns 9', 'Columns 1e12')).message).toContain('Columns count: 1e12');
    expect(refused(bottom.replace('DefectRecordSpec 10', 'DefectRecordSpec 2.5')).message).toContain(
      'DefectRecordSpec count: 2.5 is not a whole number',
    );
  });

  it('refuses records nested deeper than a real file needs, without exhausting the stack', () => {
    const depth = 100_000;
    const text = `Record FileRecord "1.8" {${' Record X "y" {'.repeat(depth)}${' }'.repeat(depth)} }`;
    expect(refused(text)).toMatchObject({ code: 'too-deep', path: '1:252' });
  });

  it('reads 20 000 wafers with 20 004 columns, and 50 000 defect lists', () => {
    // Cloned column lists per wafer and re-copied rows per DefectList were quadratic in the file
    // (minutes); the time these take is measured by bench/gate.bench.ts.
    const a = parseKlarf(manyWafersKlarf(), { source });
    const b = parseKlarf(manyListsKlarf(), { source });
    expect(a.ok && a.value.wafers.length).toBe(20_000);
    expect(b.ok && b.value.wafers[0]!.defects.length).toBe(50_000);
  });

  it('refuses a text longer than MAX_KLARF_LENGTH before reading it', () => {
    const huge = new Uint8Array(MAX_KLARF_LENGTH + 1);
    expect(refused(huge)).toMatchObject({ code: 'too-large' });
  });

  it('names invisible characters of the source in messages, and cuts long tokens on a character', () => {
    const r = parseKlarf('', { source: 'a\u00A0b.klarf' });
    expect(!r.ok && r.issues[0]?.message).toBe(
      'a<U+00A0 no-break space>b.klarf:1:1: empty file: no KLARF records',
    );
    const long = refused(`${'\u{1F600}'.repeat(30)};`);
    expect(long.message).toBe(
      `${source}:1:1: not a KLARF file: expected 'FileVersion' (1.2) or 'Record FileRecord' (1.8), found '${'\u{1F600}'.repeat(30)}'`,
    );
    const longer = refused(`${'\u{1F600}'.repeat(50)};`);
    expect(longer.message).toContain(`found '${'\u{1F600}'.repeat(40)}…'`);
  });

  it('does not take a quoted ; or { for punctuation', () => {
    expect(parseKlarf(bottom.replace('StepID "PRE_BOND_BOTTOM";', 'StepID ";";'), { source }).ok).toBe(true);
    expect(refused(top.replace('Field SlotNumber 1 {7}', 'Field SlotNumber 1 "{" 7}')).code).toBe('syntax');
  });
});
