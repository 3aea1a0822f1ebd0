import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseCommandArgs` returns for an options table: typed values and the positionals. */
export type ParsedCommandArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * Strict argument parsing for one sub-command; any unknown flag or missing
 * value becomes a CliError (exit 2) naming the flag.
 */
export function parseCommandArgs<const O extends Options>(
  argv: string[],
  options: O,
  usage: string,
): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new CliError(`${msg}\nusage: ${usage}`);
  }
}

/** Parse a numeric flag value, naming the flag and the allowed range on failure. */
export function numberArg(
  name: string,
  raw: string | undefined,
  opts: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  const range = `${opts.min ?? '-inf'}..${opts.max ?? 'inf'}`;
  if (raw.trim() === '' || !Number.isFinite(v) || (opts.integer === true && !Number.isInteger(v))) {
    throw new CliError(
      `--${name}: '${raw}' is not ${opts.integer === true ? 'an integer' : 'a number'} (allowed ${range})`,
    );
  }
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
    throw new CliError(`--${name}: ${v} is out of range (allowed ${range})`);
  }
  return v;
}
