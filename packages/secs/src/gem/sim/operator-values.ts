// Values of `set`: parsed against the variable's declared type when the script is read, and turned
// into a concrete value when the command runs (relative to the current value, drawn from the seeded
// generator, or with the repeat counter substituted).

import { checkValue, type Value, type ValueType } from '../model/value.js';
import type { ValueSource } from './operator-commands.js';
import { LineIssue } from './operator-names.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// The repeat counter in a text (an escaped template: the characters, not a substitution).
const COUNTER = `\${i}`;
const INTEGER_TYPES: ReadonlySet<ValueType> = new Set(['U1', 'U2', 'U4', 'I1', 'I2', 'I4', 'B']);

/** A number word, or a LineIssue naming `what` it was meant to be. */
export function parseNumber(word: string | undefined, what: string): number {
  if (word === undefined) throw new LineIssue('syntax', `${what} is missing`);
  if (!NUMBER.test(word)) throw new LineIssue('bad-number', `${what}: '${word}' is not a number`);
  return Number(word);
}

/**
 * Check the `${...}` substitutions of a text: only `${i}`, and only inside a repeat. Returns true when
 * the text holds `${i}`.
 */
export function checkTemplate(text: string, inRepeat: boolean): boolean {
  const subs = text.match(/\$\{[^}]*\}/g) ?? [];
  for (const s of subs)
    if (s !== COUNTER)
      throw new LineIssue('bad-value', `unknown substitution ${s} (only ${COUNTER}, the repeat counter)`);
  if (subs.length > 0 && !inRepeat)
    throw new LineIssue('counter-outside-repeat', `${COUNTER} is used outside repeat ... end`);
  return subs.length > 0;
}

/** `text` with `${i}` replaced by the counter. */
export function substitute(text: string, counter: number | undefined): string {
  return text.split(COUNTER).join(String(counter ?? ''));
}

/**
 * The value source of `set <var> <words>` for a variable of `type`. `text` is the rest of the line
 * (used for text variables); `absolute` is true after `=` (then a leading sign is not relative).
 */
export function parseValueSource(
  type: ValueType,
  words: readonly string[],
  text: string,
  opts: { absolute: boolean; inRepeat: boolean },
): ValueSource {
  if (words.length === 0) throw new LineIssue('syntax', `a value is missing (${type})`);
  if (type === 'A')
    return checkTemplate(text, opts.inRepeat) ? { kind: 'template', text } : { kind: 'literal', value: text };
  const [first, ...more] = words as [string, ...string[]];
  if (type === 'BOOLEAN') {
    if (words.length !== 1 || (first !== 'true' && first !== 'false'))
      throw new LineIssue('bad-value', `expected true or false (BOOLEAN), got '${text}'`);
    return { kind: 'literal', value: first === 'true' };
  }
  if (first === 'uniform' || first === 'normal') return randomSource(type, first, more);
  if (words.length !== 1) throw new LineIssue('bad-value', `expected one number (${type}), got '${text}'`);
  if (first === COUNTER) {
    checkTemplate(first, opts.inRepeat);
    return { kind: 'counter' };
  }
  const n = parseNumber(first, `value (${type})`);
  if (!opts.absolute && (first.startsWith('+') || first.startsWith('-'))) {
    if (INTEGER_TYPES.has(type) && !Number.isInteger(n))
      throw new LineIssue('bad-value', `a step of ${type} must be an integer, got ${first}`);
    return { kind: 'relative', delta: n };
  }
  const why = checkValue(type, n);
  if (why !== undefined) throw new LineIssue('bad-value', why);
  return { kind: 'literal', value: n };
}

function randomSource(type: ValueType, kind: 'uniform' | 'normal', args: readonly string[]): ValueSource {
  const names = kind === 'uniform' ? ['lo', 'hi'] : ['mean', 'sd'];
  if (args.length !== 2)
    throw new LineIssue('syntax', `${kind} takes two numbers: ${kind} <${names.join('> <')}>`);
  const a = parseNumber(args[0], `${kind} ${names[0]}`);
  const b = parseNumber(args[1], `${kind} ${names[1]}`);
  if (kind === 'normal') {
    if (b < 0) throw new LineIssue('bad-value', `normal sd must be >= 0, got ${b}`);
    return { kind, mean: a, sd: b };
  }
  if (b < a) throw new LineIssue('bad-value', `uniform hi (${b}) is below lo (${a})`);
  if (INTEGER_TYPES.has(type))
    for (const v of [a, b]) {
      const why = checkValue(type, v);
      if (why !== undefined) throw new LineIssue('bad-value', `uniform bound: ${why}`);
    }
  return { kind, lo: a, hi: b };
}

/**
 * Where `uniform` and `normal` values come from: a seeded generator, so that a run repeats. The CLI
 * passes @bondline/align's SeededRandom (sfc32, Box-Muller); any object with these two draws will do.
 */
export interface RandomSource {
  /** Uniform in (0, 1). */
  nextUniform(): number;
  /** Standard normal. */
  nextGaussian(): number;
}

/** What the value source gives now; a RangeError when the result does not fit the type. */
export function resolveValue(
  source: ValueSource,
  type: ValueType,
  env: { current: () => Value | undefined; counter: number | undefined; random: RandomSource },
): Value {
  const integer = INTEGER_TYPES.has(type);
  let v: Value;
  switch (source.kind) {
    case 'literal':
      return source.value;
    case 'template':
      return substitute(source.text, env.counter);
    case 'counter':
      v = env.counter ?? 0;
      break;
    case 'relative': {
      const cur = env.current();
      if (typeof cur !== 'number') throw new RangeError(`the current value ${String(cur)} is not a number`);
      v = cur + source.delta;
      break;
    }
    case 'uniform':
      // Integers: each of lo..hi equally likely; otherwise [lo, hi).
      v = integer
        ? Math.min(source.hi, source.lo + Math.floor((source.hi - source.lo + 1) * env.random.nextUniform()))
        : source.lo + (source.hi - source.lo) * env.random.nextUniform();
      break;
    case 'normal': {
      const x = source.mean + source.sd * env.random.nextGaussian();
      v = integer ? Math.round(x) : x;
      break;
    }
  }
  const why = checkValue(type, v);
  if (why !== undefined) throw new RangeError(why);
  return v;
}
