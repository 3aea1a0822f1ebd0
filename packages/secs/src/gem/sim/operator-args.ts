// What the arguments of operator commands may be, as zod schemas: numbers, whole numbers of
// milliseconds or repetitions with their bounds, the two numbers of `uniform` and `normal`. The line
// grammar (which word is which argument) stays hand-written in operator-line.ts; a refused argument
// is a LineIssue naming the command, the argument and the column of its word.

import { z } from 'zod';
import type { ScriptIssueCode } from './operator-commands.js';
import { LineIssue, quoted } from './operator-names.js';
import type { Token } from './operator-tokens.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Longest sleep or wait timeout, ms: 2^31 - 1, the most a Node timer holds (about 24.8 days). */
export const MAX_MS = 2 ** 31 - 1;
/** Most repetitions of one `repeat` block. */
const MAX_REPEAT = 1_000_000_000;

type Ctx = Pick<z.core.$RefinementCtx, 'addIssue'>;
const refuse = (ctx: Ctx, code: ScriptIssueCode, message: string): void =>
  ctx.addIssue({ code: 'custom', message, params: { code } });

/** A number word: decimal with an optional sign, fraction and exponent; finite. */
const numberWord = z.string().transform((w, ctx): number => {
  if (!NUMBER.test(w)) {
    refuse(ctx, 'bad-number', `${quoted(w)} is not a number`);
    return z.NEVER;
  }
  const n = Number(w);
  if (!Number.isFinite(n)) {
    refuse(ctx, 'bad-number', `${quoted(w)} is too large`);
    return z.NEVER;
  }
  return n;
});

/** A whole number 0..max (`positive`: 1..max). */
function wholeNumber(max: number, positive = false) {
  return numberWord.pipe(
    z.number().superRefine((n, ctx) => {
      if (!Number.isInteger(n) || n < 0) refuse(ctx, 'bad-number', `must be a whole number >= 0, got ${n}`);
      else if (positive && n === 0) refuse(ctx, 'bad-number', 'must be > 0');
      else if (n > max) refuse(ctx, 'bad-number', `must be at most ${max}, got ${n}`);
    }),
  );
}

export const sleepArgs = z.object({ ms: wholeNumber(MAX_MS) });
export const repeatArgs = z.object({ count: wholeNumber(MAX_REPEAT) });
export const timeoutArgs = z.object({ ms: wholeNumber(MAX_MS, true) });
export const uniformArgs = z.object({ lo: numberWord, hi: numberWord }).superRefine((a, ctx) => {
  if (a.hi < a.lo) refuse(ctx, 'bad-value', `hi (${a.hi}) is below lo (${a.lo})`);
});
export const normalArgs = z.object({ mean: numberWord, sd: numberWord }).superRefine((a, ctx) => {
  if (a.sd < 0) refuse(ctx, 'bad-value', `sd must be >= 0, got ${a.sd}`);
});

/** One number word, or a LineIssue `what: problem` at its column. */
export function parseNumberWord(token: Token, what: string): number {
  const r = numberWord.safeParse(token.text);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const own = first.code === 'custom' ? (first.params?.code as ScriptIssueCode | undefined) : undefined;
  throw new LineIssue(own ?? 'bad-number', `${what}: ${first.message}`, token.start + 1);
}

/**
 * The arguments `words` (argument name → its token) read with `schema`, or a LineIssue for the first
 * refused one: `label name: problem` (`sleep ms: must be a whole number >= 0, got -1`) at its column.
 */
export function parseArgs<S extends z.ZodType<unknown, Record<string, string>>>(
  schema: S,
  words: Readonly<Record<string, Token>>,
  label: string,
): z.output<S> {
  const input = Object.fromEntries(Object.entries(words).map(([k, t]) => [k, t.text]));
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const key = first.path[0];
  const token = typeof key === 'string' ? words[key] : undefined;
  const own = first.code === 'custom' ? (first.params?.code as ScriptIssueCode | undefined) : undefined;
  const name = typeof key === 'string' ? ` ${key}` : '';
  throw new LineIssue(
    own ?? 'bad-number',
    `${label}${name}: ${first.message}`,
    token === undefined ? undefined : token.start + 1,
  );
}
