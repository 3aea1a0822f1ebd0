// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// Hostile or careless scenario text: each problem is an issue with file:line in its message, the line
// (and column, where a word is at fault) in its path, and invisible characters named.
import { describe, expect, it } from 'vitest';
import { exampleModel } from '../equipment/test-rig.test-util.js';
import { MAX_MS } from './operator-args.js';
import { MAX_REPEAT_DEPTH, parseOperatorScript } from './operator-script.js';

const model = exampleModel();

function issues(text: string) {
  const r = parseOperatorScript(text, model, 'drill.txt');
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('operator script: where the problem is', () => {
  it('path is line:column of the word at fault, or the line', () => {
    expect(issues('say ok\n  bogus 1')).toEqual([
      {
        code: 'unknown-command',
        path: '2:3',
        message: expect.stringMatching(/^drill\.txt:2: unknown command 'bogus' \(commands: set,/),
      },
    ]);
    expect(issues('set WafersBonded  abc')[0]).toMatchObject({
      code: 'bad-number',
      path: '1:19',
      message: "drill.txt:1: set WafersBonded: value (U4): 'abc' is not a number",
    });
    expect(issues('event PairBonded extra')[0]).toMatchObject({ code: 'syntax', path: '1' });
    expect(issues('wait selected timeout -5')[0]).toMatchObject({
      path: '1:23',
      message: 'drill.txt:1: timeout ms: must be a whole number >= 0, got -5',
    });
  });

  it('an empty script, or one of comments only, is refused', () => {
    for (const text of ['', '\n\n', '# only a comment\n   # and another', '\uFEFF'])
      expect(parseOperatorScript(text, model, 'drill.txt')).toEqual({
        ok: false,
        issues: [
          {
            code: 'empty-script',
            message: 'drill.txt: the scenario has no commands (it is empty or holds only comments)',
          },
        ],
      });
  });

  it('accepts a UTF-8 byte-order mark and names invisible characters', () => {
    const r = parseOperatorScript('\uFEFFsay hi\nstatus', model, 'drill.txt');
    expect(r.ok && r.value.commands).toEqual([
      { op: 'say', text: 'hi', line: 1 },
      { op: 'status', line: 2 },
    ]);
    expect(issues('say a\nstatus\u00A0now')[0]?.message).toMatch(
      /^drill\.txt:2: unknown command 'status<U\+00A0 no-break space>now'/,
    );
    expect(issues('event Pair\u200BBonded')[0]?.message).toMatch(
      /^drill\.txt:1: unknown collection event 'Pair<U\+200B zero-width space>Bonded'/,
    );
    expect(issues('say a\n\uFEFFstatus')[0]?.message).toMatch(/<U\+FEFF byte-order mark>status/);
  });

  it('a number where text belongs is text; text where a number belongs says so', () => {
    const r = parseOperatorScript('set PairId 42', model, 'drill.txt');
    expect(r.ok && r.value.commands[0]).toMatchObject({ value: { kind: 'literal', value: '42' } });
    expect(issues('sleep 1s')[0]?.message).toBe("drill.txt:1: sleep ms: '1s' is not a number");
    expect(issues('set BondForce twenty thousand')[0]?.message).toBe(
      "drill.txt:1: set BondForce: expected one number (F8), got 'twenty thousand'",
    );
    expect(issues('set BondForce "high"')[0]?.message).toBe(
      "drill.txt:1: set BondForce: value (F8): 'high' is not a number",
    );
  });

  it('huge numbers get a message, never an infinity or a timer that fires at once', () => {
    expect(issues('set BondForce 1e400')[0]?.message).toBe(
      "drill.txt:1: set BondForce: value (F8): '1e400' is too large",
    );
    expect(issues(`set BondForce ${'9'.repeat(400)}`)[0]?.message).toMatch(
      /'9{40}… \(400 characters\)' is too large/,
    );
    expect(issues('set WafersBonded 99999999999')[0]?.message).toBe(
      'drill.txt:1: set WafersBonded: 99999999999 is not an integer in 0..4294967295 (U4)',
    );
    expect(issues(`sleep ${MAX_MS + 1}`)[0]?.message).toBe(
      `drill.txt:1: sleep ms: must be at most ${MAX_MS}, got ${MAX_MS + 1}`,
    );
    expect(issues('repeat 1e12\nend')[0]?.message).toBe(
      'drill.txt:1: repeat count: must be at most 1000000000, got 1000000000000',
    );
  });

  it(`repeat blocks nest ${MAX_REPEAT_DEPTH} deep, no deeper`, () => {
    const nest = (n: number) => `${'repeat 1\n'.repeat(n)}say x\n${'end\n'.repeat(n)}`;
    expect(parseOperatorScript(nest(MAX_REPEAT_DEPTH), model, 'drill.txt').ok).toBe(true);
    expect(issues(nest(MAX_REPEAT_DEPTH + 1))).toEqual([
      {
        code: 'too-deep',
        path: `${MAX_REPEAT_DEPTH + 1}:1`,
        message: `drill.txt:${MAX_REPEAT_DEPTH + 1}: repeat blocks nested deeper than ${MAX_REPEAT_DEPTH}`,
      },
    ]);
    // 100,000 nested repeats: one issue per line past the limit, no stack overflow.
    const deep = issues(nest(100_000));
    expect(deep).toHaveLength(100_000 - MAX_REPEAT_DEPTH);
    expect(deep.every((i) => i.code === 'too-deep')).toBe(true);
  });
});
