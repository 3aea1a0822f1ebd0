import { describe, expect, it } from 'vitest';
import { numberArg, parseCommandArgs } from './args.js';
import { CliError } from './cli-error.js';

const OPTIONS = {
  mc: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const parse = (...argv: string[]) => parseCommandArgs(argv, OPTIONS, 'yield');
const refusal = (f: () => unknown): CliError => {
  try {
    f();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
};

describe('parseCommandArgs', () => {
  it('gives the values and positionals of a good command line', () => {
    expect(parse('c.yaml', '--mc', '20', '--json')).toEqual({
      values: { mc: '20', json: true },
      positionals: ['c.yaml'],
    });
    expect(parse('--', '--odd-name').positionals).toEqual(['--odd-name']);
  });

  it("words every refusal itself (not Node's text) and points at --help; exit 2", () => {
    const cases: [string[], string][] = [
      [['--foo'], 'unknown option --foo (see bondline yield --help)'],
      [['-x'], 'unknown option -x (see bondline yield --help)'],
      [['-hx'], 'unknown option -x (see bondline yield --help)'],
      [['--mc'], '--mc needs a value (see bondline yield --help)'],
      [
        ['--mc', '--json'],
        "--mc needs a value (to give one that starts with '-', write --mc=--json) (see bondline yield --help)",
      ],
      [['--json=yes'], '--json takes no value (see bondline yield --help)'],
      [['--mc', '1', '--mc', '2'], '--mc is given twice (see bondline yield --help)'],
    ];
    for (const [argv, message] of cases) {
      const err = refusal(() => parse(...argv));
      expect(err.message).toBe(message);
      expect(err.exitCode).toBe(2);
      expect(err.message).not.toMatch(/place it at the end|argument missing|ambiguous/);
    }
  });

  it('takes a negative number after an option as its value', () => {
    expect(parse('--mc', '-1').values.mc).toBe('-1');
    expect(parse('--mc', '-.5').values.mc).toBe('-.5');
    expect(parse('--', '--mc', '-1').positionals).toEqual(['--mc', '-1']);
  });
});

describe('numberArg', () => {
  const mc = { integer: true, min: 1, max: 100000 } as const;

  it('passes a value in range and undefined for an option not given', () => {
    expect(numberArg('mc', '200', mc)).toBe(200);
    expect(numberArg('mc', '1e3', mc)).toBe(1000);
    expect(numberArg('mc', undefined, mc)).toBeUndefined();
  });

  it('refuses with the name, the value and the allowed range', () => {
    const cases: [string, string][] = [
      ['1e300', '--mc: 1e300 is out of range; allowed: an integer from 1 to 100000'],
      ['1e400', "--mc: '1e400' is out of range; allowed: an integer from 1 to 100000"],
      ['-1', '--mc: -1 is out of range; allowed: an integer from 1 to 100000'],
      ['2.5', '--mc: 2.5 is not an integer; allowed: an integer from 1 to 100000'],
      ['abc', "--mc: 'abc' is not a number; allowed: an integer from 1 to 100000"],
      ['', "--mc: '' is not a number; allowed: an integer from 1 to 100000"],
      ['0x10', "--mc: '0x10' is not a number; allowed: an integer from 1 to 100000"],
      ['Infinity', "--mc: 'Infinity' is not a number; allowed: an integer from 1 to 100000"],
      [' 5', "--mc: ' 5' is not a number; allowed: an integer from 1 to 100000"],
    ];
    for (const [raw, message] of cases) {
      expect(refusal(() => numberArg('mc', raw, mc)).message).toBe(message);
    }
  });

  it('supports exclusive bounds', () => {
    const ratio = { above: 0, max: 1 } as const;
    expect(numberArg('ambiguity', '1', ratio)).toBe(1);
    expect(numberArg('ambiguity', '1e-9', ratio)).toBe(1e-9);
    expect(refusal(() => numberArg('ambiguity', '0', ratio)).message).toBe(
      '--ambiguity: 0 is out of range; allowed: a number above 0 and at most 1',
    );
    const open = { min: -1, below: 1 } as const;
    expect(refusal(() => numberArg('x', '1', open)).message).toBe(
      '--x: 1 is out of range; allowed: a number at least -1 and below 1',
    );
  });
});
