import { formatIssues } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, F4, F8, I1, I8, J, L, U1, U4, U8 } from '../item/constructors.js';
import { parseSml, parseSmlItem, type SmlReadOptions } from './parse.js';
import { printSml, printSmlItem } from './print.js';

function item(text: string) {
  const r = parseSmlItem(text);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}

/** The one issue of text that must not parse, with its line and column split out of `path`. */
function error(text: string, options: SmlReadOptions = {}) {
  const r = parseSml(text, options);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  expect(r.issues).toHaveLength(1);
  const i = r.issues[0]!;
  const [line, column] = (i.path ?? '').split(':').map(Number);
  return { ...i, line, column };
}

describe('parse SML', () => {
  it('the docs/secs.md §2.4 example', () => {
    expect(parseSml('S1F3 W <L[2] <U4 1> <U4 2>>.')).toEqual({
      ok: true,
      value: [{ stream: 1, function: 3, wBit: true, body: L(U4(1), U4(2)) }],
    });
  });

  it('several messages, comments, multi-line layout, no W, header only', () => {
    const text = [
      '// are you there',
      'S1F1 W.',
      '/* establish',
      '   communications */ S1F13 W',
      '  <L [2]',
      '    <A "MDLN">  // model',
      "    <A 'SOFTREV'>",
      '  >',
      '.',
      's6f12 <B 0x00>.',
      'S1F2W<L>.',
    ].join('\n');
    expect(parseSml(text)).toEqual({
      ok: true,
      value: [
        { stream: 1, function: 1, wBit: true },
        { stream: 1, function: 13, wBit: true, body: L(A('MDLN'), A('SOFTREV')) },
        { stream: 6, function: 12, wBit: false, body: B([0]) },
        { stream: 1, function: 2, wBit: true, body: L() },
      ],
    });
  });

  it('quoted ASCII with escapes; adjacent strings concatenate', () => {
    expect(item(String.raw`<A "a\"b\\c\n\r\t\0\x7F\u{e9}" 'd' "'">`)).toEqual(
      A('a"b\\c\n\r\t\0\x7f\u00e9d\''),
    );
  });

  it('hex, decimal and binary integers; signs; bigints past 2^53', () => {
    expect(item('<B 0x0A 255 0b11>')).toEqual(B([10, 255, 3]));
    expect(item('<I1 -128 +127 -0x10>')).toEqual(I1([-128, 127, -16]));
    expect(item('<U8 18446744073709551615 9007199254740993>')).toEqual(U8([2n ** 64n - 1n, 2n ** 53n + 1n]));
    expect(item('<I8 -9223372036854775808>')).toEqual(I8(-(2n ** 63n)));
  });

  it('booleans in the usual spellings', () => {
    expect(item('<BOOLEAN T F TRUE false True 0 1 0x02>')).toEqual(
      BOOLEAN([true, false, true, false, true, false, true, true]),
    );
    expect(item('<Boolean>')).toEqual(BOOLEAN([]));
  });

  it('floats: exponents, NaN, Inf, -0', () => {
    const f = item('<F8 1e-300 -2.5E+3 .5 NaN Inf -Infinity -0 7>');
    expect(f).toEqual(F8([1e-300, -2500, 0.5, Number.NaN, Infinity, -Infinity, -0, 7]));
  });

  it('empty items and checked counts', () => {
    expect(item('<L>')).toEqual(L());
    expect(item('<L [0]>')).toEqual(L());
    expect(item('<A>')).toEqual(A(''));
    expect(item('<U4 [3] 1 2 3>')).toEqual(U4([1, 2, 3]));
    expect(item('<A [3] "abc">')).toEqual(A('abc'));
  });

  it('J text as JIS-8 characters', () => {
    expect(item('<J "ｱｲ¥">')).toEqual(J('ｱｲ¥'));
  });
});

