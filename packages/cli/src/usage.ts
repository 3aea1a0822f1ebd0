import { CliError } from './cli-error.js';

/** Prints a command's help text on stdout and returns exit code 0 (`--help` was asked for). */
export function printHelp(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

/** A CliError for a malformed command line: the message, then the command's usage line(s). */
export function usageError(message: string, usage: string): CliError {
  return new CliError(`${message}\nusage: ${usage}`);
}
