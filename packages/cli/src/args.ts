import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseCommandArgs` returns for an options table: typed values and the positionals. */
export type ParsedCommandArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * Strict argument parsing for one sub-command. An unknown option, an option without its value, a
 * value given to a flag or an option given twice is a CliError (exit 2) in the command's own words:
 * `unknown option --foo (see bondline yield --help)`. `command` is what `bondline <command> --help`
 * takes. A negative number after an option that takes a value is that value (`--shift-y -7.5`).
 */
export function parseCommandArgs<const O extends Options>(
  argv: string[],
  options: O,
  command: string,
): ParsedCommandArgs<O> {
  const args = withNegativeValues(argv, options);
  const seeHelp = ` (see bondline ${command} --help)`;
  const parsed = strictParse(args, options, seeHelp);
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    const def = t.kind === 'option' ? options[t.name] : undefined;
    if (t.kind !== 'option' || def?.type !== 'string' || def.multiple === true) continue;
    if (seen.has(t.name)) throw new CliError(`--${t.name} is given twice${seeHelp}`);
    seen.add(t.name);
  }
  return { values: parsed.values, positionals: parsed.positionals } as ParsedCommandArgs<O>;
}

function strictParse<const O extends Options>(args: string[], options: O, seeHelp: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    // Node's messages name its own syntax ('-- "--foo"'); ours name the option and where to look.
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw err;
    throw new CliError(`${whatIsWrong(args, options)}${seeHelp}`, { cause: err });
  }
}

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/** `--opt -5` as `--opt=-5` for options that take a value (parseArgs would read -5 as options). */
function withNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a === '--') return [...out, ...argv.slice(i)];
    if (a.startsWith('--') && !a.includes('=') && options[a.slice(2)]?.type === 'string') {
      if (next !== undefined && NEGATIVE_NUMBER.test(next)) {
        out.push(`${a}=${next}`);
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** The first problem of a command line that strict parsing refused, found from its tokens. */
function whatIsWrong(args: string[], options: Options): string {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const def = options[t.name];
    if (def === undefined) return `unknown option ${t.rawName}`;
    if (def.type === 'boolean' && t.value !== undefined) return `${t.rawName} takes no value`;
    if (def.type === 'string' && t.value === undefined) return `${t.rawName} needs a value`;
    if (def.type === 'string' && !t.inlineValue && t.value?.startsWith('-') === true) {
      return `${t.rawName} needs a value (to give one that starts with '-', write ${t.rawName}=${t.value})`;
    }
  }
  return 'the command line cannot be read';
}

type Lower = { min: number; above?: never } | { above: number; min?: never };
type Upper = { max: number; below?: never } | { below: number; max?: never };

/**
 * The values a numeric option allows: a lower bound (`min`, or `above` when the bound itself is
 * refused) and an upper one (`max`, or `below`), so that every number is finite and plausible.
 */
export type NumberRange = Lower & Upper & { integer?: boolean };

// Decimal notation only: Number() would also take '0x10', '0b11', ' 5 ' and 'Infinity'.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parse a numeric option's value (`name` without the dashes); undefined when the option was not
 * given. A value that is not a decimal number, not an integer when `integer`, or outside the range is
 * a CliError naming the option, the value and what is allowed:
 * `--mc: 1e300 is out of range; allowed: an integer from 1 to 100000`.
 */
export function numberArg(name: string, raw: string | undefined, range: NumberRange): number | undefined {
  if (raw === undefined) return undefined;
  const allowed = `allowed: ${describeRange(range)}`;
  const v = Number(raw);
  if (!DECIMAL.test(raw) || !Number.isFinite(v)) {
    const what = DECIMAL.test(raw) ? 'out of range' : 'not a number';
    throw new CliError(`--${name}: '${raw}' is ${what}; ${allowed}`);
  }
  if (range.integer === true && !Number.isInteger(v)) {
    throw new CliError(`--${name}: ${raw} is not an integer; ${allowed}`);
  }
  const low = range.min === undefined ? v > range.above : v >= range.min;
  const high = range.max === undefined ? v < range.below : v <= range.max;
  if (!low || !high) throw new CliError(`--${name}: ${raw} is out of range; ${allowed}`);
  return v;
}

/** `an integer from 1 to 100000`, `a number above 0 and at most 1`. */
function describeRange(range: NumberRange): string {
  const kind = range.integer === true ? 'an integer' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} from ${range.min} to ${range.max}`;
  const low = range.min === undefined ? `above ${range.above}` : `at least ${range.min}`;
  const high = range.max === undefined ? `below ${range.below}` : `at most ${range.max}`;
  return `${kind} ${low} and ${high}`;
}
