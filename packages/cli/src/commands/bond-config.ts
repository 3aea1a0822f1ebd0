import { formatIssues } from '@bondline/core';
import { type BondParams, loadBondConfig } from '@bondline/physics';
import { CliError } from '../cli-error.js';

/** A configuration read for `bondline yield` / `bondline gate`. */
export interface CliBondConfig {
  params: BondParams;
  format: 'bondline' | 'yap';
}

/**
 * Reads a Bondline or YAP/YAP+ configuration; every issue (file:line:col, key,
 * allowed range) goes into one CliError (exit 2), and the loader's notes (keys
 * read but not used) go to stderr so the user sees what was ignored.
 */
export async function loadCliBondConfig(file: string, section: string | undefined): Promise<CliBondConfig> {
  const loaded = await loadBondConfig(file, section === undefined ? {} : { section });
  if (!loaded.ok) {
    const n = loaded.issues.length;
    throw new CliError(
      `invalid configuration (${n} issue${n === 1 ? '' : 's'}):\n${formatIssues(loaded.issues, '  ')}`,
    );
  }
  for (const note of loaded.value.notes) process.stderr.write(`note: ${note.message}\n`);
  return { params: loaded.value.params, format: loaded.value.format };
}