describe('SML errors name line and column', () => {
  it('count mismatch points at the count', () => {
    expect(error('S1F3 W\n  <L [3] <U4 1>>.')).toEqual({
      code: 'sml-count',
      path: '2:6',
      line: 2,
      column: 6,
      message: 'line 2, column 6: L declares [3] but holds 1',
    });
  });

  it('bad value points at the word', () => {
    expect(error('S1F3 W <L\n   <U1 1 256>>.')).toMatchObject({ code: 'sml-value', line: 2, column: 10 });
    expect(error('S1F3 <U4 -1>.')).toMatchObject({ code: 'sml-value', line: 1, column: 10 });
    expect(error('S1F3 <F4 abc>.')).toMatchObject({ code: 'sml-value', line: 1, column: 10 });
    expect(error('S1F3 <BOOLEAN maybe>.')).toMatchObject({ code: 'sml-value', line: 1, column: 15 });
  });

  it('syntax errors', () => {
    expect(error('S1F3 W <L <U4 1>.')).toEqual({
      code: 'sml-syntax',
      path: '1:17',
      line: 1,
      column: 17,
      message:
        "line 1, column 17: expected an item or '>' to close the L opened at line 1, column 8, got '.'",
    });
    expect(error('S1F3 W <U4 1>')).toMatchObject({ code: 'sml-incomplete', line: 1, column: 14 });
    expect(error('S1F3 W <X 1>.')).toMatchObject({ code: 'sml-syntax', line: 1, column: 9 });
    expect(error('hello.')).toMatchObject({ code: 'sml-syntax', line: 1, column: 1 });
    expect(error('S1F1 <A "abc\n">.')).toMatchObject({ code: 'sml-syntax', line: 1, column: 9 });
    expect(error('S1F1 <A abc>.')).toMatchObject({ code: 'sml-syntax', line: 1, column: 9 });
    expect(error('S1F1 /* open')).toMatchObject({ code: 'sml-incomplete', line: 1, column: 6 });
    expect(error('S1F1 <A "\\q">.')).toMatchObject({ code: 'sml-syntax', line: 1, column: 10 });
    expect(error('S1F1 W <L [x]>.')).toMatchObject({ code: 'sml-syntax', line: 1, column: 11 });
  });

  it('out-of-range header and characters with no code', () => {
    expect(error('S128F1.')).toMatchObject({ code: 'sml-value', line: 1, column: 1 });
    expect(error('S1F256.')).toMatchObject({ code: 'sml-value' });
    expect(error('S1F1 <A "€">.')).toMatchObject({ code: 'sml-value', line: 1, column: 9 });
    expect(error('S1F1 <J "~">.')).toMatchObject({ code: 'sml-value', line: 1, column: 9 });
  });

  it('nesting deeper than 64 lists is refused, not a stack overflow', () => {
    expect(parseSmlItem(`${'<L '.repeat(65)}${'>'.repeat(65)}`)).toMatchObject({
      ok: false,
      issues: [
        { code: 'sml-too-deep', path: '1:193', message: 'line 1, column 193: lists nested deeper than 64' },
      ],
    });
    expect(parseSmlItem(`${'<L '.repeat(64)}${'>'.repeat(64)}`).ok).toBe(true);
    expect(error(`S1F1 ${'<L'.repeat(100_000)}`)).toMatchObject({ code: 'sml-too-deep' });
  });

  it('a source is named as file:line:column', () => {
    expect(error('S1F3 W\n  <U4 x>.', { source: 'a.sml' }).message).toBe(
      "a.sml:2:7: U4: 'x' is not an integer",
    );
  });

  it('text that ends inside a message, item, string or comment is sml-incomplete', () => {
    for (const t of [
      'S1F3 W',
      'S1F3 W <L',
      'S1F3 W <L <A "ab',
      'S1F3 W <L [2',
      'S1F',
      'S1F3 W <U4 1 /* x',
      'S1F1 <A "\\',
    ])
      expect(error(t).code, t).toBe('sml-incomplete');
    // A string cannot span lines: more text does not complete it.
    expect(error('S1F1 <A "ab\n').code).toBe('sml-syntax');
  });
});

