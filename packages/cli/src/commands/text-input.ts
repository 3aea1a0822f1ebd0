// Text input files of the SECS/GEM commands (models, operator scenarios, SML): read as bytes and
// decoded by core's decodeText, so a UTF-8 byte-order mark is dropped and a UTF-16 or binary file is
// refused with a message naming it, instead of reaching a parser as replacement characters.

import { decodeText, formatIssues } from '@bondline/core';
import { CliError } from '../cli-error.js';
import { readInputBytes } from '../io.js';

/** The name a file has in messages: `<stdin>` for `-`. */
function inputName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** A UTF-8 text file (or stdin for `-`); a missing or non-text file is a CliError (exit 2). */
export async function readTextInput(file: string, label?: string): Promise<string> {
  const text = decodeText(await readInputBytes(file, label), inputName(file));
  if (!text.ok) throw new CliError(formatIssues(text.issues));
  return text.value;
}
