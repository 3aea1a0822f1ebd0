import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.js';

// Shared file input for the commands, so every command words a missing or unreadable file the same way
// (output files: output-files.ts).

function readFailure(file: string, label: string | undefined, err: unknown): CliError {
  const prefix = label === undefined ? '' : `${label}: `;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return new CliError(`${prefix}file not found: ${file}`);
  return new CliError(`${prefix}cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * Reads a binary input file, or stdin when `file` is '-'. A failure is a CliError naming the
 * file and, when given, the argument it came from (`label`, e.g. '--template').
 */
export async function readInputBytes(file: string, label?: string): Promise<Buffer> {
  try {
    // stdin (fd 0) is read synchronously: fs/promises takes paths and FileHandles, not descriptors.
    return file === '-' ? readFileSync(0) : await readFile(file);
  } catch (err) {
    throw readFailure(file, label, err);
  }
}

/** Reads a UTF-8 text input file, or stdin when `file` is '-'; failures as for `readInputBytes`. */
export async function readInputText(file: string, label?: string): Promise<string> {
  return (await readInputBytes(file, label)).toString('utf8');
}

/** Prints one JSON document and a newline on stdout; `indent` spaces per level (0: one line). */
export function printJson(value: unknown, indent = 0): void {
  process.stdout.write(`${JSON.stringify(value, null, indent)}\n`);
}