describe('SML errors say what was wrong in words a person can read', () => {
  it('accepts a UTF-8 byte-order mark at the start', () => {
    expect(parseSml('\uFEFFS1F1 W.')).toEqual({ ok: true, value: [{ stream: 1, function: 1, wBit: true }] });
    expect(error('\uFEFFS1F1 <U4 x>.')).toMatchObject({ path: '1:10' });
  });

  it('names invisible characters instead of printing them', () => {
    expect(error('S1F1\u00A0W.').message).toBe(
      "line 1, column 1: expected a message header like S1F3, got 'S1F1<U+00A0 no-break space>W'",
    );
    expect(error('S1F1 <U4 1\u200B>.').message).toBe(
      "line 1, column 10: U4: '1<U+200B zero-width space>' is not an integer",
    );
    expect(error('S1F1 <A "x" \u0007>.').message).toMatch(/got '<U\+0007>'/);
    expect(error('S1F1 \uFEFF<L>.').message).toMatch(/<U\+FEFF byte-order mark>/);
  });

  it('a number where text belongs, and text where numbers belong', () => {
    expect(error('S1F1 <A 42>.').message).toBe(
      'line 1, column 9: A: expected a quoted string, got \'42\' (a number as text is written "42")',
    );
    expect(error('S1F1 <U4 "42">.')).toMatchObject({
      code: 'sml-value',
      message: 'line 1, column 10: U4: expected values, got text (text is an A item: <A "...">)',
    });
  });

  it('huge numbers are out of range, never silently infinite', () => {
    expect(error('S1F1 <U4 99999999999999999999>.').message).toBe(
      'line 1, column 10: U4: 99999999999999999999 is out of range 0..4294967295',
    );
    // How long a million digits take is measured by bench/codec.bench.ts.
    const digits = '9'.repeat(1_000_000);
    expect(error(`S1F1 <U8 ${digits}>.`).message).toMatch(
      /^line 1, column 10: U8: '9{40}… \(1000000 characters\)' is out of range/,
    );
    expect(error(`S1F1 <F8 ${digits}>.`).message).toMatch(/is out of range \(largest F8/);
    expect(error('S1F1 <F4 1e39>.').message).toBe(
      "line 1, column 10: F4: '1e39' is out of range (largest F4 3.4028235e38; write Inf for infinity)",
    );
    expect(error('S1F1 <F8 -1e400>.').code).toBe('sml-value');
    expect(item('<F4 3.4028235e38 Inf>')).toEqual(F4([3.4028234663852886e38, Infinity]));
  });

  it('an empty script is refused when the caller needs a message', () => {
    expect(parseSml('// nothing\n')).toEqual({ ok: true, value: [] });
    expect(error('// nothing\n', { source: 'a.sml', allowEmpty: false })).toMatchObject({
      code: 'sml-empty',
      message: 'a.sml: no SML message: the text is empty or holds only comments',
    });
    expect(parseSmlItem('  ')).toMatchObject({ ok: false, issues: [{ code: 'sml-empty' }] });
  });
});

describe('print SML', () => {
  const msg = { stream: 1, function: 3, wBit: true, body: L(U4(1), U4(2)) };

  it('compact form matches the docs/secs.md §2.4 example', () => {
    expect(printSml(msg, { compact: true })).toBe('S1F3 W <L [2] <U4 1> <U4 2>>.');
  });

  it('block form puts each list member on its own indented line', () => {
    expect(printSml({ ...msg, body: L(L(), A('x'), L(U1(5))) })).toBe(
      ['S1F3 W', '<L [3]', '  <L>', '  <A "x">', '  <L [1]', '    <U1 5>', '  >', '>', '.'].join('\n'),
    );
  });

  it('a header-only message is `S1F1 W.`', () => {
    expect(printSml({ stream: 1, function: 1, wBit: true })).toBe('S1F1 W.');
  });

  it('escapes non-printable ASCII and keeps JIS-8 katakana', () => {
    expect(printSmlItem(A('a"\\\n\x01\u00ff'))).toBe(String.raw`<A "a\"\\\n\x01\xff">`);
    expect(printSmlItem(J('ｱ¥\x80'))).toBe(String.raw`<J "ｱ¥\x80">`);
  });

  it('floats print shortest text that reads back exactly', () => {
    // 0.1 as binary32 is 0.100000001490116...; "0.1" already rounds back to it.
    expect(printSmlItem(F4([0.1, 1 / 3, -0, Number.NaN, -Infinity]))).toBe('<F4 0.1 0.33333334 -0 NaN -Inf>');
    expect(printSmlItem(F8([0.1, 1 / 3, 5e-324]))).toBe('<F8 0.1 0.3333333333333333 5e-324>');
  });

  it('print(parse(x)) is stable', () => {
    const text = 'S2F41 W <L [2] <A "START"> <L [1] <L [2] <A "PPID"> <F4 1.1 2.5e-7>>>>.';
    const once = parseSml(text);
    expect(once.ok).toBe(true);
    if (!once.ok) return;
    const printed = once.value.map((m) => printSml(m, { compact: true })).join('\n');
    expect(printed).toBe(text);
    const twice = parseSml(printed);
    expect(twice.ok && twice.value.map((m) => printSml(m)).join('\n')).toBe(
      once.value.map((m) => printSml(m)).join('\n'),
    );
  });
});
