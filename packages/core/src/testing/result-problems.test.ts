import { describe, expect, it } from 'vitest';
import { resultProblems } from './result-problems.js';

describe('resultProblems', () => {
  it('passes a value, and an issue in the one shape', () => {
    expect(resultProblems({ ok: true, value: { x: 1, data: new Float64Array([1, 2]) } })).toEqual([]);
    expect(
      resultProblems({
        ok: false,
        issues: [{ code: 'out-of-range', message: 'f.yaml:2:3: x: too big', path: '2:3' }],
      }),
    ).toEqual([]);
  });

  it('names what is not a result', () => {
    expect(resultProblems(undefined)).toEqual(['the result is not an object']);
    expect(resultProblems({ ok: 'yes' })).toEqual(['ok is neither true nor false']);
    expect(resultProblems({ ok: true })).toEqual(['ok without a value']);
    expect(resultProblems({ ok: false, issues: [] })).toEqual(['a refusal without issues']);
  });

  it('finds a number that is not finite in a value, unless it may be there', () => {
    expect(resultProblems({ ok: true, value: { a: [{ b: Number.NaN }] } })).toEqual([
      'a number that is not finite at value.a.0.b',
    ]);
    expect(resultProblems({ ok: true, value: { d: new Float32Array([1, Infinity]) } })).toEqual([
      'a number that is not finite at value.d[1]',
    ]);
    expect(resultProblems({ ok: true, value: Number.NaN }, { finiteValues: false })).toEqual([]);
  });

  it('names an issue out of shape: its code, message and path', () => {
    const problems = resultProblems(
      {
        ok: false,
        issues: [
          { code: 'Bad_Code', message: 'x' },
          { code: 'empty', message: ' ' },
          { code: 'two-lines', message: 'a\nb' },
          { code: 'hidden', message: 'a\u200Bb' },
          { code: 'where', message: 'm', path: 'key' },
        ],
      },
      { path: /^\d+:\d+$/ },
    );
    expect(problems).toEqual([
      'code Bad_Code is not kebab-case',
      'an issue without a message',
      'a message of more than one line: "a\\nb"',
      'an invisible character in: a<U+200B zero-width space>b',
      'path "key" of "m" is not of the expected form',
    ]);
  });
});
