// Values of `set`: parsed against the variable's declared type when the script is read, and turned
// into a concrete value when the command runs (relative to the current value, drawn from the seeded
// generator, or with the repeat counter substituted).

import { checkValue, type Value, type ValueType } from '../model/value.js';
import { normalArgs, parseArgs, parseNumberWord, uniformArgs } from './operator-args.js';
import type { ValueSource } from './operator-commands.js';
import { LineIssue, quoted } from './operator-names.js';
import type { Token } from './operator-tokens.js';

// The repeat counter in a text (an escaped template: the characters, not a substitution).
const COUNTER = `\${i}`;
const INTEGER_TYPES: ReadonlySet<ValueType> = new Set(['U1', 'U2', 'U4', 'I1', 'I2', 'I4', 'B']);

/**
 * Check the `${...}` substitutions of a text: only `${i}`, and only inside a repeat. Returns true when
 * the text holds `${i}`.
 */
export function checkTemplate(text: string, inRepeat: boolean): boolean {
  const subs = text.match(/\$\{[^}]*\}/g) ?? [];
  for (const s of subs)
    if (s !== COUNTER)
      throw new LineIssue(
        'bad-value',
        `unknown substitution ${quoted(s)} (only ${COUNTER}, the repeat counter)`,
      );
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
  words: readonly Token[],
  text: string,
  opts: { absolute: boolean; inRepeat: boolean },
): ValueSource {
  if (words.length === 0) throw new LineIssue('syntax', `a value is missing (${type})`);
  if (type === 'A')
    return checkTemplate(text, opts.inRepeat) ? { kind: 'template', text } : { kind: 'literal', value: text };
  const [first, ...more] = words as [Token, ...Token[]];
  const column = first.start + 1;
  if (type === 'BOOLEAN') {
    if (words.length !== 1 || (first.text !== 'true' && first.text !== 'false'))
      throw new LineIssue('bad-value', `expected true or false (BOOLEAN), got ${quoted(text)}`, column);
    return { kind: 'literal', value: first.text === 'true' };
  }
  if (first.text === 'uniform' || first.text === 'normal') return randomSource(type, first.text, more);
  if (words.length !== 1)
    throw new LineIssue('bad-value', `expected one number (${type}), got ${quoted(text)}`, column);
  if (first.text === COUNTER) {
    checkTemplate(first.text, opts.inRepeat);
    return { kind: 'counter' };
  }
  const n = parseNumberWord(first, `value (${type})`);
  if (!opts.absolute && (first.text.startsWith('+') || first.text.startsWith('-'))) {
    if (INTEGER_TYPES.has(type) && !Number.isInteger(n))
      throw new LineIssue('bad-value', `a step of ${type} must be an integer, got ${first.text}`, column);
    return { kind: 'relative', delta: n };
  }
  const why = checkValue(type, n);
  if (why !== undefined) throw new LineIssue('bad-value', why, column);
  return { kind: 'literal', value: n };
}

function randomSource(type: ValueType, kind: 'uniform' | 'normal', args: readonly Token[]): ValueSource {
  const names = kind === 'uniform' ? (['lo', 'hi'] as const) : (['mean', 'sd'] as const);
  const [a, b] = args;
  if (args.length !== 2 || a === undefined || b === undefined)
    throw new LineIssue('syntax', `${kind} takes two numbers: ${kind} <${names.join('> <')}>`);
  if (kind === 'normal') {
    const { mean, sd } = parseArgs(normalArgs, { mean: a, sd: b }, kind);
    return { kind, mean, sd };
  }
  const { lo, hi } = parseArgs(uniformArgs, { lo: a, hi: b }, kind);
  if (INTEGER_TYPES.has(type))
    for (const [v, t] of [
      [lo, a],
      [hi, b],
    ] as const) {
      const why = checkValue(type, v);
      if (why !== undefined) throw new LineIssue('bad-value', `uniform bound: ${why}`, t.start + 1);
    }
  return { kind, lo, hi };
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
